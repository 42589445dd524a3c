package io.accesslog.flume.tool;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop client configuration of a run. Hadoop finds {@code core-site.xml} and {@code
 * hdfs-site.xml} as class path resources of its configuration's class loader (the thread's context
 * loader). The launcher keeps configuration directories ({@code $HADOOP_CONF_DIR}, the directories
 * in {@code hadoop classpath}) off the JVM's class path, because the JVM cannot write or use a
 * class-data sharing archive for a class path with a non-empty directory in it, and names them in
 * {@value #CONF_PATH_PROPERTY} instead. Here they become the context class loader (a child of the
 * application loader, so they are searched after the jars; the jars have no {@code *-site.xml}, so
 * the same files are found as with the directories at the front of the class path).
 *
 * <p>The same loader hides the YARN, MapReduce and router-based federation configuration files
 * ({@link #NOT_READ}): the tool is an HDFS client only, but classes of the Hadoop client jar
 * register them as default resources while the client starts, and every {@code Configuration}
 * parses all default resources again after each registration: one run parsed {@code
 * yarn-default.xml} and {@code mapred-default.xml} three times each, about 0.1 CPU-s of a run's
 * start, for keys the tool never reads.
 */
final class HadoopConf {
  /** Directories with the cluster's client configuration, separated by the path separator. */
  static final String CONF_PATH_PROPERTY = "accesslog.hadoop.conf.path";

  /** Configuration files the tool does not read (found as absent, which Hadoop allows). */
  static final Set<String> NOT_READ =
      Set.of(
          "yarn-default.xml",
          "yarn-site.xml",
          "mapred-default.xml",
          "mapred-site.xml",
          "hdfs-rbf-default.xml",
          "hdfs-rbf-site.xml");

  private HadoopConf() {}

  static Configuration create() {
    String path = System.getProperty(CONF_PATH_PROPERTY, "");
    List<URL> urls = new ArrayList<>();
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        try {
          urls.add(new File(dir).toURI().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalArgumentException(
              CONF_PATH_PROPERTY + ": not a directory path: " + dir, e);
        }
      }
    }
    // Threads started later (the scan pool, Hadoop's) inherit it.
    Thread.currentThread()
        .setContextClassLoader(
            new ConfLoader(urls.toArray(new URL[0]), HadoopConf.class.getClassLoader()));
    return new Configuration();
  }

  /**
   * The configuration directories, searched after the application's jars; hides {@link #NOT_READ}.
   */
  static final class ConfLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    ConfLoader(URL[] dirs, ClassLoader parent) {
      super("hadoop-conf", dirs, parent);
    }

    @Override
    public URL getResource(String name) {
      return NOT_READ.contains(name) ? null : super.getResource(name);
    }
  }
}
