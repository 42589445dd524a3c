package io.accesslog.flume.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

/**
 * A Kerberized HDFS in this JVM: a KDC ({@link MiniKdc}, realm {@code EXAMPLE.COM} on loopback) and
 * a {@link MiniDFSCluster} (one NameNode, one DataNode) that requires Kerberos from its clients,
 * with block access tokens and SASL-authenticated data transfer ({@code
 * dfs.data.transfer.protection = authentication}), the way a production cluster without privileged
 * DataNode ports runs. {@code ignore.secure.ports.for.testing} spares the DataNode the HTTPS web
 * server such a DataNode otherwise needs; it changes nothing for clients.
 *
 * <p>Kerberos in Hadoop is JVM-wide ({@code UserGroupInformation}): while this runs, this JVM's
 * Hadoop login is the cluster's own principal (so the test reads HDFS as the superuser); {@link
 * #close()} puts the JVM back to simple authentication for the tests that run after it.
 */
public final class SecureHdfs implements AutoCloseable {
  public static final String SERVICE_PRINCIPAL = "hdfs/localhost";

  private final Path dir;
  private final MiniKdc kdc;
  private final File serviceKeytab;
  private final int nameNodePort;
  private MiniDFSCluster cluster;

  private SecureHdfs(Path dir, MiniKdc kdc, File serviceKeytab, int nameNodePort) {
    this.dir = dir;
    this.kdc = kdc;
    this.serviceKeytab = serviceKeytab;
    this.nameNodePort = nameNodePort;
  }

  /** Starts the KDC and the cluster; {@code proxyUsers} may impersonate any user from any host. */
  public static SecureHdfs start(Path dir, String... proxyUsers) {
    try {
      Files.createDirectories(dir);
      Properties kdcConf = MiniKdc.createConf();
      kdcConf.setProperty(MiniKdc.KDC_BIND_ADDRESS, "127.0.0.1");
      kdcConf.setProperty(MiniKdc.MIN_TICKET_LIFETIME, "1");
      MiniKdc kdc = new MiniKdc(kdcConf, dir.resolve("kdc").toFile());
      Files.createDirectories(dir.resolve("kdc"));
      kdc.start();
      File keytab = dir.resolve("hdfs.keytab").toFile();
      kdc.createPrincipal(keytab, SERVICE_PRINCIPAL, "HTTP/localhost");
      SecureHdfs hdfs = new SecureHdfs(dir, kdc, keytab, Ports.freeLoopbackPort());
      hdfs.startCluster(proxyUsers);
      return hdfs;
    } catch (Exception e) {
      throw new IllegalStateException(
          "Kerberized HDFS (MiniKdc + MiniDFSCluster) did not come up in " + dir + ": " + e, e);
    }
  }

  private String realmPrincipal(String name) {
    return name + "@" + kdc.getRealm();
  }

  private void startCluster(String... proxyUsers) throws IOException {
    Configuration conf = new HdfsConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toAbsolutePath().toString());
    conf.set("hadoop.security.authentication", "kerberos");
    conf.set("hadoop.kerberos.min.seconds.before.relogin", "1");
    conf.set("dfs.namenode.kerberos.principal", realmPrincipal(SERVICE_PRINCIPAL));
    conf.set("dfs.namenode.keytab.file", serviceKeytab.getAbsolutePath());
    conf.set("dfs.datanode.kerberos.principal", realmPrincipal(SERVICE_PRINCIPAL));
    conf.set("dfs.datanode.keytab.file", serviceKeytab.getAbsolutePath());
    conf.set("dfs.web.authentication.kerberos.principal", realmPrincipal("HTTP/localhost"));
    conf.set("dfs.web.authentication.kerberos.keytab", serviceKeytab.getAbsolutePath());
    conf.setBoolean("dfs.block.access.token.enable", true);
    conf.set("dfs.data.transfer.protection", "authentication");
    conf.setBoolean("ignore.secure.ports.for.testing", true);
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setBoolean("dfs.permissions.enabled", true);
    for (String user : proxyUsers) {
      conf.set("hadoop.proxyuser." + user + ".hosts", "*");
      conf.set("hadoop.proxyuser." + user + ".groups", "*");
    }
    MiniHdfs.dataNodeSettings().forEach(conf::set);
    UserGroupInformation.setConfiguration(conf);
    cluster =
        new MiniDFSCluster.Builder(conf)
            .numDataNodes(1)
            .nameNodePort(nameNodePort)
            .format(true)
            .manageNameDfsDirs(true)
            .manageDataDfsDirs(true)
            .build();
    cluster.waitActive();
  }

  /** {@code hdfs://127.0.0.1:<port>} */
  public String uri() {
    return "hdfs://127.0.0.1:" + nameNodePort;
  }

  public String realm() {
    return kdc.getRealm();
  }

  /** Creates {@code principal} (without realm) with a fresh random key and writes its keytab. */
  public Path createPrincipal(String principal, Path keytab) {
    try {
      kdc.createPrincipal(keytab.toFile(), principal);
      return keytab;
    } catch (Exception e) {
      throw new IllegalStateException("could not create principal " + principal, e);
    }
  }

  /**
   * Gives {@code principal} a new random key (a key rotation) and writes the new keytab: every
   * keytab written before holds a key the KDC no longer accepts.
   */
  public Path rotateKey(String principal, Path newKeytab) {
    try {
      Field field = MiniKdc.class.getDeclaredField("simpleKdc");
      field.setAccessible(true);
      SimpleKdcServer server = (SimpleKdcServer) field.get(kdc);
      server.deletePrincipal(realmPrincipal(principal));
      return createPrincipal(principal, newKeytab);
    } catch (ReflectiveOperationException | org.apache.kerby.kerberos.kerb.KrbException e) {
      throw new IllegalStateException("could not rotate the key of " + principal, e);
    }
  }

  /**
   * The KDC's krb5.conf for a client JVM, with {@code ticket_lifetime} set (0: the KDC's default):
   * the client asks for tickets that short, and the KDC grants them.
   */
  public Path clientKrb5Conf(Path file, int ticketLifetimeSeconds) {
    try {
      String conf =
          new String(Files.readAllBytes(kdc.getKrb5conf().toPath()), StandardCharsets.UTF_8);
      if (ticketLifetimeSeconds > 0) {
        conf =
            conf.replace(
                "[libdefaults]",
                "[libdefaults]\n    ticket_lifetime = " + ticketLifetimeSeconds + "s");
      }
      Files.createDirectories(file.getParent());
      Files.write(file, conf.getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * core-site.xml of a client of this cluster (Kerberos on; Hadoop may log in again 2 s after a
   * login).
   */
  public Map<String, String> clientCoreSite() {
    Map<String, String> site = new LinkedHashMap<>();
    site.put("hadoop.security.authentication", "kerberos");
    site.put("hadoop.kerberos.min.seconds.before.relogin", "2");
    return site;
  }

  /** hdfs-site.xml of a client of this cluster. */
  public Map<String, String> clientHdfsSite() {
    Map<String, String> site = new LinkedHashMap<>();
    site.put("dfs.replication", "1");
    site.put("dfs.namenode.kerberos.principal", realmPrincipal(SERVICE_PRINCIPAL));
    site.put("dfs.data.transfer.protection", "authentication");
    return site;
  }

  /** A client of this cluster as its superuser (this JVM's Hadoop login). */
  public FileSystem fileSystem() {
    try {
      Configuration conf = new HdfsConfiguration();
      conf.set("fs.defaultFS", uri());
      clientHdfsSite().forEach(conf::set);
      return FileSystem.get(URI.create(uri()), conf);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a client of " + uri(), e);
    }
  }

  public Configuration clientConfiguration() {
    Configuration conf = new HdfsConfiguration();
    conf.set("fs.defaultFS", uri());
    clientHdfsSite().forEach(conf::set);
    return conf;
  }

  /**
   * Stops the cluster and the KDC and puts this JVM's Hadoop login back to simple authentication.
   */
  @Override
  public void close() {
    try {
      if (cluster != null) {
        cluster.shutdown(true, true);
        cluster = null;
      }
      FileSystem.closeAll();
    } catch (IOException e) {
      System.err.println("[harness] closing HDFS clients: " + e);
    } finally {
      kdc.stop();
      System.clearProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF);
      UserGroupInformation.reset();
      UserGroupInformation.setConfiguration(new Configuration());
    }
  }
}
