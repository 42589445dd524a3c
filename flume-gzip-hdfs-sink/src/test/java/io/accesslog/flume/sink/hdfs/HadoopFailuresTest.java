package io.accesslog.flume.sink.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.accesslog.flume.sink.buffer.WriteFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.hdfs.protocol.DSQuotaExceededException;
import org.apache.hadoop.hdfs.server.namenode.SafeModeException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;

class HadoopFailuresTest {
  private static WriteFailure classify(Throwable t) {
    return HadoopFailures.CLASSIFIER.classify(t);
  }

  @Test
  void classify_failures_fatalOnlyWhenAnOperatorMustAct() {
    assertEquals(WriteFailure.RETRIABLE, classify(new ConnectException("Connection refused")));
    assertEquals(
        WriteFailure.RETRIABLE, classify(new SafeModeException("Name node is in safe mode")));
    assertEquals(
        WriteFailure.RETRIABLE,
        classify(new RemoteException(SafeModeException.class.getName(), "safe mode")));
    assertEquals(
        WriteFailure.RETRIABLE, classify(new CallTimeoutException("append of /l/f timed out")));
    assertEquals(WriteFailure.FATAL, classify(new AccessControlException("Permission denied")));
    assertEquals(
        WriteFailure.FATAL,
        classify(
            new RemoteException(
                AccessControlException.class.getName(), "Permission denied: user=flume")));
    assertEquals(
        WriteFailure.FATAL,
        classify(new RemoteException(DSQuotaExceededException.class.getName(), "quota")));
    assertEquals(
        WriteFailure.FATAL,
        classify(
            new IOException(
                "wrapped", new DSQuotaExceededException("The DiskSpace quota is exceeded"))));
    assertEquals(WriteFailure.FATAL, classify(new AccessDeniedException("/spool")));
  }
}
