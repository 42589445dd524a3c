package io.accesslog.flume.sink.config;

/**
 * Sink keys of the HDFS client: retries of failed writes, timeouts, start-up recovery, Kerberos
 * login and impersonation, and how long a stop keeps writing.
 *
 * <p>Declared here, named by users as {@code SinkKeys.<KEY>} ({@link SinkKeys} extends this group;
 * the README table lists {@link SinkKeys#ALL}).
 */
interface HdfsKeys {
  // --- failures
  ConfigKey<Long> RETRY_INITIAL_BACKOFF =
      ConfigKey.millis(
          "retry.initialBackoff",
          "1s",
          10,
          600_000,
          "Wait before the second attempt of a failed HDFS write of one file; doubled per further failure.");
  ConfigKey<Long> RETRY_MAX_BACKOFF =
      ConfigKey.millis(
          "retry.maxBackoff",
          "60s",
          10,
          3_600_000,
          "Longest wait between attempts of one file; also the wait after a fatal failure (permission, "
              + "quota, invalid path), which is retried so the sink heals once an operator fixes the cause.");
  ConfigKey<Long> HDFS_RECOVERY_TIMEOUT =
      ConfigKey.millis(
          "hdfs.recoveryTimeout",
          "60s",
          1000,
          3_600_000,
          "How long one lease recovery or truncate may take to close the file before the attempt "
              + "counts as failed (and is retried with backoff).");
  ConfigKey<Long> HDFS_CALL_TIMEOUT =
      ConfigKey.millis(
          "hdfs.callTimeout",
          "30s",
          1000,
          3_600_000,
          "Longest time one HDFS call may take (a write of up to "
              + "append.bytes with its open and close, a rename, a listing step; lease recovery and "
              + "truncate get hdfs.recoveryTimeout on top). A call that takes longer counts as a "
              + "failed write: it is abandoned (its thread interrupted) and retried with backoff, "
              + "resolved against the file's real length like any failed write. Same key and default "
              + "as the stock HDFS sink.");
  ConfigKey<String> RECOVERY_ORPHAN_SCAN =
      ConfigKey.choice(
          "recovery.orphanScan",
          "auto",
          "At start, whether to list all of hdfs.root for in-progress files of this writer.id that the ledger does "
              + "not know, and finish them. auto: only when the ledger was missing (first start, spool directory "
              + "lost) or damaged; always: at every start; never: not at all (a lost ledger then leaves such files "
              + "hidden until renamed by hand). The ledger records every file before it is created, so with an "
              + "intact ledger the listing finds nothing, and on a root of millions of files it costs minutes.",
          "auto",
          "always",
          "never");
  // --- security
  ConfigKey<String> KERBEROS_PRINCIPAL =
      ConfigKey.string(
          "hdfs.kerberosPrincipal",
          "",
          "empty, or a Kerberos principal (flume/_HOST@EXAMPLE.COM; _HOST becomes this host's name)",
          "Log in from hdfs.kerberosKeytab as this principal (through Flume's authentication helper, "
              + "as the stock sink does) and renew the login before the ticket expires. Empty: no "
              + "keytab login; the JVM's Hadoop login is used as it is (a kinit ticket cache when "
              + "core-site.xml says kerberos, else simple).");
  ConfigKey<String> KERBEROS_KEYTAB =
      ConfigKey.string(
          "hdfs.kerberosKeytab",
          "",
          "empty, or a readable keytab file (required with hdfs.kerberosPrincipal)",
          "Keytab holding the key of hdfs.kerberosPrincipal.");
  ConfigKey<String> PROXY_USER =
      ConfigKey.string(
          "hdfs.proxyUser",
          "",
          "empty, or a user name",
          "Every HDFS call is made as this user, impersonated by the login user (the NameNode "
              + "must allow it: hadoop.proxyuser.<login user>.hosts and .groups). Empty: as the login "
              + "user.");
  ConfigKey<Long> STOP_TIMEOUT =
      ConfigKey.millis(
          "stop.timeout",
          "60s",
          0,
          3_600_000,
          "On stop, how long to keep writing buffered data to HDFS; what is left stays in the spool.");
}
