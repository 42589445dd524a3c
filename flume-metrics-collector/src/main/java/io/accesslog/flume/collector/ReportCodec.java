package io.accesslog.flume.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates a reporter's JSON into a {@link Report} (every rule failure is a {@link InvalidReport}
 * naming the field), and writes a report back in the same shape for the snapshot.
 */
final class ReportCodec {
  static final int MAX_NAME = 200;
  static final int MAX_COMPONENTS = 1000;
  static final int MAX_ATTRIBUTES = 500;
  static final int MAX_VALUE = 1000;

  /** A report that breaks a rule; the message says which (it is sent back with the 400). */
  static final class InvalidReport extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidReport(String message) {
      super(message);
    }
  }

  private final ObjectMapper json = new ObjectMapper();

  Report parse(String body, long receivedAt) throws InvalidReport {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidReport("body is not JSON: " + e.getOriginalMessage());
    }
    return parse(root, receivedAt);
  }

  Report parse(JsonNode root, long receivedAt) throws InvalidReport {
    if (root == null || !root.isObject()) {
      throw new InvalidReport("body must be a JSON object");
    }
    return new Report(
        name(root, "identity"),
        name(root, "host"),
        name(root, "agent"),
        whole(root, "startTime", 0),
        whole(root, "reportTime", 0),
        whole(root, "reportCount", 0),
        whole(root, "intervalMillis", 1),
        jvm(root.get("jvm")),
        metrics(root.get("metrics")),
        types(root.get("types")),
        receivedAt);
  }

  ObjectNode write(Report report) {
    ObjectNode node = json.createObjectNode();
    node.put("version", report.typed() ? 2 : 1);
    node.put("identity", report.identity());
    node.put("host", report.host());
    node.put("agent", report.agent());
    node.put("startTime", report.startTime());
    node.put("reportTime", report.reportTime());
    node.put("reportCount", report.reportCount());
    node.put("intervalMillis", report.intervalMillis());
    node.put("receivedAt", report.receivedAt());
    node.set("jvm", json.valueToTree(report.jvm()));
    node.set("metrics", json.valueToTree(report.metrics()));
    if (report.typed()) {
      node.set("types", json.valueToTree(report.types()));
    }
    return node;
  }

  ObjectMapper mapper() {
    return json;
  }

  private static String name(JsonNode root, String field) throws InvalidReport {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw new InvalidReport("'" + field + "' must be a string");
    }
    String value = node.asText();
    if (value.isEmpty() || value.length() > MAX_NAME) {
      throw new InvalidReport(
          "'" + field + "' must have 1 to " + MAX_NAME + " characters, has " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidReport("'" + field + "' must not contain control characters");
      }
    }
    return value;
  }

  private static long whole(JsonNode root, String field, long min) throws InvalidReport {
    JsonNode node = root.get(field);
    if (node == null
        || !node.canConvertToLong()
        || !node.isIntegralNumber()
        || node.asLong() < min) {
      throw new InvalidReport("'" + field + "' must be a whole number >= " + min);
    }
    return node.asLong();
  }

  private static Map<String, Long> jvm(JsonNode node) throws InvalidReport {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject() || node.size() > MAX_ATTRIBUTES) {
      throw new InvalidReport("'jvm' must be an object of at most " + MAX_ATTRIBUTES + " numbers");
    }
    Map<String, Long> values = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isIntegralNumber() || e.getKey().length() > MAX_NAME) {
        throw new InvalidReport("'jvm." + e.getKey() + "' must be a whole number");
      }
      values.put(e.getKey(), e.getValue().asLong());
    }
    return Collections.unmodifiableMap(values);
  }

  private static Map<String, Map<String, String>> metrics(JsonNode node) throws InvalidReport {
    if (node == null || !node.isObject()) {
      throw new InvalidReport(
          "'metrics' must be an object like {\"SOURCE.kafka\": {\"EventAcceptedCount\": \"12\"}}");
    }
    if (node.size() > MAX_COMPONENTS) {
      throw new InvalidReport(
          "'metrics' has " + node.size() + " components, at most " + MAX_COMPONENTS);
    }
    Map<String, Map<String, String>> components = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> component = it.next();
      String name = component.getKey();
      JsonNode attributes = component.getValue();
      if (name.isEmpty() || name.length() > MAX_NAME || name.indexOf('.') < 1) {
        throw new InvalidReport(
            "component '"
                + abbreviate(name)
                + "' must be named TYPE.name (at most "
                + MAX_NAME
                + " characters)");
      }
      if (!attributes.isObject() || attributes.size() > MAX_ATTRIBUTES) {
        throw new InvalidReport(
            "'metrics."
                + name
                + "' must be an object of at most "
                + MAX_ATTRIBUTES
                + " attributes");
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> a = attributes.fields(); a.hasNext(); ) {
        Map.Entry<String, JsonNode> attribute = a.next();
        JsonNode value = attribute.getValue();
        if (!(value.isTextual() || value.isNumber() || value.isBoolean())
            || (!value.isTextual() && value.asText().length() > MAX_VALUE)
            || attribute.getKey().length() > MAX_NAME) {
          throw new InvalidReport(
              "'metrics."
                  + name
                  + "."
                  + abbreviate(attribute.getKey())
                  + "' must be a string, a number of at most "
                  + MAX_VALUE
                  + " characters or a boolean");
        }
        values.put(attribute.getKey(), cut(value.asText()));
      }
      components.put(name, Collections.unmodifiableMap(values));
    }
    return Collections.unmodifiableMap(components);
  }

  /**
   * Format 2's {@code types}: component to attribute to {@code kind:unit}. Absent (format 1):
   * {@code null}. A declaration the collector does not know is refused, naming it: a guessed type
   * is what this replaces.
   */
  private static Map<String, Map<String, String>> types(JsonNode node) throws InvalidReport {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject() || node.size() > MAX_COMPONENTS) {
      throw new InvalidReport(
          "'types' must be an object of at most " + MAX_COMPONENTS + " components");
    }
    Map<String, Map<String, String>> components = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> component = it.next();
      JsonNode attributes = component.getValue();
      if (component.getKey().length() > MAX_NAME
          || !attributes.isObject()
          || attributes.size() > MAX_ATTRIBUTES) {
        throw new InvalidReport(
            "'types."
                + abbreviate(component.getKey())
                + "' must be an object of at most "
                + MAX_ATTRIBUTES
                + " \"kind:unit\" strings");
      }
      Map<String, String> declared = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> a = attributes.fields(); a.hasNext(); ) {
        Map.Entry<String, JsonNode> attribute = a.next();
        String type = attribute.getValue().asText();
        if (!attribute.getValue().isTextual()
            || attribute.getKey().length() > MAX_NAME
            || !MetricName.valid(type)) {
          throw new InvalidReport(
              "'types."
                  + abbreviate(component.getKey())
                  + "."
                  + abbreviate(attribute.getKey())
                  + "' must be kind:unit with kind in "
                  + MetricName.KINDS
                  + " and unit in "
                  + MetricName.UNITS
                  + ", was '"
                  + abbreviate(type)
                  + "'");
        }
        declared.put(attribute.getKey(), type.intern());
      }
      components.put(component.getKey(), Collections.unmodifiableMap(declared));
    }
    return Collections.unmodifiableMap(components);
  }

  /**
   * A long text value (an exception message, say) is kept, cut to {@link #MAX_VALUE} characters
   * ending in "...": refusing the whole report for it would hide the agent exactly while it is
   * failing.
   */
  static String cut(String text) {
    return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 3) + "...";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
