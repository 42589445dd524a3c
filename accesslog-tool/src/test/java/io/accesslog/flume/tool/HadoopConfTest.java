package io.accesslog.flume.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopConfTest {
  private static void site(Path dir, String file, String key, String value) throws IOException {
    Files.writeString(
        dir.resolve(file),
        "<?xml version=\"1.0\"?><configuration><property><name>"
            + key
            + "</name><value>"
            + value
            + "</value></property></configuration>");
  }

  @Test
  void create_readsTheConfDirectories_butNotTheYarnMapreduceAndRouterFiles(@TempDir Path dir)
      throws IOException {
    site(dir, "core-site.xml", "test.core.key", "from-core-site");
    site(dir, "yarn-site.xml", "test.yarn.key", "from-yarn-site");
    site(dir, "mapred-site.xml", "test.mapred.key", "from-mapred-site");
    site(dir, "other-site.xml", "test.other.key", "from-other-site");
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    String property = System.getProperty(HadoopConf.CONF_PATH_PROPERTY);
    System.setProperty(HadoopConf.CONF_PATH_PROPERTY, dir.toString());
    try {
      Configuration conf = HadoopConf.create();
      assertEquals("from-core-site", conf.get("test.core.key"));
      conf.addResource("yarn-site.xml");
      conf.addResource("mapred-site.xml");
      conf.addResource("other-site.xml");
      assertNull(conf.get("test.yarn.key"));
      assertNull(conf.get("test.mapred.key"));
      assertEquals("from-other-site", conf.get("test.other.key"), "other files still found");
      // Hadoop's own configurations made later on this thread use the same loader.
      Configuration internal = new Configuration();
      internal.addResource("yarn-site.xml");
      assertEquals("from-core-site", internal.get("test.core.key"));
      assertNull(internal.get("test.yarn.key"));
    } finally {
      Thread.currentThread().setContextClassLoader(before);
      if (property == null) {
        System.clearProperty(HadoopConf.CONF_PATH_PROPERTY);
      } else {
        System.setProperty(HadoopConf.CONF_PATH_PROPERTY, property);
      }
    }
  }
}
