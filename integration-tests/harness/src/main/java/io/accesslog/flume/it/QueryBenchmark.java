package io.accesslog.flume.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The query tool against the habit it replaces, on the same files: writes {@code --lines} access
 * lines (default 4.2 M, about 1.1 GB uncompressed) through a real agent with our sink ({@code
 * flume-conf/storage-direct.properties}) into a MiniDFSCluster once, stops the agent, then times
 * each command as its own process, as a user runs it, {@code --repeat} rounds over the same files
 * (ratios are taken within a round; the machine may be shared):
 *
 * <ul>
 *   <li>filter: {@code hdfs dfs -cat <root>/access/*}{@code /*}{@code /*}{@code /*.gz | zcat | awk
 *       '$9>=500' | wc -l} vs {@code accesslog-flume query --where 'status>=500' | wc -l};
 *   <li>p90: {@code ... | zcat | awk '{print $(NF-3)}' | sort -n | awk '<nearest rank p90>'} vs
 *       {@code accesslog-flume stats request_time --json}.
 * </ul>
 *
 * {@code hdfs dfs} is Hadoop's FsShell in one JVM for all files, on the same classpath as the tool
 * (the tarball's {@code tools/accesslog-tool/lib} and bundled Hadoop 3.3.6 client) and the same
 * {@code HADOOP_CONF_DIR}; the tool runs through the tarball's launcher {@code bin/accesslog-flume}
 * after an untimed install run that writes its class-data sharing archive. Both answers are
 * compared. Run: {@code integration-tests/run-harness.sh QueryBenchmark [--lines N] [--hosts N]
 * [--apps N] [--hours N] [--repeat N] [--copy-to DIR]} ({@code --copy-to} also copies the files to
 * a local directory, for profiling the tool on file://); {@code ACCESSLOG_TOOL_JAVA_OPTS} replaces
 * the launcher's JVM flags (e.g. add {@code
 * -XX:StartFlightRecording=filename=/tmp/jfr-q/,settings=profile}, the directory must exist).
 */
public final class QueryBenchmark {
  private QueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    long lines = 4_200_000;
    int hosts = 20;
    int apps = 10;
    int hours = 3;
    int repeat = 1;
    Path copyTo = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--lines" -> lines = Long.parseLong(args[i + 1]);
        case "--hosts" -> hosts = Integer.parseInt(args[i + 1]);
        case "--apps" -> apps = Integer.parseInt(args[i + 1]);
        case "--hours" -> hours = Integer.parseInt(args[i + 1]);
        case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
        case "--copy-to" -> copyTo = Path.of(args[i + 1]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; usage: QueryBenchmark [--lines N] [--hosts N] [--apps N] [--hours N] [--repeat N] [--copy-to DIR]");
      }
    }
    Path work = HarnessPaths.workDir().resolve("query-benchmark-" + System.currentTimeMillis());
    System.out.printf(
        Locale.ROOT,
        "query benchmark: %,d lines, %d hosts, %d apps, %d hours, %d cores; work dir %s%n",
        lines,
        hosts,
        apps,
        hours,
        Runtime.getRuntime().availableProcessors(),
        work);
    String root = "/logs/bench";
    boolean answersAgree;
    try (KafkaBroker kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
        MiniHdfs hdfs = MiniHdfs.start(work.resolve("hdfs"))) {
      String topic = "access";
      kafka.createTopic(topic, 4);
      LongAdder uncompressed = new LongAdder();
      AccessLogGenerator generator =
          new AccessLogGenerator(
              20261207L,
              lines,
              hosts,
              apps,
              AccessLogGenerator.hourStartHoursAgo(hours + 1),
              hours,
              ZoneOffset.UTC);
      KafkaLoader.produce(
          kafka.bootstrapServers(),
          topic,
          generator,
          new Progress(System.out, "producing", lines),
          l -> uncompressed.add(l.line().length() + 1));
      FlumeAgent agent =
          FlumeAgent.builder(HarnessPaths.flumeHome())
              .configFile(HarnessPaths.confExamples().resolve("storage-direct.properties"))
              .workDir(work.resolve("agent"))
              .heap("2g")
              .env(kafka.env())
              .env(hdfs.env())
              .hadoopSite(hdfs.clientSite())
              .env("KAFKA_TOPIC", topic)
              .env("KAFKA_GROUP_ID", "query-bench")
              .env("HDFS_ROOT", root)
              .expect("SINK.hdfs", "CHANNEL.ch")
              .start();
      try {
        agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", lines, Duration.ofMinutes(30));
      } finally {
        agent.stop();
      }
      List<String> files = HdfsReadback.listFiles(hdfs.fileSystem(), root);
      long compressed = 0;
      for (String f : files) {
        compressed += hdfs.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(f)).getLen();
      }
      long hidden = files.stream().filter(HdfsReadback::isHidden).count();
      System.out.printf(
          Locale.ROOT,
          "stored: %,d files (%d in progress), %,d bytes gzip, %,d bytes uncompressed "
              + "(%.2f GB), %,d lines%n",
          files.size(),
          hidden,
          compressed,
          uncompressed.sum(),
          uncompressed.sum() / 1e9,
          lines);

      if (copyTo != null) {
        // The same files on local disk (file:// layout), for profiling the tool without the
        // cluster.
        hdfs.fileSystem()
            .copyToLocalFile(
                false,
                new org.apache.hadoop.fs.Path(root),
                new org.apache.hadoop.fs.Path(copyTo.toAbsolutePath().toUri()),
                true);
        System.out.println("copied " + root + " to " + copyTo);
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String uriRoot = hdfs.uri() + root;
      String glob = "'" + uriRoot + "/access/*/*/*/*.gz'";
      // Both sides get the same client config directory (HADOOP_CONF_DIR) and the same classpath:
      // the tarball's
      // tools/accesslog-tool/lib and its slim Hadoop 3.3.6 client (hadoop-lib: hadoop-client-api +
      // runtime), so
      // neither pays for a larger classpath than the other. `hdfs dfs` is FsShell in one JVM for
      // all files (its
      // best habit: one start).
      Path conf = Files.createDirectories(work.resolve("hadoop-conf"));
      Files.writeString(
          conf.resolve("core-site.xml"),
          "<?xml version=\"1.0\"?>\n<configuration>\n"
              + "  <property><name>fs.defaultFS</name><value>"
              + hdfs.uri()
              + "</value></property>\n</configuration>\n");
      Files.writeString(
          conf.resolve("log4j.properties"),
          "log4j.rootLogger=WARN, console\n"
              + "log4j.appender.console=org.apache.log4j.ConsoleAppender\nlog4j.appender.console.Target=System.err\n"
              + "log4j.appender.console.layout=org.apache.log4j.PatternLayout\n");
      Path home = HarnessPaths.flumeHome().root();
      String toolCp =
          home.resolve("tools/accesslog-tool/lib")
              + "/*:"
              + home.resolve("tools/accesslog-tool/hadoop-lib")
              + "/*";
      String fsShell =
          java
              + " -Xmx1g -cp '"
              + conf
              + ":"
              + toolCp
              + "' org.apache.hadoop.fs.FsShell -cat "
              + glob;
      // The tool as installed: the tarball's launcher, which finds no `hadoop` command here and so
      // uses the same
      // bundled client with HADOOP_CONF_DIR in front.
      String tool =
          "JAVA_HOME='"
              + System.getProperty("java.home")
              + "' HADOOP_CONF_DIR='"
              + conf
              + "' "
              + home.resolve("bin/accesslog-flume");
      String config =
          " --config '" + HarnessPaths.confExamples().resolve("storage-direct.properties") + "'";
      String p90Awk = "awk '{a[NR]=$1} END {i=int(NR*0.9); if (i<NR*0.9) i++; print a[i]}'";

      String shellErr = " 2>>'" + work.resolve("fsshell.err") + "'";
      // Install: the launcher's first scanning run writes its class-data sharing archive (once per
      // install, JDK and
      // classpath; every later run maps it). Done here, untimed, on one file;
      // ACCESSLOG_TOOL_CDS=off skips it.
      TimedCommand.run(
          work,
          "install: accesslog-flume class-data sharing archive",
          tool
              + " count"
              + config
              + " --root "
              + uriRoot
              + " --app '"
              + AccessLogGenerator.appName(0)
              + "' --host '"
              + AccessLogGenerator.hostName(0)
              + "'");
      RoundRatios ratios = new RoundRatios();
      boolean same = true;
      for (int round = 1; round <= repeat; round++) {
        System.out.printf(Locale.ROOT, "%n-- round %d of %d --%n", round, repeat);
        TimedCommand baseFilter =
            TimedCommand.run(
                work,
                "hdfs dfs -cat | zcat | awk filter",
                fsShell + shellErr + " | zcat | awk '$9>=500' | wc -l");
        TimedCommand toolFilter =
            TimedCommand.run(
                work,
                "accesslog-flume query --where",
                tool + " query" + config + " --root " + uriRoot + " --where 'status>=500' | wc -l");
        TimedCommand baseP90 =
            TimedCommand.run(
                work,
                "hdfs dfs -cat | zcat | awk | sort -n | awk p90",
                fsShell + shellErr + " | zcat | awk '{print $(NF-3)}' | sort -n -S 1G | " + p90Awk);
        TimedCommand toolP90 =
            TimedCommand.run(
                work,
                "accesslog-flume stats request_time",
                tool + " stats request_time" + config + " --root " + uriRoot + " --json");
        TimedCommand toolFilterJdk =
            TimedCommand.run(
                work,
                "accesslog-flume query --where, JDK inflate",
                tool
                    + " query --inflater jdk"
                    + config
                    + " --root "
                    + uriRoot
                    + " --where 'status>=500' | wc -l");
        TimedCommand toolP90Jdk =
            TimedCommand.run(
                work,
                "accesslog-flume stats request_time, JDK inflate",
                tool
                    + " stats request_time --inflater jdk"
                    + config
                    + " --root "
                    + uriRoot
                    + " --json");
        String toolP90Value = toolP90.out().replaceAll("(?s).*\"p90\":([0-9.]+).*", "$1");

        System.out.println();
        System.out.println(
            "== query benchmark, round "
                + round
                + " of "
                + repeat
                + " (same files, "
                + Runtime.getRuntime().availableProcessors()
                + " cores) ==");
        System.out.printf(
            Locale.ROOT,
            "data: %,d lines, %.2f GB uncompressed, %.0f MB gzip in %d files%n",
            lines,
            uncompressed.sum() / 1e9,
            compressed / 1e6,
            files.size());
        System.out.printf(
            Locale.ROOT,
            "filter status>=500: baseline %.1f s (%.1f CPU-s, %s lines), tool %.1f s"
                + " (%.1f CPU-s, %s lines): %.1fx wall, %.1fx CPU%n",
            baseFilter.seconds(),
            baseFilter.cpuSeconds(),
            baseFilter.out().strip(),
            toolFilter.seconds(),
            toolFilter.cpuSeconds(),
            toolFilter.out().strip(),
            baseFilter.seconds() / toolFilter.seconds(),
            baseFilter.cpuSeconds() / toolFilter.cpuSeconds());
        System.out.printf(
            Locale.ROOT,
            "p90 request_time: baseline %.1f s (%.1f CPU-s, %s), tool %.1f s (%.1f CPU-s,"
                + " %s): %.1fx wall, %.1fx CPU%n",
            baseP90.seconds(),
            baseP90.cpuSeconds(),
            baseP90.out().strip(),
            toolP90.seconds(),
            toolP90.cpuSeconds(),
            toolP90Value,
            baseP90.seconds() / toolP90.seconds(),
            baseP90.cpuSeconds() / toolP90.cpuSeconds());
        System.out.printf(
            Locale.ROOT, "load average: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf(
            Locale.ROOT,
            "with the JDK inflater instead of ISA-L: filter %.1f s (%.1fx), p90 %.1f s"
                + " (%.1fx)%n",
            toolFilterJdk.seconds(),
            baseFilter.seconds() / toolFilterJdk.seconds(),
            toolP90Jdk.seconds(),
            baseP90.seconds() / toolP90Jdk.seconds());
        ratios.add("1 filter wall", baseFilter.seconds() / toolFilter.seconds());
        ratios.add("2 filter CPU", baseFilter.cpuSeconds() / toolFilter.cpuSeconds());
        ratios.add("3 p90 wall", baseP90.seconds() / toolP90.seconds());
        ratios.add("4 p90 CPU", baseP90.cpuSeconds() / toolP90.cpuSeconds());
        boolean agree =
            baseFilter.out().strip().equals(toolFilter.out().strip())
                && toolFilterJdk.out().strip().equals(toolFilter.out().strip())
                && Double.parseDouble(baseP90.out().strip()) == Double.parseDouble(toolP90Value);
        System.out.println(agree ? "answers agree" : "ANSWERS DIFFER");
        same &= agree;
      }
      if (repeat > 1) {
        ratios.print(repeat);
      }
      answersAgree = same;
    }
    System.out.printf(
        Locale.ROOT,
        "deleted the servers' data (%.1f GB) from the work dir; logs kept%n",
        HarnessPaths.deleteServerData(work) / 1e9);
    if (!answersAgree) {
      System.exit(1);
    }
  }
}
