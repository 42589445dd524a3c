package io.accesslog.flume.sink.auth;

import io.accesslog.flume.sink.buffer.RetryBackoff;
import io.accesslog.flume.sink.buffer.RetrySchedule;
import io.accesslog.flume.sink.hdfs.UserContext;
import java.io.IOException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.kerberos.KerberosTicket;
import org.apache.flume.auth.FlumeAuthenticationUtil;
import org.apache.flume.auth.FlumeAuthenticator;
import org.apache.flume.auth.PrivilegedExecutor;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's identity towards HDFS, set up the way Flume's stock HDFS sink does it: Flume's
 * authentication helper ({@link FlumeAuthenticationUtil#getAuthenticator}) logs in from the keytab
 * (or, with no principal configured, leaves the JVM's Hadoop login as it is), and {@link
 * FlumeAuthenticator#proxyAs} gives the {@link PrivilegedExecutor} every HDFS call runs in ({@link
 * #user()}), as the proxy user when one is set.
 *
 * <p><b>Renewal.</b> Flume's executor checks the ticket at most every 5 minutes, before a call. A
 * keytab login is also renewed here ahead of expiry: a thread of our own ({@code
 * <sink>-kerberos-relogin}) wakes when Hadoop's renewal window opens (80 % of the ticket's
 * lifetime; at least every minute) and calls {@link
 * UserGroupInformation#checkTGTAndReloginFromKeytab()}, so no write meets an expired ticket.
 *
 * <p><b>Failure at start.</b> A login that fails (wrong keytab, unknown principal, KDC unreachable)
 * makes {@link #login} throw with the principal, the keytab, the cause and what to check; Flume
 * retries the start, and a new attempt contacts the KDC only after {@code retry.maxBackoff} (a
 * wrong key retried every few seconds can lock the account on a KDC with a lockout policy). Nothing
 * is taken from the channel meanwhile.
 */
public final class HdfsLogin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HdfsLogin.class);
  private static final double RENEW_WINDOW = 0.8;
  private static final long MAX_CHECK_MILLIS = 60_000;
  private static final long MIN_CHECK_MILLIS = 1_000;

  private final String sinkName;
  private final AuthSettings settings;
  private final RetrySchedule retry;
  private final AtomicLong relogins = new AtomicLong();
  private final AtomicLong reloginFailures = new AtomicLong();
  private long loginFailures;
  private String lastFailure;
  private PrivilegedExecutor executor;
  private ScheduledExecutorService renewer;

  /**
   * @param backoff after a failed login, the next attempt waits its longest delay
   */
  public HdfsLogin(String sinkName, AuthSettings settings, RetryBackoff backoff) {
    this.sinkName = sinkName;
    this.settings = settings;
    this.retry = new RetrySchedule(backoff);
  }

  /**
   * Logs in (when a principal is configured) and starts the renewal.
   *
   * @throws IllegalStateException saying what failed and what to check
   */
  public synchronized void login(long nowMillis) {
    if (executor != null) {
      return;
    }
    if (!retry.due(nowMillis)) {
      throw new IllegalStateException(
          sinkName
              + ": not starting: "
              + lastFailure
              + " (next login attempt in "
              + (retry.nextAttemptMillis() - nowMillis) / 1000
              + " s, not sooner, so a wrong keytab cannot lock the account)");
    }
    try {
      FlumeAuthenticator authenticator =
          FlumeAuthenticationUtil.getAuthenticator(settings.principal(), settings.keytab());
      executor = authenticator.proxyAs(settings.proxyUser());
    } catch (RuntimeException e) {
      loginFailures++;
      retry.failedForGood(nowMillis);
      lastFailure = describe(e);
      throw new IllegalStateException(sinkName + ": not starting: " + lastFailure, e);
    }
    if (settings.keytabLogin()) {
      LOG.info(
          "{}: logged in to Kerberos as {} from keytab {}{}; ticket valid until {}",
          sinkName,
          settings.principal(),
          settings.keytab(),
          settings.proxyUser() == null ? "" : ", acting as proxy user " + settings.proxyUser(),
          ticketEnd());
      renewer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, sinkName + "-kerberos-relogin");
                t.setDaemon(true);
                return t;
              });
      renewer.schedule(this::renew, nextCheckMillis(), TimeUnit.MILLISECONDS);
    } else if (settings.proxyUser() != null) {
      LOG.info(
          "{}: HDFS calls act as proxy user {} (login user: the JVM's)",
          sinkName,
          settings.proxyUser());
    }
  }

  private String describe(RuntimeException e) {
    StringBuilder causes = new StringBuilder();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      causes
          .append(causes.length() == 0 ? "" : " <- ")
          .append(t.getClass().getSimpleName())
          .append(": ")
          .append(t.getMessage());
    }
    if (!settings.keytabLogin()) {
      return "setting up HDFS user "
          + settings.proxyUser()
          + " failed: "
          + e.getMessage()
          + (causes.length() == 0 ? "" : " (" + causes + ")");
    }
    return "Kerberos login as "
        + settings.principal()
        + " from keytab "
        + settings.keytab()
        + " failed ("
        + loginFailures
        + " attempt(s)): "
        + e.getMessage()
        + (causes.length() == 0 ? "" : " (" + causes + ")")
        + ". Check that the keytab holds the principal's current key (klist -kte "
        + settings.keytab()
        + "; kinit -kt "
        + settings.keytab()
        + " "
        + settings.principal()
        + ") and that the KDC is reachable. "
        + "Nothing is taken from the channel until the login succeeds; the spool is kept";
  }

  /** Runs HDFS calls as the sink's HDFS user. Valid after {@link #login}. */
  public UserContext user() {
    final PrivilegedExecutor privileged;
    synchronized (this) {
      privileged = executor;
    }
    if (privileged == null) {
      throw new IllegalStateException(sinkName + ": not logged in");
    }
    return new UserContext() {
      @Override
      public <T> T call(java.util.concurrent.Callable<T> call) throws Exception {
        return privileged.execute((PrivilegedExceptionAction<T>) call::call);
      }
    };
  }

  /** Renewals of the keytab login done ahead of expiry. */
  public long relogins() {
    return relogins.get();
  }

  /** Renewal attempts that failed (the old ticket stays in use until it expires; retried). */
  public long reloginFailures() {
    return reloginFailures.get();
  }

  /** Failed login attempts at start. */
  public synchronized long loginFailures() {
    return loginFailures;
  }

  private void renew() {
    long next = MIN_CHECK_MILLIS * 10;
    try {
      UserGroupInformation ugi = UserGroupInformation.getLoginUser();
      KerberosTicket before = KerberosTickets.tgt(ugi);
      ugi.checkTGTAndReloginFromKeytab();
      KerberosTicket after = KerberosTickets.tgt(ugi);
      if (after != null && after != before) {
        relogins.incrementAndGet();
        LOG.info(
            "{}: renewed the Kerberos login of {}; ticket valid until {}",
            sinkName,
            settings.principal(),
            after.getEndTime().toInstant());
      }
      next = nextCheckMillis();
    } catch (IOException | RuntimeException e) {
      reloginFailures.incrementAndGet();
      LOG.warn(
          "{}: renewing the Kerberos login of {} from {} failed (retried in {} s; the current"
              + " ticket is valid until {}): {}",
          sinkName,
          settings.principal(),
          settings.keytab(),
          next / 1000,
          ticketEnd(),
          e.toString());
    }
    synchronized (this) {
      if (renewer != null) {
        renewer.schedule(this::renew, next, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Until Hadoop's renewal window opens, at least every minute, at most every second. */
  private static long nextCheckMillis() {
    try {
      KerberosTicket tgt = KerberosTickets.tgt(UserGroupInformation.getLoginUser());
      if (tgt == null) {
        return MAX_CHECK_MILLIS;
      }
      long start = tgt.getStartTime().getTime();
      long end = tgt.getEndTime().getTime();
      long renewAt = start + (long) ((end - start) * RENEW_WINDOW);
      return Math.max(
          MIN_CHECK_MILLIS, Math.min(MAX_CHECK_MILLIS, renewAt - System.currentTimeMillis()));
    } catch (IOException | RuntimeException e) {
      return MAX_CHECK_MILLIS;
    }
  }

  private static String ticketEnd() {
    try {
      KerberosTicket tgt = KerberosTickets.tgt(UserGroupInformation.getLoginUser());
      return tgt == null
          ? "(unknown)"
          : Instant.ofEpochMilli(tgt.getEndTime().getTime()).toString();
    } catch (IOException | RuntimeException e) {
      return "(unknown)";
    }
  }

  /** Stops the renewal; the JVM-wide Hadoop login stays (Flume keeps one per agent). Idempotent. */
  @Override
  public synchronized void close() {
    if (renewer != null) {
      renewer.shutdownNow();
      renewer = null;
    }
    executor = null;
  }
}
