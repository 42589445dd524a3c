package io.accesslog.flume.sink.auth;

import java.io.File;

/**
 * Who the sink is towards HDFS: a Kerberos principal logged in from a keytab (or the JVM's own
 * Hadoop login), optionally impersonating a proxy user. Immutable; validated by {@link #of}.
 */
public final class AuthSettings {
  public static final AuthSettings NONE = new AuthSettings(null, null, null);

  private final String principal;
  private final String keytab;
  private final String proxyUser;

  private AuthSettings(String principal, String keytab, String proxyUser) {
    this.principal = principal;
    this.keytab = keytab;
    this.proxyUser = proxyUser;
  }

  /**
   * Empty strings mean "not set".
   *
   * @throws IllegalArgumentException naming the key: a principal without a keytab (or the other way
   *     round), a keytab that is not a readable file
   */
  public static AuthSettings of(
      String principal, String keytab, String proxyUser, String principalKey, String keytabKey) {
    String p = principal == null || principal.trim().isEmpty() ? null : principal.trim();
    String k = keytab == null || keytab.trim().isEmpty() ? null : keytab.trim();
    String u = proxyUser == null || proxyUser.trim().isEmpty() ? null : proxyUser.trim();
    if (p != null && k == null) {
      throw new IllegalArgumentException(
          keytabKey + " must be set when " + principalKey + " is (" + p + ")");
    }
    if (k != null && p == null) {
      throw new IllegalArgumentException(
          principalKey + " must be set when " + keytabKey + " is (" + k + ")");
    }
    if (k != null) {
      File file = new File(k);
      if (!file.isFile() || !file.canRead()) {
        throw new IllegalArgumentException(
            keytabKey
                + " = '"
                + k
                + "' is not a readable file"
                + (file.exists()
                    ? " (check its permissions for the user running Flume)"
                    : " (it does not exist)"));
      }
    }
    return new AuthSettings(p, k, u);
  }

  /** Null when there is no keytab login. */
  public String principal() {
    return principal;
  }

  /** Null when there is no keytab login. */
  public String keytab() {
    return keytab;
  }

  /** Null when calls are made as the login user. */
  public String proxyUser() {
    return proxyUser;
  }

  public boolean keytabLogin() {
    return principal != null;
  }

  @Override
  public String toString() {
    return (principal == null ? "login=jvm" : "principal=" + principal + " keytab=" + keytab)
        + (proxyUser == null ? "" : " proxyUser=" + proxyUser);
  }
}
