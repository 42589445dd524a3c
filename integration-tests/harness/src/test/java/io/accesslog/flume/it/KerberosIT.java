package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gzip HDFS sink in a real agent JVM against a Kerberized MiniDFSCluster (MiniKdc; block tokens
 * and SASL data transfer): it logs in from a keytab and writes as a proxy user with tickets much
 * shorter than the run, renewing them without a failed write; and a keytab whose key was rotated
 * away fails the start with a clear message, leaves the spool as it was, and a start with the new
 * keytab writes every line once.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class KerberosIT {
  private static final String AGENT_PRINCIPAL = "flume";
  private static final int TICKET_SECONDS = 8;

  private static Path work;
  private static KafkaBroker kafka;
  private static SecureHdfs hdfs;

  @BeforeAll
  static void startServers() {
    work = HarnessPaths.workDir().resolve("kerberos-" + System.currentTimeMillis());
    kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
    hdfs = SecureHdfs.start(work.resolve("secure-hdfs"), AGENT_PRINCIPAL);
  }

  @AfterAll
  static void stopServers() throws IOException {
    try {
      if (hdfs != null) {
        hdfs.close();
        // Kerberos in Hadoop is JVM-wide: the tests that run after this one in this JVM need simple
        // auth back.
        assertTrue(
            !org.apache.hadoop.security.UserGroupInformation.isSecurityEnabled(),
            "simple auth again");
        assertEquals(
            "SIMPLE",
            org.apache.hadoop.security.UserGroupInformation.getLoginUser()
                .getAuthenticationMethod()
                .name(),
            "login user back to the OS user");
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  private static FlumeAgent.Builder agent(
      String name, String topic, String root, Path keytab, int ticketSeconds) {
    Path dir = work.resolve(name);
    return AgentChecks.quickSink(
            FlumeAgent.builder(HarnessPaths.flumeHome())
                .configFile(
                    HarnessPaths.confExamples().resolve("storage-source-filechannel.properties"))
                .workDir(dir)
                .env(kafka.env())
                .env("HDFS_URI", hdfs.uri())
                .env("HDFS_ROOT", root)
                .env("KAFKA_TOPIC", topic)
                .env("KAFKA_GROUP_ID", name)
                .coreSite(
                    Map.of(
                        "hadoop.security.authentication",
                        "kerberos",
                        "hadoop.kerberos.min.seconds.before.relogin",
                        "2",
                        // connections idle for 2 s are closed, so new ones (needing a valid ticket)
                        // are made all along
                        "ipc.client.connection.maxidletime",
                        "2000"))
                .hadoopSite(hdfs.clientHdfsSite())
                .jvmArg(
                    "-Djava.security.krb5.conf="
                        + hdfs.clientKrb5Conf(dir.resolve("krb5.conf"), ticketSeconds)),
            name)
        .override("a1.sinks.hdfs.hdfs.kerberosPrincipal", AGENT_PRINCIPAL + "@" + hdfs.realm())
        .override("a1.sinks.hdfs.hdfs.kerberosKeytab", keytab.toString())
        .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs");
  }

  private static void mkdirOwnedBy(String root, String owner) throws IOException {
    FileSystem fs = hdfs.fileSystem();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root);
    fs.mkdirs(path);
    fs.setOwner(path, owner, null);
  }

  private static void awaitDrained(FlumeAgent agent, String group, String topic) {
    AgentChecks.await(
        "drained",
        Duration.ofMinutes(2),
        agent,
        () -> {
          Map<String, String> sink = agent.metrics().get("SINK.hdfs");
          return KafkaOffsets.lag(kafka, group, topic) == 0
              && "0".equals(agent.metrics().get("CHANNEL.ch").get("ChannelSize"))
              && "0".equals(sink.get("Recovering"))
              && "0".equals(sink.get("Level1Bytes"))
              && "0".equals(sink.get("Level2Bytes"))
              && "0".equals(sink.get("InFlightBytes"));
        });
  }

  /** Copies per line in finished files under {@code root}; no in-progress file may be left. */
  private static Map<String, Integer> readFinished(String root) {
    FileSystem fs = hdfs.fileSystem();
    List<String> hidden =
        HdfsReadback.listFiles(fs, root).stream().filter(HdfsReadback::isHidden).toList();
    assertEquals(List.of(), hidden, "every file finished at the graceful stop");
    Map<String, Integer> copies = new ConcurrentHashMap<>();
    HdfsReadback.read(fs, root, (file, line) -> copies.merge(line, 1, Integer::sum));
    return copies;
  }

  @Test
  void keytabLogin_asProxyUser_ticketsShorterThanTheRun_renewedWithoutAFailedWrite()
      throws Exception {
    String name = "krb-proxy";
    String topic = "krbproxy";
    String root = "/logs/krb-proxy";
    mkdirOwnedBy(root, "etl");
    kafka.createTopic(topic, 2);
    Path keytab = hdfs.createPrincipal(AGENT_PRINCIPAL, work.resolve("flume.keytab"));
    int rate = 800;
    int seconds = 3 * TICKET_SECONDS;
    AccessLogGenerator generator =
        new AccessLogGenerator(
            31,
            (long) rate * seconds,
            6,
            3,
            AccessLogGenerator.hourStartHoursAgo(0),
            1,
            ZoneOffset.UTC);
    Set<String> produced = ConcurrentHashMap.newKeySet();
    FlumeAgent agent =
        agent(name, topic, root, keytab, TICKET_SECONDS)
            .override("a1.sinks.hdfs.hdfs.proxyUser", "etl")
            .start();
    Map<String, String> sink;
    try {
      KafkaLoader.produce(
          kafka.bootstrapServers(),
          topic,
          generator,
          n -> {},
          (AccessLine l) -> produced.add(l.line()),
          rate);
      awaitDrained(agent, name, topic);
      sink = agent.metrics().get("SINK.hdfs");
    } finally {
      agent.stop();
    }
    System.out.printf(
        "Kerberos: %d lines over %d s with %d s tickets: KerberosRelogins %s, HdfsWrites %s, "
            + "HdfsWriteFailures %s, KerberosLoginFailures %s%n",
        produced.size(),
        seconds,
        TICKET_SECONDS,
        sink.get("KerberosRelogins"),
        sink.get("HdfsWrites"),
        sink.get("HdfsWriteFailures"),
        sink.get("KerberosLoginFailures"));
    assertTrue(
        Long.parseLong(sink.get("KerberosRelogins")) >= 2,
        "the login was renewed ahead of expiry: " + sink);
    assertEquals(
        "0", sink.get("HdfsWriteFailures"), "no write failed across the renewals: " + sink);
    assertEquals("0", sink.get("KerberosLoginFailures"), sink.toString());
    Map<String, Integer> copies = readFinished(root);
    assertEquals(0, produced.stream().filter(l -> !copies.containsKey(l)).count(), "nothing lost");
    assertEquals(
        produced.size(),
        copies.values().stream().mapToLong(Integer::longValue).sum(),
        "no line twice");
    FileSystem fs = hdfs.fileSystem();
    for (String file : HdfsReadback.listFiles(fs, root)) {
      FileStatus status = fs.getFileStatus(new org.apache.hadoop.fs.Path(file));
      assertEquals("etl", status.getOwner(), file + " written as the proxy user");
    }
    // The query tool, in a JVM of its own as bin/accesslog-flume runs it, with the agent's Hadoop
    // config: it logs in from the keytab named in the agent's config and counts every line.
    Path agentConf = work.resolve(name).resolve("conf");
    JavaProcess tool =
        JavaProcess.builder("accesslog-flume count")
            .classpath(agentConf.toString())
            .classpath(System.getProperty("java.class.path"))
            .jvmArg("-Djava.security.krb5.conf=" + agentConf.getParent().resolve("krb5.conf"))
            .jvmArg("-Dlog4j.configuration=harness-log4j.properties")
            .mainClass("io.accesslog.flume.tool.Main")
            .args(
                "count",
                "--config",
                agentConf.resolve("storage-source-filechannel.properties").toString())
            .env(Map.of("HDFS_URI", hdfs.uri(), "HDFS_ROOT", root))
            .workDir(work.resolve(name))
            .logFile(work.resolve(name).resolve("tool.out"))
            .start();
    assertEquals(0, tool.awaitExit(Duration.ofSeconds(120)), tool.logTail(20));
    assertTrue(
        Files.readAllLines(tool.logFile()).contains(Integer.toString(produced.size())),
        "the tool counted every line: " + tool.logTail(20));
  }

  @Test
  void rotatedKeytab_failsAtStartWithClearMessage_spoolKept_newKeytabWritesEverythingOnce()
      throws Exception {
    String name = "krb-rotate";
    String topic = "krbrotate";
    String root = "/logs/krb-rotate";
    String principal = "rotating";
    mkdirOwnedBy(root, principal);
    kafka.createTopic(topic, 2);
    Path oldKeytab = hdfs.createPrincipal(principal, work.resolve("rotating-old.keytab"));
    AccessLogGenerator generator =
        new AccessLogGenerator(
            32, 6000, 4, 2, AccessLogGenerator.hourStartHoursAgo(0), 1, ZoneOffset.UTC);
    Set<String> produced = ConcurrentHashMap.newKeySet();
    // 1. Lines taken and spooled, none written yet (writes wait an hour), then the agent dies.
    FlumeAgent agent =
        agent(name, topic, root, oldKeytab, 0)
            .override("a1.sinks.hdfs.hdfs.kerberosPrincipal", principal + "@" + hdfs.realm())
            .override("a1.sinks.hdfs.append.maxAge", "1h")
            .start();
    KafkaLoader.produce(
        kafka.bootstrapServers(),
        topic,
        generator,
        n -> {},
        (AccessLine l) -> produced.add(l.line()),
        0);
    agent.awaitCounter(
        "SINK.hdfs", "EventDrainSuccessCount", produced.size(), Duration.ofSeconds(60));
    agent.kill();
    Map<String, Long> spool = spoolFiles(work.resolve(name));
    assertTrue(!spool.isEmpty(), "the spool holds the lines");

    // 2. The principal's key is rotated; the agent starts with the old keytab.
    Path newKeytab = hdfs.rotateKey(principal, work.resolve("rotating-new.keytab"));
    FlumeAgent stale =
        agent(name, topic, root, oldKeytab, 0)
            .override("a1.sinks.hdfs.hdfs.kerberosPrincipal", principal + "@" + hdfs.realm())
            .start();
    String log;
    try {
      stale.awaitCounter("SINK.hdfs", "KerberosLoginFailures", 1, Duration.ofSeconds(60));
      KafkaBroker.sleepQuietly(1000);
      assertEquals(0, stale.counter("SINK.hdfs", "EventDrainSuccessCount"), "nothing taken");
      log = Files.readString(work.resolve(name).resolve("logs/flume.log"));
    } finally {
      stale.stop();
    }
    String expected =
        "Kerberos login as "
            + principal
            + "@"
            + hdfs.realm()
            + " from keytab "
            + oldKeytab
            + " failed";
    assertTrue(
        log.contains(expected), "the start failed saying so: " + expected + "\n" + tail(log));
    assertTrue(log.contains("klist -kte " + oldKeytab), "and what to check");
    assertEquals(spool, spoolFiles(work.resolve(name)), "the spool as it was");
    assertEquals(
        List.of(),
        HdfsReadback.listFiles(hdfs.fileSystem(), root).stream()
            .filter(f -> !f.contains("/_writers/"))
            .toList(),
        "nothing written by the failed start");

    // 3. The new keytab: the spool is replayed, every line lands once.
    FlumeAgent fixed =
        agent(name, topic, root, newKeytab, 0)
            .override("a1.sinks.hdfs.hdfs.kerberosPrincipal", principal + "@" + hdfs.realm())
            .start();
    try {
      awaitDrained(fixed, name, topic);
      assertTrue(fixed.counter("SINK.hdfs", "ReplayedEvents") > 0, "replayed from the spool");
    } finally {
      fixed.stop();
    }
    Map<String, Integer> copies = readFinished(root);
    assertEquals(0, produced.stream().filter(l -> !copies.containsKey(l)).count(), "nothing lost");
    assertEquals(
        produced.size(),
        copies.values().stream().mapToLong(Integer::longValue).sum(),
        "no line twice");
  }

  private static Map<String, Long> spoolFiles(Path agentDir) {
    Path spool = agentDir.resolve("data/spool-hdfs");
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(spool)) {
      all.filter(Files::isRegularFile)
          .forEach(
              f -> {
                try {
                  files.put(spool.relativize(f).toString(), Files.size(f));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static String tail(String log) {
    String[] lines = log.split("\n");
    return String.join(
        "\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
  }
}
