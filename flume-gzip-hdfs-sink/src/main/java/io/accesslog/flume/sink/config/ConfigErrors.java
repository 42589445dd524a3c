package io.accesslog.flume.sink.config;

import org.apache.flume.conf.ConfigurationException;

/**
 * Makes Flume's {@link ConfigurationException}. It lives here, not in {@link ConfigKey}, so that
 * the key declarations ({@link SinkKeys}) load without Flume on the classpath: the operations tool
 * ({@code accesslog-flume spool ...}) builds spool and compression settings from them and has no
 * Flume. The JVM loads this class only when a value is wrong.
 */
final class ConfigErrors {
  private ConfigErrors() {}

  static RuntimeException invalid(String message) {
    return new ConfigurationException(message);
  }
}
