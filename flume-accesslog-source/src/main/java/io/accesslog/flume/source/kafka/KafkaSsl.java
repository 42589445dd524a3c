package io.accesslog.flume.source.kafka;

import java.util.Properties;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.util.SSLUtil;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The two SSL conveniences stock Flume's Kafka components add on top of the Kafka client, so a
 * copied stock config behaves the same here: {@code ssl.disableTLSHostnameVerification = true} (a
 * Flume property, since a Flume config cannot set Kafka's {@code
 * ssl.endpoint.identification.algorithm} to the empty string) and the agent-wide
 * keystore/truststore ({@code -Djavax.net.ssl.keyStore=...} or {@code FLUME_SSL_KEYSTORE_PATH} ...,
 * read by Flume's {@link SSLUtil}) used when the Kafka properties name none.
 */
public final class KafkaSsl {

  /** Flume's own property under {@code kafka.consumer.} / {@code kafka.producer.}. */
  static final String DISABLE_HOSTNAME_VERIFICATION = "ssl.disableTLSHostnameVerification";

  private KafkaSsl() {}

  /**
   * Applies both to client properties built from {@code prefix}; removes the Flume-only property so
   * Kafka does not warn about it.
   *
   * @throws ConfigurationException if the hostname-verification flag is not true or false
   */
  public static void apply(Properties props, String prefix) {
    Object raw = props.remove(DISABLE_HOSTNAME_VERIFICATION);
    boolean disableHostnameCheck = false;
    if (raw != null) {
      try {
        disableHostnameCheck = ConfigKey.bool().parse(raw.toString().trim());
      } catch (IllegalArgumentException e) {
        throw ConfigKey.invalid(
            prefix + DISABLE_HOSTNAME_VERIFICATION, raw.toString(), "true or false");
      }
    }
    if (!isSslEnabled(props)) {
      return;
    }
    if (disableHostnameCheck) {
      props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
    }
    putIfAbsent(props, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SSLUtil.getGlobalKeystorePath());
    putIfAbsent(
        props, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, SSLUtil.getGlobalKeystorePassword());
    putIfAbsent(props, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, SSLUtil.getGlobalKeystoreType(null));
    putIfAbsent(
        props, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, SSLUtil.getGlobalTruststorePath());
    putIfAbsent(
        props, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, SSLUtil.getGlobalTruststorePassword());
    putIfAbsent(
        props, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, SSLUtil.getGlobalTruststoreType(null));
  }

  static boolean isSslEnabled(Properties props) {
    String protocol = props.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    return "SSL".equals(protocol) || "SASL_SSL".equals(protocol);
  }

  private static void putIfAbsent(Properties props, String key, String value) {
    if (value != null && !props.containsKey(key)) {
      props.put(key, value);
    }
  }
}
