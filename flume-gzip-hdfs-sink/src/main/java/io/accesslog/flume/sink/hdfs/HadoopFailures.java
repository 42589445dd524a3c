package io.accesslog.flume.sink.hdfs;

import io.accesslog.flume.sink.buffer.FailureClassifier;
import io.accesslog.flume.sink.buffer.WriteFailure;
import java.nio.file.AccessDeniedException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.ipc.RemoteException;

/**
 * Which Hadoop failures heal by themselves. Looks at the exception, its causes and, for errors the
 * NameNode sent back ({@link RemoteException}), the server-side class name. The fatal ones are
 * matched by name, as a RemoteException carries them, so a class missing from the client's
 * classpath still counts.
 */
public final class HadoopFailures implements FailureClassifier {
  /** The one instance: it holds no state. */
  public static final HadoopFailures CLASSIFIER = new HadoopFailures();

  private static final Set<String> FATAL_CLASSES =
      Collections.unmodifiableSet(
          new HashSet<>(
              Arrays.asList(
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

  private HadoopFailures() {}

  @Override
  public WriteFailure classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AccessDeniedException || isFatalClass(t.getClass())) {
        return WriteFailure.FATAL;
      }
      if (t.getClass() == RemoteException.class
          && FATAL_CLASSES.contains(((RemoteException) t).getClassName())) {
        return WriteFailure.FATAL;
      }
    }
    return WriteFailure.RETRIABLE;
  }

  private static boolean isFatalClass(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (FATAL_CLASSES.contains(c.getName())) {
        return true;
      }
    }
    return false;
  }
}
