package io.accesslog.flume.tool.scan;

import io.accesslog.flume.interceptor.LineFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The line filter of a question, compiled once: time range, {@code --where} conditions, {@code
 * --grep}, and the fields the output needs (stats/top/by). Immutable; {@link #fieldIndex} gives a
 * field's position in every {@link LineFields.Parsed} the scan passes on.
 */
public final class Question {
  final LineFields fields;
  final LineFields.Extractor extractor;
  final List<Where> wheres;
  final Pattern grep;
  final Instant from;
  final Instant to;
  final boolean alwaysNeedTime;
  final boolean needFields;

  /** Texts a line must contain to match ({@link Where#requiredText()}): checked before parsing. */
  final byte[][] requiredTexts;

  private final List<String> fieldList;

  /**
   * @param outputFields fields the output reads (may be empty)
   * @param alwaysNeedTime the output needs every line's time ({@code --every})
   * @throws IllegalArgumentException for an unknown field or a bad expression, with one clear
   *     message
   */
  public Question(
      LineFields fields,
      List<String> whereTexts,
      String grep,
      Instant from,
      Instant to,
      List<String> outputFields,
      boolean alwaysNeedTime) {
    this.fields = fields;
    this.fieldList = new ArrayList<>();
    List<Where> parsed = new ArrayList<>();
    for (String w : whereTexts) {
      parsed.add(Where.parse(w));
    }
    for (String f : outputFields) {
      if (!fields.hasField(f)) {
        throw new IllegalArgumentException("no field '" + f + "' in " + fields.description());
      }
      if (!fieldList.contains(f)) {
        fieldList.add(f);
      }
    }
    List<Where> bound = new ArrayList<>();
    for (Where w : parsed) {
      if (!fieldList.contains(w.field()) && fields.hasField(w.field())) {
        fieldList.add(w.field());
      }
      bound.add(w.bind(fields, fieldList.indexOf(w.field())));
    }
    this.wheres = List.copyOf(bound);
    List<byte[]> required = new ArrayList<>();
    if (!fields.format().equals("json")) {
      for (Where w : bound) {
        if (w.requiredText() != null) {
          required.add(w.requiredText());
        }
      }
    }
    this.requiredTexts = required.toArray(new byte[0][]);
    this.extractor = fields.extractor(fieldList);
    try {
      this.grep = grep == null ? null : Pattern.compile(Latin1Chars.pattern(grep));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "--grep '" + grep + "': invalid regex: " + e.getDescription());
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
    }
    this.from = from;
    this.to = to;
    this.alwaysNeedTime = alwaysNeedTime;
    this.needFields = !fieldList.isEmpty();
  }

  public int fieldIndex(String field) {
    return fieldList.indexOf(field);
  }

  /** A fresh collector per task. */
  public interface CollectorFactory extends Supplier<Collector> {}
}
