package io.accesslog.flume.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.config.ConfigKey;
import io.accesslog.flume.sink.config.SinkKeys;
import io.accesslog.flume.sink.config.StockKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key of the stock HDFS sink that users copy into a config is either honoured with its stock
 * meaning or rejected at configure() with the migration table's message; the README's table is the
 * one in the code.
 */
class StockKeyMigrationTest {
  @TempDir Path dir;

  /** A value a stock config typically has for each key. */
  private Map<String, String> stockValues() throws IOException {
    Path keytab = Files.write(dir.resolve("flume.keytab"), new byte[] {5, 2});
    Map<String, String> v = new LinkedHashMap<>();
    v.put("type", "hdfs");
    v.put("channel", "ch");
    v.put("hdfs.path", "hdfs://namenode:8020/logs/%{app}/%Y%m%d/%H");
    v.put("hdfs.filePrefix", "events");
    v.put("hdfs.fileSuffix", ".gz");
    v.put("hdfs.inUsePrefix", "_");
    v.put("hdfs.inUseSuffix", ".tmp");
    v.put("hdfs.emptyInUseSuffix", "false");
    v.put("hdfs.rollInterval", "3600");
    v.put("hdfs.rollSize", "134217728");
    v.put("hdfs.rollCount", "0");
    v.put("hdfs.idleTimeout", "300");
    v.put("hdfs.batchSize", "1000");
    v.put("hdfs.codeC", "gzip");
    v.put("hdfs.fileType", "CompressedStream");
    v.put("hdfs.maxOpenFiles", "5000");
    v.put("hdfs.minBlockReplicas", "1");
    v.put("hdfs.writeFormat", "Text");
    v.put("hdfs.threadsPoolSize", "10");
    v.put("hdfs.rollTimerPoolSize", "1");
    v.put("hdfs.kerberosPrincipal", "flume/_HOST@EXAMPLE.COM");
    v.put("hdfs.kerberosKeytab", keytab.toString());
    v.put("hdfs.proxyUser", "etl");
    v.put("hdfs.round", "true");
    v.put("hdfs.roundValue", "10");
    v.put("hdfs.roundUnit", "minute");
    v.put("hdfs.timeZone", "Asia/Shanghai");
    v.put("hdfs.useLocalTimeStamp", "true");
    v.put("hdfs.closeTries", "0");
    v.put("hdfs.retryInterval", "180");
    v.put("hdfs.callTimeout", "10000");
    v.put("serializer", "TEXT");
    v.put("serializer.*", "true");
    return v;
  }

  private Map<String, String> base() {
    Map<String, String> p = new HashMap<>();
    p.put("type", GzipHdfsSink.class.getName());
    p.put("channel", "ch");
    p.put("hdfs.root", "hdfs://namenode:8020/logs");
    p.put("spool.dir", dir.resolve("spool").toString());
    return p;
  }

  @Test
  void everyStockKey_honouredOrRejectedWithItsMessage() throws IOException {
    Map<String, String> values = stockValues();
    assertEquals(StockKeys.ALL.size(), values.size(), "a typical value for every stock key");
    for (StockKeys.Entry entry : StockKeys.ALL) {
      Map<String, String> p = base();
      String key = entry.key().equals("serializer.*") ? "serializer.appendNewline" : entry.key();
      String value = values.get(entry.key());
      if (entry.key().equals("hdfs.kerberosPrincipal")) {
        p.put("hdfs.kerberosKeytab", values.get("hdfs.kerberosKeytab"));
      } else if (entry.key().equals("hdfs.kerberosKeytab")) {
        p.put("hdfs.kerberosPrincipal", values.get("hdfs.kerberosPrincipal"));
      }
      if (!entry.key().equals("type")) { // Flume reads type itself; ours names this sink's class
        p.put(key, value);
      }
      if (entry.status() == StockKeys.Status.SAME || entry.key().equals("type")) {
        SinkSettings s = SinkSettings.parse("k1", p);
        honoured(entry.key(), s);
      } else {
        ConfigurationException e =
            assertThrows(
                ConfigurationException.class, () -> SinkSettings.parse("k1", p), entry.key());
        assertTrue(e.getMessage().contains(entry.message()), entry.key() + ": " + e.getMessage());
      }
    }
  }

  private static void honoured(String key, SinkSettings s) {
    switch (key) {
      case "hdfs.kerberosPrincipal":
        assertEquals("flume/_HOST@EXAMPLE.COM", s.auth.principal());
        break;
      case "hdfs.kerberosKeytab":
        assertTrue(s.auth.keytab().endsWith("flume.keytab"));
        break;
      case "hdfs.proxyUser":
        assertEquals("etl", s.auth.proxyUser());
        break;
      case "hdfs.timeZone":
        assertEquals("Asia/Shanghai", s.route.timeZone().getId());
        break;
      case "hdfs.callTimeout":
        assertEquals(10_000, s.callTimeoutMillis);
        break;
      default:
        assertEquals("k1", s.sinkName); // type, channel: read by Flume
    }
  }

  @Test
  void stockHdfsPath_relative_isOurs() {
    Map<String, String> p = base();
    p.put("hdfs.path", "%{app}/%Y%m%d/%H");
    assertEquals("%{app}/%Y%m%d/%H", SinkSettings.parse("k1", p).route.path());
  }

  @Test
  void unknownKey_namesNearestKnownKey() {
    Map<String, String> p = base();
    p.put("hdfs.rot", "/x");
    p.put("append.maxage", "1m");
    p.put("hdfs.kerberosPrincpal", "flume@EXAMPLE.COM");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> SinkSettings.parse("k1", p));
    assertTrue(e.getMessage().contains("'hdfs.rot': did you mean 'hdfs.root'?"), e.getMessage());
    assertTrue(
        e.getMessage().contains("'append.maxage': did you mean 'append.maxAge'?"), e.getMessage());
    assertTrue(
        e.getMessage().contains("'hdfs.kerberosPrincpal': did you mean 'hdfs.kerberosPrincipal'?"),
        e.getMessage());
  }

  @Test
  void unknownKey_farFromEveryKey_noSuggestion() {
    Map<String, String> p = base();
    p.put("colour", "blue");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> SinkSettings.parse("k1", p));
    assertTrue(e.getMessage().contains("unknown key(s) [colour]"), e.getMessage());
    assertTrue(!e.getMessage().contains("did you mean"), e.getMessage());
  }

  @Test
  void principalWithoutKeytab_rejectedNamingBothKeys() {
    Map<String, String> p = base();
    p.put("hdfs.kerberosPrincipal", "flume@EXAMPLE.COM");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> SinkSettings.parse("k1", p));
    assertTrue(
        e.getMessage().contains("hdfs.kerberosKeytab must be set when hdfs.kerberosPrincipal is"),
        e.getMessage());
  }

  @Test
  void keytabMissing_rejectedAtConfigure() {
    Map<String, String> p = base();
    p.put("hdfs.kerberosPrincipal", "flume@EXAMPLE.COM");
    p.put("hdfs.kerberosKeytab", dir.resolve("nope.keytab").toString());
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> SinkSettings.parse("k1", p));
    assertTrue(
        e.getMessage().contains("is not a readable file (it does not exist)"), e.getMessage());
  }

  @Test
  void noKerberosKeys_noLogin() {
    SinkSettings s = SinkSettings.parse("k1", base());
    assertNull(s.auth.principal());
    assertEquals(30_000, s.callTimeoutMillis, "stock's default");
  }

  @Test
  void callTimeout_zero_rejectedWithRange() {
    Map<String, String> p = base();
    p.put("hdfs.callTimeout", "0");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> SinkSettings.parse("k1", p));
    assertTrue(
        e.getMessage().contains("hdfs.callTimeout = '0' is not valid; allowed: a duration from 1s"),
        e.getMessage());
  }

  @Test
  void readme_containsMigrationTable() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table = StockKeys.markdownTable();
    assertTrue(readme.contains("## Migrating from the stock HDFS sink\n"), "heading");
    assertTrue(
        readme.contains(table),
        "flume-gzip-hdfs-sink/README.md must contain the generated migration "
            + "table:\n"
            + table);
  }

  @Test
  void everySameOrRenamedTarget_isAKeyOfOurs() {
    for (StockKeys.Entry entry : StockKeys.ALL) {
      if (entry.ours() == null || entry.key().equals("type")) {
        continue;
      }
      for (String ours : entry.ours().split(", | \\+ ")) {
        boolean known = SinkKeys.FLUME_KEYS.contains(ours);
        for (ConfigKey<?> k : SinkKeys.ALL) {
          known |= k.name().equals(ours);
        }
        assertTrue(known, entry.key() + " -> " + ours);
      }
    }
  }
}
