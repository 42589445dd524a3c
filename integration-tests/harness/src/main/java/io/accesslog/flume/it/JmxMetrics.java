package io.accesslog.flume.it;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * An agent's Flume counters read over remote JMX (loopback), keyed as Flume's HTTP /metrics keys
 * them ({@code "SINK.hdfs"} -> attribute -> value as text). For agents whose monitoring slot is
 * taken by another MonitorService (Flume runs one), e.g. our push reporter: their own counters,
 * read independently of what they push.
 */
final class JmxMetrics {
  private JmxMetrics() {}

  /** JVM flags that open remote JMX on 127.0.0.1:{@code port}, no auth (loopback tests only). */
  static String[] agentFlags(int port) {
    return new String[] {
      "-Dcom.sun.management.jmxremote.port=" + port,
      "-Dcom.sun.management.jmxremote.rmi.port=" + port,
      "-Dcom.sun.management.jmxremote.host=127.0.0.1",
      "-Dcom.sun.management.jmxremote.authenticate=false",
      "-Dcom.sun.management.jmxremote.ssl=false",
      "-Djava.rmi.server.hostname=127.0.0.1",
    };
  }

  static Map<String, Map<String, String>> read(int port) throws IOException {
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    Map<String, Object> environment = new HashMap<>();
    environment.put("jmx.remote.x.client.connection.check.period", 0L);
    try (JMXConnector connector = JMXConnectorFactory.connect(url, environment)) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      Map<String, Map<String, String>> components = new TreeMap<>();
      for (ObjectName name : server.queryNames(new ObjectName("org.apache.flume.*:*"), null)) {
        MBeanAttributeInfo[] infos = server.getMBeanInfo(name).getAttributes();
        String[] names = new String[infos.length];
        for (int i = 0; i < infos.length; i++) {
          names[i] = infos[i].getName();
        }
        Map<String, String> values = new TreeMap<>();
        String type = null;
        for (Attribute attribute : server.getAttributes(name, names).asList()) {
          values.put(attribute.getName(), String.valueOf(attribute.getValue()));
          if (attribute.getName().equalsIgnoreCase("type")) {
            type = String.valueOf(attribute.getValue());
          }
        }
        if (type == null) {
          // Flume's key: the bean's Type attribute; a bean without one is named from its domain.
          type =
              name.getDomain()
                  .substring(name.getDomain().lastIndexOf('.') + 1)
                  .toUpperCase(java.util.Locale.ROOT);
        }
        components.put(type + "." + name.getKeyProperty("type"), values);
      }
      return components;
    } catch (JMException e) {
      throw new IOException("JMX read on 127.0.0.1:" + port + " failed: " + e, e);
    }
  }
}
