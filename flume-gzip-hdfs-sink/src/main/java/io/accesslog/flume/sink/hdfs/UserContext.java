package io.accesslog.flume.sink.hdfs;

import java.util.concurrent.Callable;

/**
 * Runs an HDFS call as the sink's HDFS user (a Kerberos login, a proxy user, or simply the JVM's
 * user).
 */
public interface UserContext {
  /** Calls run as whoever the thread is. */
  UserContext CURRENT =
      new UserContext() {
        @Override
        public <T> T call(Callable<T> call) throws Exception {
          return call.call();
        }
      };

  <T> T call(Callable<T> call) throws Exception;
}
