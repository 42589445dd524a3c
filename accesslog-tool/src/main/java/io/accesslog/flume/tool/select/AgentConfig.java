package io.accesslog.flume.tool.select;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tool needs from an agent's {@code .properties} file: the gzip sink's layout keys and the
 * access-log interceptor's format keys, so a question splits lines exactly as the agent did. {@code
 * ${env:NAME}} lookups (as Flume resolves them) are replaced from the environment.
 */
public final class AgentConfig {
  static final String SINK_TYPE = "io.accesslog.flume.sink.GzipHdfsSink";
  static final String INTERCEPTOR_TYPE =
      "io.accesslog.flume.interceptor.AccessLogInterceptor$Builder";
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  /** Sink keys relative to {@code <agent>.sinks.<sink>.}. */
  public final Map<String, String> sinkKeys;

  /**
   * Interceptor keys relative to its prefix; empty when the agent has no access-log interceptor.
   */
  public final Map<String, String> interceptorKeys;

  public final String description;

  private AgentConfig(
      Map<String, String> sinkKeys, Map<String, String> interceptorKeys, String description) {
    this.sinkKeys = sinkKeys;
    this.interceptorKeys = interceptorKeys;
    this.description = description;
  }

  /**
   * @param sink the sink's name, or null when the file has exactly one gzip sink
   * @throws IllegalArgumentException naming the file and what is missing or ambiguous
   */
  public static AgentConfig read(Path file, String sink, UnaryOperator<String> env)
      throws IOException {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    }
    Map<String, String> all = new LinkedHashMap<>();
    for (String k : new TreeSet<>(props.stringPropertyNames())) {
      all.put(k, resolve(props.getProperty(k).trim(), env));
    }
    List<String> sinks = new ArrayList<>();
    Pattern sinkType = Pattern.compile("([^.]+)\\.sinks\\.([^.]+)\\.type");
    for (Map.Entry<String, String> e : all.entrySet()) {
      Matcher m = sinkType.matcher(e.getKey());
      if (m.matches()
          && e.getValue().equals(SINK_TYPE)
          && (sink == null || sink.equals(m.group(2)))) {
        sinks.add(m.group(1) + ".sinks." + m.group(2));
      }
    }
    if (sinks.size() != 1) {
      throw new IllegalArgumentException(
          file
              + ": "
              + (sinks.isEmpty()
                  ? "no sink of type " + SINK_TYPE + (sink == null ? "" : " named '" + sink + "'")
                  : "several gzip sinks " + sinks + ": name one with --sink"));
    }
    String sinkPrefix = sinks.get(0) + ".";
    String agent = sinkPrefix.substring(0, sinkPrefix.indexOf('.'));
    Map<String, String> sinkKeys = under(all, sinkPrefix);
    List<String> interceptors = new ArrayList<>();
    Pattern interceptorType =
        Pattern.compile(
            Pattern.quote(agent)
                + "\\.(sources|channels)\\.([^.]+)\\.interceptors\\.([^.]+)\\.type");
    for (Map.Entry<String, String> e : all.entrySet()) {
      Matcher m = interceptorType.matcher(e.getKey());
      if (m.matches() && e.getValue().equals(INTERCEPTOR_TYPE)) {
        interceptors.add(e.getKey().substring(0, e.getKey().length() - "type".length()));
      }
    }
    Map<String, String> interceptorKeys =
        interceptors.isEmpty() ? Map.of() : under(all, interceptors.get(0));
    return new AgentConfig(
        sinkKeys,
        interceptorKeys,
        file
            + " (sink "
            + sinks.get(0)
            + (interceptors.isEmpty()
                ? ", no access-log interceptor"
                : ", interceptor "
                    + interceptors.get(0).substring(0, interceptors.get(0).length() - 1))
            + ")");
  }

  private static Map<String, String> under(Map<String, String> all, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  private static String resolve(String value, UnaryOperator<String> env) {
    Matcher m = ENV.matcher(value);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = env.apply(m.group(1));
      m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(b);
    return b.toString();
  }
}
