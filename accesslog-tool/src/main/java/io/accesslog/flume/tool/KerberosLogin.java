package io.accesslog.flume.tool;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Logs the tool in to Kerberos from a keytab ({@code --principal}/{@code --keytab}, or the sink's
 * {@code hdfs.kerberosPrincipal}/{@code hdfs.kerberosKeytab} from {@code --config}). Without them
 * nothing is done: a cluster whose core-site.xml says {@code hadoop.security.authentication =
 * kerberos} is then read with the ticket cache of {@code kinit}, as every Hadoop client does.
 */
final class KerberosLogin {
  private KerberosLogin() {}

  static void login(Configuration hadoop, String principal, String keytab) {
    if (principal == null && keytab == null) {
      return;
    }
    if (principal == null || keytab == null) {
      throw new Main.UsageException(
          "--principal and --keytab go together (got only "
              + (principal == null ? "--keytab " + keytab : "--principal " + principal)
              + ")");
    }
    File file = new File(keytab);
    if (!file.isFile() || !file.canRead()) {
      throw new Main.UsageException("--keytab " + keytab + ": not a readable file");
    }
    Configuration conf = new Configuration(hadoop);
    conf.set("hadoop.security.authentication", "kerberos");
    UserGroupInformation.setConfiguration(conf);
    try {
      UserGroupInformation.loginUserFromKeytab(principal, keytab);
    } catch (IOException e) {
      throw new Main.UsageException(
          "Kerberos login as "
              + principal
              + " from "
              + keytab
              + " failed: "
              + e.getMessage()
              + " (check it with: kinit -kt "
              + keytab
              + " "
              + principal
              + ")");
    }
  }
}
