package io.accesslog.flume.sink.route;

import io.accesslog.flume.sink.config.SinkKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.flume.conf.ConfigurationException;

/**
 * The writer id in every file name ({@code writer.id}): an explicit one checked, or the default
 * {@code <local hostname>-<sinkName>} derived exactly as earlier versions did.
 */
final class WriterIds {
  private WriterIds() {}

  /**
   * The explicit {@code writerId} checked, or the default {@code <local hostname>-<sinkName>}
   * ({@code localHostName} null: looked up).
   */
  static String resolve(String writerId, String sinkName, String localHostName) {
    if (writerId != null) {
      if (!FileNamer.isValidWriterId(writerId)) {
        throw PathTemplate.invalid(
            SinkKeys.WRITER_ID.name(),
            writerId,
            "allowed: 1-"
                + PathSanitizer.MAX_LENGTH
                + " characters of [A-Za-z0-9._-] with at"
                + " least one letter or digit, not starting with '.' and not containing '"
                + FileNamer.WRITER_MARK
                + "'");
      }
      return writerId;
    }
    if (sinkName == null || sinkName.isEmpty()) {
      throw new ConfigurationException(
          "route: key '"
              + SinkKeys.WRITER_ID.name()
              + "' is not set and no sink name is known to build the"
              + " default <local hostname>-<sinkName>; set "
              + SinkKeys.WRITER_ID.name());
    }
    String host = localHostName != null ? localHostName : lookUpHostName();
    String id = defaultWriterId(host, sinkName);
    if (!FileNamer.isValidWriterId(id)) {
      throw new ConfigurationException(
          "route: the default writer id '"
              + id
              + "' (from host '"
              + host
              + "' and sink '"
              + sinkName
              + "') is not usable (it contains '"
              + FileNamer.WRITER_MARK
              + "'); set "
              + SinkKeys.WRITER_ID.name()
              + " explicitly");
    }
    return id;
  }

  /**
   * {@code <host>-<sinkName>} with each char outside {@code [A-Za-z0-9._-]} replaced by {@code _}
   * and a leading {@code .} by {@code _}. Deliberately not {@link PathSanitizer}: a writer id is
   * configuration, never the first char of a name (file names start with the file base), and it
   * must stay exactly what earlier versions derived, or a restarted sink would not find the
   * in-progress files and the HDFS claim of its own id.
   */
  static String defaultWriterId(String host, String sinkName) {
    char[] id = (host + "-" + sinkName).toCharArray();
    for (int i = 0; i < id.length; i++) {
      if (!PathSanitizer.isSafe(id[i]) || (i == 0 && id[i] == '.')) {
        id[i] = '_';
      }
    }
    return new String(id);
  }

  private static String lookUpHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new ConfigurationException(
          "route: cannot look up the local host name for the default "
              + SinkKeys.WRITER_ID.name()
              + "; set "
              + SinkKeys.WRITER_ID.name()
              + " explicitly",
          e);
    }
  }
}
