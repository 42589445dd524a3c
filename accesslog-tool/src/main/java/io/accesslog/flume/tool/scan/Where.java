package io.accesslog.flume.tool.scan;

import io.accesslog.flume.interceptor.LineFields;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code --where} condition: {@code FIELD OP VALUE} with OP one of {@code = != > >= < <= ~ !~}.
 * {@code =}/{@code !=} compare text exactly (a value that is a number also equals the same number
 * written differently: {@code status=200}, {@code request_time=0.5} matches {@code 0.500}); {@code
 * > >= < <=} compare numbers (a field that is absent, {@code -} or not a number never matches);
 * {@code ~}/{@code !~} search the field with a Java regex. Immutable.
 */
public final class Where {
  public enum Op {
    EQ("="),
    NE("!="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    MATCH("~"),
    NOT_MATCH("!~");

    final String text;

    Op(String text) {
      this.text = text;
    }
  }

  private final String text;
  private final String field;
  private final Op op;
  private final String value;
  private final byte[] valueBytes;
  private final double number;
  private final Pattern regex;
  private int index = -1;

  private Where(String text, String field, Op op, String value) {
    this.text = text;
    this.field = field;
    this.op = op;
    this.value = value;
    this.valueBytes = value.getBytes(StandardCharsets.UTF_8);
    double n;
    try {
      n = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      n = Double.NaN;
    }
    this.number = n;
    if (op == Op.MATCH || op == Op.NOT_MATCH) {
      try {
        this.regex = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw bad(
            text, "the regex is invalid: " + e.getDescription() + " near index " + e.getIndex());
      }
    } else {
      this.regex = null;
    }
    if ((op == Op.GT || op == Op.GE || op == Op.LT || op == Op.LE) && Double.isNaN(number)) {
      throw bad(text, "'" + op.text + "' compares numbers and '" + value + "' is not a number");
    }
  }

  /**
   * Parses {@code FIELD OP VALUE} (spaces around OP allowed).
   *
   * @throws IllegalArgumentException with one clear message
   */
  public static Where parse(String text) {
    String t = text.trim();
    int i = 0;
    while (i < t.length() && isNameChar(t.charAt(i))) {
      i++;
    }
    String field = t.substring(0, i);
    if (field.isEmpty()) {
      throw bad(text, "it must start with a field name ([A-Za-z0-9_.-])");
    }
    String rest = t.substring(i).stripLeading();
    Op op = null;
    for (String candidate : new String[] {"!=", ">=", "<=", "!~", "=", ">", "<", "~"}) {
      if (rest.startsWith(candidate)) {
        for (Op o : Op.values()) {
          if (o.text.equals(candidate)) {
            op = o;
          }
        }
        rest = rest.substring(candidate.length());
        break;
      }
    }
    if (op == null) {
      throw bad(text, "after the field '" + field + "' comes an operator: = != > >= < <= ~ !~");
    }
    String value = op == Op.MATCH || op == Op.NOT_MATCH ? rest.stripLeading() : rest.strip();
    if (value.length() >= 2
        && ((value.startsWith("'") && value.endsWith("'"))
            || (value.startsWith("\"") && value.endsWith("\"")))) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.isEmpty() && op != Op.EQ && op != Op.NE) {
      throw bad(text, "no value after '" + op.text + "'");
    }
    return new Where(text, field, op, value);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private static IllegalArgumentException bad(String text, String problem) {
    return new IllegalArgumentException(
        "--where '"
            + text
            + "': "
            + problem
            + " (e.g. 'status>=500', 'remote_addr=10.1.2.3', 'request~^GET /api')");
  }

  public String field() {
    return field;
  }

  public Op op() {
    return op;
  }

  public String value() {
    return value;
  }

  /**
   * Text every line this condition accepts contains, as stored (so lines without it need no
   * parsing), or null: the value of {@code FIELD=VALUE} when it is not a number (a number also
   * matches other spellings of it). Only for formats whose field values are substrings of the line
   * (nginx, regex; not JSON with its escapes).
   */
  byte[] requiredText() {
    return op == Op.EQ && Double.isNaN(number) && valueBytes.length > 0 ? valueBytes : null;
  }

  /** Checks the field exists in the format; binds its index in the extractor's field list. */
  Where bind(LineFields fields, int fieldIndex) {
    if (!fields.hasField(field)) {
      throw bad(text, "no field '" + field + "' in " + fields.description());
    }
    Where w = new Where(text, field, op, value);
    w.index = fieldIndex;
    return w;
  }

  boolean test(LineFields.Parsed p) {
    switch (op) {
      case EQ:
        if (p.equalsBytes(index, valueBytes)) {
          return true;
        }
        return !Double.isNaN(number) && p.number(index) == number;
      case NE:
        return !(p.equalsBytes(index, valueBytes)
            || (!Double.isNaN(number) && p.number(index) == number));
      case GT:
        return p.number(index) > number;
      case GE:
        return p.number(index) >= number;
      case LT:
        return p.number(index) < number;
      case LE:
        return p.number(index) <= number;
      case MATCH:
        {
          String s = p.string(index);
          return s != null && regex.matcher(s).find();
        }
      default:
        {
          String s = p.string(index);
          return s == null || !regex.matcher(s).find();
        }
    }
  }

  @Override
  public String toString() {
    return field + op.text + value;
  }
}
