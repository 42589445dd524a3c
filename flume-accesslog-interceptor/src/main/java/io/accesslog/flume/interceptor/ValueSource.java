package io.accesslog.flume.interceptor;

import io.accesslog.flume.core.PathRule;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Where one of app/host/type comes from. Every value a source returns is already sanitized ({@link
 * PathRule}) and safe as a path component. Immutable and thread-safe.
 *
 * <p>Spec syntax (the value of {@code app.from}, {@code host.from}, {@code type.from}): {@code
 * field:<name>}, {@code header:<name>}, {@code static:<value>}, {@code map:<field>}, {@code
 * map:field:<name>} or {@code map:header:<name>}.
 */
abstract class ValueSource {
  static final String ALLOWED =
      "field:<name>, header:<name>, static:<value>, map:<field>, map:field:<name> or "
          + "map:header:<name>";

  /** The sanitized value, or null when it cannot be had (see {@link #failureReason}). */
  abstract String resolve(FieldValues fields, Map<String, String> headers);

  /**
   * The raw input when {@code resolved} (this source's result for the same event) is a rewrite of
   * it by the path rule, else null. Cheap unless {@code resolved} carries the rewrite mark.
   */
  String originalIfRewritten(String resolved, FieldValues fields, Map<String, String> headers) {
    return null; // static and mapped values are validated at startup, never rewritten
  }

  /** Why {@link #resolve} returned null; only called on that (rare) path. */
  ErrorReason failureReason(FieldValues fields, Map<String, String> headers) {
    return ErrorReason.MISSING_FIELD;
  }

  /** Reads a line field; {@code fields} is null when the line was not parsed. */
  static final class FromField extends ValueSource {
    private final int field;
    private final PathRule sanitizer;
    private final ValueInterner interner = new ValueInterner(4096);
    private final ValueInterner.Compute sanitize;

    FromField(int field, PathRule sanitizer) {
      this.field = field;
      this.sanitizer = sanitizer;
      this.sanitize = sanitizer::sanitize;
    }

    @Override
    String resolve(FieldValues fields, Map<String, String> headers) {
      if (fields == null || !fields.hasValue(field)) {
        return null;
      }
      return interner.get(fields.array(field), fields.from(field), fields.to(field), sanitize);
    }

    @Override
    String originalIfRewritten(String resolved, FieldValues fields, Map<String, String> headers) {
      if (resolved == null
          || !sanitizer.rewrote(
              resolved, fields.array(field), fields.from(field), fields.to(field))) {
        return null;
      }
      return new String(
          fields.array(field),
          fields.from(field),
          fields.to(field) - fields.from(field),
          StandardCharsets.UTF_8);
    }
  }

  /** Reads an event header, e.g. {@code key} (the Kafka record key) or {@code topic}. */
  static final class FromHeader extends ValueSource {
    private final String header;
    private final PathRule sanitizer;

    FromHeader(String header, PathRule sanitizer) {
      this.header = header;
      this.sanitizer = sanitizer;
    }

    @Override
    String resolve(FieldValues fields, Map<String, String> headers) {
      String v = headers.get(header);
      return v == null || v.isEmpty() || v.equals("-") ? null : sanitizer.sanitize(v);
    }

    @Override
    String originalIfRewritten(String resolved, FieldValues fields, Map<String, String> headers) {
      if (resolved == null) {
        return null;
      }
      String raw = headers.get(header);
      return raw != null && sanitizer.rewrote(resolved, raw) ? raw : null;
    }
  }

  /** A constant, validated as safe when the settings are parsed. */
  static final class Static extends ValueSource {
    private final String value;

    Static(String value) {
      this.value = value;
    }

    @Override
    String resolve(FieldValues fields, Map<String, String> headers) {
      return value;
    }
  }

  /**
   * Looks the raw input (a field or header, compared lower-cased) up in a table whose values were
   * validated as safe at startup; unmapped inputs take the default, or fail with {@link
   * ErrorReason#UNMAPPED_VALUE} when there is none.
   */
  static final class Mapped extends ValueSource {
    private final int field; // -1 when the input is a header
    private final String header;
    private final Map<String, String> table; // lower-case keys
    private final String defaultValue; // may be null

    Mapped(int field, String header, Map<String, String> table, String defaultValue) {
      this.field = field;
      this.header = header;
      this.table = table;
      this.defaultValue = defaultValue;
    }

    @Override
    String resolve(FieldValues fields, Map<String, String> headers) {
      String raw = raw(fields, headers);
      if (raw == null) {
        return null;
      }
      String mapped = table.get(raw.toLowerCase(Locale.ROOT));
      return mapped != null ? mapped : defaultValue;
    }

    @Override
    ErrorReason failureReason(FieldValues fields, Map<String, String> headers) {
      return raw(fields, headers) == null ? ErrorReason.MISSING_FIELD : ErrorReason.UNMAPPED_VALUE;
    }

    private String raw(FieldValues fields, Map<String, String> headers) {
      if (field < 0) {
        String v = headers.get(header);
        return v == null || v.isEmpty() || v.equals("-") ? null : v;
      }
      if (fields == null || !fields.hasValue(field)) {
        return null;
      }
      return new String(
          fields.array(field),
          fields.from(field),
          fields.to(field) - fields.from(field),
          StandardCharsets.UTF_8);
    }
  }
}
