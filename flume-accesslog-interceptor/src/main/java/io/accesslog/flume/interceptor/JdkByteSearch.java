package io.accesslog.flume.interceptor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The JDK's own search for one byte in a {@code byte[]}: {@code java.lang.StringLatin1.indexOfChar
 * (byte[], int ch, int from, int max)}, the loop behind {@code String.indexOf(int)} that C2
 * replaces with a vector loop (AVX2 on x86: 32 bytes a step). On stored access-log lines it finds a
 * line's end in a third of the time of {@link ByteScan}'s eight-bytes-at-a-time loop.
 *
 * <p>It is a private method of {@code java.base} (JDK 9 and later), so it is used only when asked
 * for: the system property {@value #PROPERTY}{@code =true}, which the query tool's launcher sets
 * together with {@code --add-opens java.base/java.lang=ALL-UNNAMED}. Flume's JVMs never ask, so the
 * plugins keep the portable loop on every Java Flume runs on, and never print an illegal-access
 * warning. When asked but unavailable (Java 8, no {@code --add-opens}, another JDK's internals, a
 * failed self-test), {@link #status()} says why and {@link ByteScan} keeps its own loop.
 */
final class JdkByteSearch {
  static final String PROPERTY = "accesslog.jdkByteSearch";

  /** {@code StringLatin1.indexOfChar}, or null when not used. */
  private static final MethodHandle INDEX_OF_CHAR;

  private static final String STATUS;

  static {
    MethodHandle found = null;
    String status;
    String arch = System.getProperty("os.arch", "");
    if (!Boolean.getBoolean(PROPERTY)) {
      status = "not asked for (" + PROPERTY + " is not true)";
    } else if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      // Measured on x86 only; elsewhere the JDK's loop may be a plain one, slower than ByteScan's.
      status = "not used on " + arch;
    } else {
      try {
        found = lookUp();
        status = selfTest(found);
        if (!status.isEmpty()) {
          found = null;
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        status = e.toString();
      }
    }
    INDEX_OF_CHAR = found;
    STATUS = status;
  }

  /** True when the searches below use the JDK's method. */
  static final boolean ON = INDEX_OF_CHAR != null;

  private JdkByteSearch() {}

  /** Empty when {@link #ON}, else why not. */
  static String status() {
    return STATUS;
  }

  /**
   * Index of the first {@code target} in {@code b[from, to)}, or -1; only when {@link #ON}.
   *
   * @throws IndexOutOfBoundsException for a range outside {@code b} (as the JDK's own callers check
   *     before calling it)
   */
  static int indexOf(byte[] b, int from, int to, byte target) {
    if (from < 0 || to > b.length) {
      throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + b.length);
    }
    if (from >= to) {
      return -1; // the JDK's callers never pass an empty range
    }
    try {
      return (int) INDEX_OF_CHAR.invokeExact(b, target & 0xff, from, to);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** {@code MethodHandles.privateLookupIn} by reflection: this class is Java 8 bytecode. */
  private static MethodHandle lookUp() throws ReflectiveOperationException {
    Class<?> latin1 = Class.forName("java.lang.StringLatin1");
    Method privateLookupIn =
        MethodHandles.class.getMethod("privateLookupIn", Class.class, MethodHandles.Lookup.class);
    MethodHandles.Lookup lookup =
        (MethodHandles.Lookup) privateLookupIn.invoke(null, latin1, MethodHandles.lookup());
    return lookup.findStatic(
        latin1,
        "indexOfChar",
        MethodType.methodType(int.class, byte[].class, int.class, int.class, int.class));
  }

  /** The method must be the search its name says, bytes above 0x7f included; empty when it is. */
  private static String selfTest(MethodHandle h) {
    byte[] b = new byte[80];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 37 + 11);
    }
    for (int target = 0; target < 256; target += 5) {
      for (int from = 0; from < b.length; from += 13) {
        for (int to = from; to <= b.length; to += 17) {
          int expected = -1;
          for (int i = from; i < to; i++) {
            if ((b[i] & 0xff) == target) {
              expected = i;
              break;
            }
          }
          int got;
          try {
            got = (int) h.invokeExact(b, target, from, to);
          } catch (Throwable t) {
            return "self-test failed: " + t;
          }
          if (got != expected) {
            return "self-test failed: " + got + " instead of " + expected;
          }
        }
      }
    }
    return "";
  }
}
