package io.accesslog.flume.source.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Stock KafkaSource's {@code header.NAME = kafkaHeader}: copies the Kafka record header {@code
 * kafkaHeader} (its last value, as UTF-8 text) into the Flume header {@code NAME}. Parsed once into
 * two arrays so the per-record work is one header lookup per mapping and nothing when no mapping is
 * configured. Immutable.
 */
public final class HeaderMapping {

  public static final String PREFIX = "header.";
  static final HeaderMapping NONE = new HeaderMapping(new String[0], new String[0]);

  /** Headers the converter always sets from the record itself; a mapping could not win. */
  private static final String[] RESERVED = {
    EventHeaders.PARTITION, EventHeaders.OFFSET, EventHeaders.KAFKA_TIMESTAMP, EventHeaders.KEY
  };

  private final String[] flumeNames;
  private final String[] kafkaNames;

  private HeaderMapping(String[] flumeNames, String[] kafkaNames) {
    this.flumeNames = flumeNames;
    this.kafkaNames = kafkaNames;
  }

  /**
   * Reads every {@code header.NAME} key.
   *
   * @throws ConfigurationException for an empty name or value, or a NAME the source sets itself
   */
  public static HeaderMapping fromContext(Context context) {
    Map<String, String> entries = new TreeMap<>(context.getSubProperties(PREFIX));
    if (entries.isEmpty()) {
      return NONE;
    }
    String[] flume = new String[entries.size()];
    String[] kafka = new String[entries.size()];
    int i = 0;
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String name = entry.getKey().trim();
      String kafkaName = entry.getValue().trim();
      for (String reserved : RESERVED) {
        if (reserved.equals(name)) {
          throw new ConfigurationException(
              String.format(
                  "%s%s maps Kafka header '%s' onto "
                      + "'%s', which the source sets from the record itself (partition, offset, "
                      + "kafkaTimestamp, key); choose another Flume header name",
                  PREFIX, entry.getKey(), kafkaName, name));
        }
      }
      if (name.isEmpty() || kafkaName.isEmpty()) {
        throw ConfigKey.invalid(
            PREFIX + entry.getKey(),
            entry.getValue(),
            "a Kafka header name, with a non-empty Flume header name after 'header.'");
      }
      flume[i] = name;
      kafka[i] = kafkaName;
      i++;
    }
    return new HeaderMapping(flume, kafka);
  }

  public boolean isEmpty() {
    return flumeNames.length == 0;
  }

  /**
   * Puts each mapped header the record has into {@code out}; a Kafka header with a null value is
   * skipped (a Flume header cannot be null).
   */
  void apply(Headers kafkaHeaders, Map<String, String> out) {
    for (int i = 0; i < flumeNames.length; i++) {
      Header header = kafkaHeaders.lastHeader(kafkaNames[i]);
      if (header != null && header.value() != null) {
        out.put(flumeNames[i], new String(header.value(), StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < flumeNames.length; i++) {
      out.append(i == 0 ? "" : ", ").append(kafkaNames[i]).append(" -> ").append(flumeNames[i]);
    }
    return out.append('}').toString();
  }
}
