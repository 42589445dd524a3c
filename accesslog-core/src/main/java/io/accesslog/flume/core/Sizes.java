package io.accesslog.flume.core;

/**
 * The one size grammar users write: digits, optional {@code _} separators, then an optional unit,
 * {@code B}, {@code KB}, {@code MB}, {@code GB} or {@code TB} (also {@code K}/{@code KiB} ...), in
 * any case; units are powers of 1024, and a bare number is bytes: {@code 65536}, {@code 64KB},
 * {@code 5MB}, {@code 1GB}.
 */
public final class Sizes {
  /** The grammar as the READMEs state it. */
  public static final String SYNTAX = "<n>B|KB|MB|GB|TB, powers of 1024; a bare number is bytes";

  private Sizes() {}

  /**
   * The value in bytes.
   *
   * @throws IllegalArgumentException saying what is allowed
   */
  public static long parseBytes(String raw) {
    Quantity q = Quantity.parse(raw, "size", SYNTAX);
    int shift = shift(q.unit);
    if (shift < 0) {
      throw q.unknownUnit(SYNTAX);
    }
    long n = q.number;
    if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("too large");
    }
    return n << shift;
  }

  private static int shift(String unit) {
    switch (unit) {
      case "":
      case "b":
        return 0;
      case "k":
      case "kb":
      case "kib":
        return 10;
      case "m":
      case "mb":
      case "mib":
        return 20;
      case "g":
      case "gb":
      case "gib":
        return 30;
      case "t":
      case "tb":
      case "tib":
        return 40;
      default:
        return -1;
    }
  }

  /** The shortest exact form: {@code 64KB}, {@code 5MB}, {@code 1000} (bytes). */
  public static String format(long bytes) {
    String[] names = {"TB", "GB", "MB", "KB"};
    for (int i = 0; i < names.length; i++) {
      int shift = 40 - 10 * i;
      if (bytes != 0 && bytes % (1L << shift) == 0) {
        return (bytes >> shift) + names[i];
      }
    }
    return Long.toString(bytes);
  }
}
