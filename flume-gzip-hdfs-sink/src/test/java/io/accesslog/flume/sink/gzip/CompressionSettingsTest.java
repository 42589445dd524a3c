package io.accesslog.flume.sink.gzip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;

class CompressionSettingsTest {

  @Test
  void fromProperties_noKeys_isAutoLevel1() {
    CompressionSettings s = CompressionSettings.fromProperties("k1", Map.of());

    assertEquals(CompressionCodec.AUTO, s.codec());
    assertEquals(1, s.level());
  }

  @Test
  void fromProperties_validValues_areParsedTrimmedAndCaseInsensitive() {
    CompressionSettings s =
        CompressionSettings.fromProperties(
            "k1", Map.of("compression.codec", " JDK ", "compression.level", " 6"));

    assertEquals(CompressionCodec.JDK, s.codec());
    assertEquals(6, s.level());
  }

  @Test
  void fromProperties_levelOutOfRange_namesKeyValueAndAllowedRange() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> CompressionSettings.fromProperties("k1", Map.of("compression.level", "12")));

    assertEquals(
        "k1: compression.level = '12' is not valid; allowed: an integer from 1 to 9",
        e.getMessage());
  }

  @Test
  void fromProperties_levelZero_isRejected() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> CompressionSettings.fromProperties("k1", Map.of("compression.level", "0")));

    assertTrue(
        e.getMessage().startsWith("k1: compression.level = '0' is not valid"), e.getMessage());
  }

  @Test
  void fromProperties_levelNotAnInteger_namesKeyValueAndAllowedRange() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> CompressionSettings.fromProperties("k1", Map.of("compression.level", "fast")));

    assertEquals(
        "k1: compression.level = 'fast' is not valid; allowed: an integer from 1 to 9",
        e.getMessage());
  }

  @Test
  void fromProperties_unknownCodec_namesKeyValueAndAllowedValues() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> CompressionSettings.fromProperties("k1", Map.of("compression.codec", "zstd")));

    assertEquals(
        "k1: compression.codec = 'zstd' is not valid; allowed: one of auto, isal, jdk",
        e.getMessage());
  }

  @Test
  void fromProperties_isalWithLevel6_namesBothKeys() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CompressionSettings.fromProperties(
                    "k1", Map.of("compression.codec", "isal", "compression.level", "6")));

    assertTrue(e.getMessage().contains("compression.level=6"), e.getMessage());
    assertTrue(e.getMessage().contains("compression.codec=isal"), e.getMessage());
    assertTrue(e.getMessage().contains("levels 1 and 2"), e.getMessage());
  }

  @Test
  void of_levelOutsideDeflate_namesKeyAndRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CompressionSettings.of(CompressionCodec.JDK, 10));

    assertEquals(
        "compression.level value was set to 10, must be an integer from 1 to 9", e.getMessage());
  }

  @Test
  void of_isalWithLevel2_isAccepted() {
    CompressionSettings s = CompressionSettings.of(CompressionCodec.ISAL, 2);

    assertEquals("compression.codec=isal, compression.level=2", s.toString());
  }
}
