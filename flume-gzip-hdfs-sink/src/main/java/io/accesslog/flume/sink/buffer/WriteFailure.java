package io.accesslog.flume.sink.buffer;

import java.nio.file.AccessDeniedException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether an HDFS failure can heal by itself. Pure: looks at the exception, its causes and, for
 * errors the NameNode sent back ({@code RemoteException}), the server-side class name, so no
 * HDFS class is needed here.
 */
public enum WriteFailure {
  /** Connection refused or reset, timeouts, NameNode in safe mode or standby, lease trouble: retry. */
  RETRIABLE,
  /** Permission denied, quota exceeded, invalid path: retrying will not help until someone acts. */
  FATAL;

  private static final Set<String> FATAL_CLASSES = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
      "org.apache.hadoop.security.AccessControlException",
      "org.apache.hadoop.hdfs.protocol.QuotaExceededException",
      "org.apache.hadoop.hdfs.protocol.DSQuotaExceededException",
      "org.apache.hadoop.hdfs.protocol.NSQuotaExceededException",
      "org.apache.hadoop.fs.InvalidPathException",
      "org.apache.hadoop.HadoopIllegalArgumentException",
      "org.apache.hadoop.fs.ParentNotDirectoryException",
      "org.apache.hadoop.hdfs.protocol.FSLimitException$PathComponentTooLongException",
      "org.apache.hadoop.hdfs.protocol.FSLimitException$MaxDirectoryItemsExceededException",
      "java.nio.file.AccessDeniedException")));

  public static WriteFailure classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AccessDeniedException || isFatalClass(t.getClass())) {
        return FATAL;
      }
      String remote = remoteClassName(t);
      if (remote != null && FATAL_CLASSES.contains(remote)) {
        return FATAL;
      }
    }
    return RETRIABLE;
  }

  private static boolean isFatalClass(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (FATAL_CLASSES.contains(c.getName())) {
        return true;
      }
    }
    return false;
  }

  /** {@code org.apache.hadoop.ipc.RemoteException#getClassName()}, found by name. */
  private static String remoteClassName(Throwable t) {
    if (!t.getClass().getName().equals("org.apache.hadoop.ipc.RemoteException")) {
      return null;
    }
    try {
      Object name = t.getClass().getMethod("getClassName").invoke(t);
      return name instanceof String ? (String) name : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
