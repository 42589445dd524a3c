package io.accesslog.flume.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.sink.config.SinkKeys;
import io.accesslog.flume.sink.ledger.FileLedger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.event.EventBuilder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.apache.hadoop.io.compress.GzipCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flume face of the sink: real MemoryChannel, the local file system standing in for HDFS. */
class GzipHdfsSinkTest {
  /** 2026-11-22T13:00:00Z */
  private static final long H13 = 1_795_352_400_000L;

  @TempDir Path dir;

  private Channel channel() {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("ch");
    Context c = new Context();
    c.put("capacity", "100000");
    c.put("transactionCapacity", "10000");
    Configurables.configure(channel, c);
    channel.start();
    return channel;
  }

  private GzipHdfsSink sink(Channel channel, Clock clock, Map<String, String> extra) {
    GzipHdfsSink sink = new GzipHdfsSink(clock);
    sink.setName("k1");
    Map<String, String> p = new HashMap<>();
    p.put("type", GzipHdfsSink.class.getName());
    p.put("hdfs.root", "file://" + dir.resolve("hdfs"));
    p.put("spool.dir", dir.resolve("spool").toString());
    p.put("writer.id", "test-k1");
    p.put("batchSize", "500");
    p.put("stop.timeout", "5s");
    p.putAll(extra);
    Configurables.configure(sink, new Context(p));
    sink.setChannel(channel);
    return sink;
  }

  private static void put(Channel channel, List<String> lines, String app, String host, long time) {
    ChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    ChannelProcessor processor = new ChannelProcessor(selector);
    List<org.apache.flume.Event> events = new ArrayList<>();
    for (String line : lines) {
      events.add(
          EventBuilder.withBody(
              line.getBytes(StandardCharsets.UTF_8),
              Map.of(
                  "type", "access", "app", app, "host", host, "timestamp", Long.toString(time))));
    }
    processor.processEventBatch(events);
  }

  /** Claims, recovers and drains the channel: process() until the sink backs off. */
  private static void untilBackoff(GzipHdfsSink sink) throws EventDeliveryException {
    while (sink.process() == Sink.Status.READY) {
      // keep going
    }
  }

  private static List<String> gunzip(Path file) throws IOException {
    GzipCodec codec = new GzipCodec();
    codec.setConf(new Configuration());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream raw = Files.newInputStream(file);
        CompressionInputStream in = codec.createInputStream(raw)) {
      in.transferTo(out);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    return text.isEmpty()
        ? List.of()
        : List.of(text.substring(0, text.length() - 1).split("\n", -1));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("hdfs"))) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".crc"))
          .filter(
              p ->
                  !dir.resolve("hdfs")
                      .relativize(p)
                      .toString()
                      .startsWith(WriterClaim.DIRECTORY + "/"))
          .sorted()
          .toList();
    }
  }

  @Test
  void process_thenStop_everyLineInOneFinalFilePerTarget() throws Exception {
    Channel channel = channel();
    Clock clock = Clock.ofMillis(() -> H13 + 600_000);
    GzipHdfsSink sink = sink(channel, clock, Map.of());
    sink.start();
    List<String> shop = new ArrayList<>();
    List<String> blog = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      shop.add("shop line " + i);
      blog.add("blog line " + i);
    }
    put(channel, shop, "shop", "web01", H13 + 1000);
    put(channel, blog, "blog", "web02", H13 + 2000);
    untilBackoff(sink);
    assertEquals(2400, sink.counter().getEventDrainSuccessCount());
    sink.stop();
    assertEquals("", sink.counter().getLastWriteError());
    assertEquals(
        4,
        sink.counter().getMembersWritten(),
        "per target: one 1000-line member and the rest at stop");
    assertEquals(2, sink.counter().getFilesFinished());

    Path shopFile = dir.resolve("hdfs/access/shop/20261122/13/web01.2026112213.w-test-k1.0000.gz");
    Path blogFile = dir.resolve("hdfs/access/blog/20261122/13/web02.2026112213.w-test-k1.0000.gz");
    assertEquals(List.of(blogFile, shopFile), files());
    assertEquals(shop, gunzip(shopFile));
    assertEquals(blog, gunzip(blogFile));
    try (Stream<Path> spool = Files.list(dir.resolve("spool"))) {
      assertTrue(
          spool.filter(p -> p.toString().endsWith(".seg")).count() <= 1,
          "spool segments retired once HDFS holds the lines");
    }
  }

  @Test
  void writerIdClaimedFromAnotherSpool_sinkTakesNothing_untilTheClaimIsGone() throws Exception {
    Channel channel = channel();
    Clock clock = Clock.ofMillis(() -> H13 + 600_000);
    GzipHdfsSink first = sink(channel, clock, Map.of());
    first.start();
    assertEquals(Sink.Status.READY, first.process());
    first.stop();
    Path claimFile = dir.resolve("hdfs/_writers/test-k1");
    assertTrue(
        Files.readString(claimFile).contains("spool=" + dir.resolve("spool")),
        Files.readString(claimFile));
    put(channel, List.of("a line"), "shop", "web01", H13 + 1000);

    Map<String, String> otherSpool = Map.of("spool.dir", dir.resolve("spool-2").toString());
    GzipHdfsSink second = sink(channel, clock, otherSpool);
    second.start();
    assertEquals(Sink.Status.BACKOFF, second.process());
    assertEquals(Sink.Status.BACKOFF, second.process());
    assertEquals(1, second.counter().getWriterIdConflict());
    assertEquals(0, second.counter().getEventDrainSuccessCount());
    second.stop();

    // The first sink's own spool again (a restart, after kill -9 too) is the same writer.
    GzipHdfsSink restarted = sink(channel, clock, Map.of());
    restarted.start();
    assertEquals(Sink.Status.READY, restarted.process());
    assertEquals(0, restarted.counter().getWriterIdConflict());
    restarted.stop();

    Files.delete(claimFile);
    GzipHdfsSink third = sink(channel, clock, otherSpool);
    third.start();
    untilBackoff(third);
    assertEquals(0, third.counter().getWriterIdConflict());
    assertEquals(1, third.counter().getEventDrainSuccessCount());
    third.stop();
    assertTrue(Files.readString(claimFile).contains("spool=" + dir.resolve("spool-2")));
  }

  @Test
  void restart_intactLedger_rootNotListed_lostLedger_ownUnknownFileFinished() throws Exception {
    Channel channel = channel();
    Clock clock = Clock.ofMillis(() -> H13 + 600_000);
    GzipHdfsSink first = sink(channel, clock, Map.of());
    first.start();
    untilBackoff(first);
    first.stop();

    Path hidden = dir.resolve("hdfs/access/shop/20261122/12/_web01.2026112212.w-test-k1.0003.gz");
    Path finished = hidden.resolveSibling("web01.2026112212.w-test-k1.0003.gz");
    Files.createDirectories(hidden.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(hidden))) {
      out.write("left by a run whose ledger is gone\n".getBytes(StandardCharsets.UTF_8));
    }

    GzipHdfsSink restarted = sink(channel, clock, Map.of());
    restarted.start();
    untilBackoff(restarted);
    restarted.stop();
    assertTrue(
        Files.exists(hidden),
        "an intact ledger knows every file of this writer: the root is not listed");
    assertEquals(0, restarted.counter().getRecoveredFiles());

    Files.delete(dir.resolve("spool").resolve(FileLedger.FILE_NAME));
    GzipHdfsSink lostLedger = sink(channel, clock, Map.of());
    lostLedger.start();
    untilBackoff(lostLedger);
    lostLedger.stop();
    assertFalse(Files.exists(hidden));
    assertEquals(List.of("left by a run whose ledger is gone"), gunzip(finished));
    assertEquals(1, lostLedger.counter().getRecoveredFiles());
  }

  @Test
  void process_eventWithoutHeaders_routedWithFallbacksNotBlocked() throws Exception {
    Channel channel = channel();
    Clock clock = Clock.ofMillis(() -> H13 + 600_000);
    GzipHdfsSink sink = sink(channel, clock, Map.of());
    sink.start();
    ChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    new ChannelProcessor(selector)
        .processEvent(EventBuilder.withBody("bare".getBytes(StandardCharsets.UTF_8)));
    untilBackoff(sink);
    assertEquals(1, sink.counter().getFallbackEvents());
    sink.stop();
    List<Path> files = files();
    assertEquals(1, files.size());
    assertTrue(
        files.get(0).toString().contains("/hdfs/unknown/unknown/20261122/13/unknown.2026112213."),
        files.toString());
    assertEquals(List.of("bare"), gunzip(files.get(0)));
  }

  @Test
  void configure_badValue_failsNamingKeyValueAndAllowed() {
    Channel channel = channel();
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> sink(channel, Clock.SYSTEM, Map.of("member.lines", "lots")));
    assertTrue(e.getMessage().contains("member.lines"), e.getMessage());
    assertTrue(e.getMessage().contains("lots"), e.getMessage());
    assertTrue(e.getMessage().contains("an integer from 1 to 1000000"), e.getMessage());
  }

  @Test
  void configure_hourKeys_badValuesFailNamingTheKeys() {
    Channel channel = channel();
    ConfigurationException marker =
        assertThrows(
            ConfigurationException.class,
            () -> sink(channel, Clock.SYSTEM, Map.of("hour.marker", "COMPLETE")));
    assertTrue(
        marker.getMessage().contains("hour.marker")
            && marker.getMessage().contains("COMPLETE")
            && marker.getMessage().contains("starting with '_' or '.'"),
        marker.getMessage());
    ConfigurationException daily =
        assertThrows(
            ConfigurationException.class,
            () -> sink(channel, Clock.SYSTEM, Map.of("hdfs.path", "%{type}/%{app}/%Y%m%d")));
    assertTrue(
        daily.getMessage().contains("hour.marker")
            && daily.getMessage().contains("hdfs.path")
            && daily.getMessage().contains("set hour.marker = none"),
        daily.getMessage());
    sink(
        channel, Clock.SYSTEM, Map.of("hdfs.path", "%{type}/%{app}/%Y%m%d", "hour.marker", "none"));
    ConfigurationException stale =
        assertThrows(
            ConfigurationException.class,
            () ->
                sink(
                    channel,
                    Clock.SYSTEM,
                    Map.of("heartbeat.interval", "10s", "heartbeat.staleAfter", "10s")));
    assertTrue(
        stale.getMessage().contains("heartbeat.staleAfter")
            && stale.getMessage().contains("heartbeat.interval"),
        stale.getMessage());
    ConfigurationException policy =
        assertThrows(
            ConfigurationException.class,
            () -> sink(channel, Clock.SYSTEM, Map.of("late.policy", "drop")));
    assertTrue(
        policy.getMessage().contains("late.policy")
            && policy.getMessage().contains("one of reopen, separate"),
        policy.getMessage());
  }

  @Test
  void configure_unknownKey_failsListingKnownKeys() {
    Channel channel = channel();
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> sink(channel, Clock.SYSTEM, Map.of("member.line", "10")));
    assertTrue(e.getMessage().contains("[member.line]"), e.getMessage());
    assertTrue(e.getMessage().contains("member.lines"), e.getMessage());
  }

  @Test
  void configure_spoolDurabilityWithoutDir_failsSayingHowToOptOut() {
    Channel channel = channel();
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> sink(channel, Clock.SYSTEM, Map.of("spool.dir", "")));
    assertTrue(
        e.getMessage().contains("spool.dir") && e.getMessage().contains("sink.durability = none"),
        e.getMessage());
  }

  @Test
  void configure_appendBytesAboveRollBytes_namesBothKeys() {
    Channel channel = channel();
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> sink(channel, Clock.SYSTEM, Map.of("append.bytes", "10MB", "roll.bytes", "1MB")));
    assertTrue(
        e.getMessage().contains("append.bytes") && e.getMessage().contains("roll.bytes"),
        e.getMessage());
  }

  @Test
  void readme_keyTable_matchesTheDeclarations() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table = SinkKeys.markdownTable();
    assertTrue(
        readme.contains(table),
        "flume-gzip-hdfs-sink/README.md must contain the generated key table:\n" + table);
  }
}
