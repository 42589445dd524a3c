package io.accesslog.flume.sink.auth;

import java.lang.reflect.Method;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Reads the ticket-granting ticket of a Hadoop login, to know when it expires (Hadoop keeps that to
 * itself).
 */
final class KerberosTickets {
  private KerberosTickets() {}

  /** The login's TGT, or null (no Kerberos login, or the JVM hides the subject). */
  static KerberosTicket tgt(UserGroupInformation ugi) {
    Subject subject = subject(ugi);
    if (subject == null) {
      return null;
    }
    synchronized (subject.getPrivateCredentials()) {
      for (KerberosTicket ticket : subject.getPrivateCredentials(KerberosTicket.class)) {
        KerberosPrincipal server = ticket.getServer();
        if (server != null && server.getName().startsWith("krbtgt/")) {
          return ticket;
        }
      }
    }
    return null;
  }

  /** {@code UserGroupInformation#getSubject} is protected; every Hadoop 3 client has it. */
  private static Subject subject(UserGroupInformation ugi) {
    try {
      Method method = UserGroupInformation.class.getDeclaredMethod("getSubject");
      method.setAccessible(true);
      return (Subject) method.invoke(ugi);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
