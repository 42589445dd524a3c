package io.accesslog.flume.interceptor;

import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * One configuration key: its name, default, allowed values and doc, declared once in {@link
 * ConfigKeys}. The module README's key table is generated from these declarations.
 */
final class ConfigKey {
  final String name;
  /** Null when the key has no default (optional, or required in some modes). */
  final String defaultValue;
  final String allowed;
  final String doc;

  ConfigKey(String name, String defaultValue, String allowed, String doc) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.allowed = allowed;
    this.doc = doc;
  }

  /** The trimmed configured value, else the default (possibly null). */
  String read(Context context) {
    String v = context.getString(name);
    return v == null ? defaultValue : v.trim();
  }

  /** A value that must be there: configured or defaulted. */
  String require(Context context, String why) {
    String v = read(context);
    if (v == null || v.isEmpty()) {
      throw new ConfigurationException(
          "accesslog interceptor: key '" + name + "' must be set " + why + "; allowed: " + allowed);
    }
    return v;
  }

  ConfigurationException invalid(String value, String problem) {
    return invalid(value, problem, null);
  }

  ConfigurationException invalid(String value, String problem, Throwable cause) {
    return new ConfigurationException(
        "accesslog interceptor: key '" + name + "' has invalid value '" + value + "': " + problem
            + "; allowed: " + allowed,
        cause);
  }
}
