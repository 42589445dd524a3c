package io.accesslog.flume.sink.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.hdfs.protocol.DSQuotaExceededException;
import org.apache.hadoop.hdfs.server.namenode.SafeModeException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;

/** The pure pieces of failure handling: what a file's length says about a write, retry classes, backoff. */
class FailureClassesTest {

  @Test
  void classify_lengths_eachOutcome() {
    assertEquals(AppendCheck.NOT_WRITTEN, AppendCheck.classify(100, 100, 50));
    assertEquals(AppendCheck.WRITTEN, AppendCheck.classify(150, 100, 50));
    assertEquals(AppendCheck.PARTIAL, AppendCheck.classify(101, 100, 50));
    assertEquals(AppendCheck.PARTIAL, AppendCheck.classify(149, 100, 50));
    assertEquals(AppendCheck.INCONSISTENT, AppendCheck.classify(151, 100, 50));
    assertEquals(AppendCheck.INCONSISTENT, AppendCheck.classify(99, 100, 50));
    assertEquals(AppendCheck.NOT_WRITTEN, AppendCheck.classify(-1, 0, 50), "a create that never happened");
    assertEquals(AppendCheck.INCONSISTENT, AppendCheck.classify(-1, 100, 50), "an appended file that vanished");
  }

  @Test
  void classify_failures_fatalOnlyWhenAnOperatorMustAct() {
    assertEquals(WriteFailure.RETRIABLE, WriteFailure.classify(new ConnectException("Connection refused")));
    assertEquals(WriteFailure.RETRIABLE, WriteFailure.classify(new SafeModeException("Name node is in safe mode")));
    assertEquals(WriteFailure.RETRIABLE, WriteFailure.classify(
        new RemoteException(SafeModeException.class.getName(), "safe mode")));
    assertEquals(WriteFailure.FATAL, WriteFailure.classify(new AccessControlException("Permission denied")));
    assertEquals(WriteFailure.FATAL, WriteFailure.classify(
        new RemoteException(AccessControlException.class.getName(), "Permission denied: user=flume")));
    assertEquals(WriteFailure.FATAL, WriteFailure.classify(
        new RemoteException(DSQuotaExceededException.class.getName(), "quota")));
    assertEquals(WriteFailure.FATAL, WriteFailure.classify(new IOException("wrapped",
        new DSQuotaExceededException("The DiskSpace quota is exceeded"))));
    assertEquals(WriteFailure.FATAL, WriteFailure.classify(new AccessDeniedException("/spool")));
  }

  @Test
  void delayMillis_doublesUpToTheMaximum_fatalWaitsTheMaximum() {
    RetryBackoff backoff = new RetryBackoff(1000, 60_000);
    assertEquals(1000, backoff.delayMillis(1, WriteFailure.RETRIABLE));
    assertEquals(2000, backoff.delayMillis(2, WriteFailure.RETRIABLE));
    assertEquals(32_000, backoff.delayMillis(6, WriteFailure.RETRIABLE));
    assertEquals(60_000, backoff.delayMillis(7, WriteFailure.RETRIABLE));
    assertEquals(60_000, backoff.delayMillis(Integer.MAX_VALUE, WriteFailure.RETRIABLE));
    assertEquals(60_000, backoff.delayMillis(1, WriteFailure.FATAL));
  }
}
