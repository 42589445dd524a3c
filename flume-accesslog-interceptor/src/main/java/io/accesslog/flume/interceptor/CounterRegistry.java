package io.accesslog.flume.interceptor;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one registered {@link InterceptorCounters} per name, reference-counted.
 *
 * <p>Why: the same interceptor config is often attached to several sources, and Flume's
 * configuration reload starts the new components before or after closing the old ones. Sharing
 * means interceptors with one name add up into one group, a second registration never replaces (or
 * crashes on) the first, and the MBean is unregistered only when the last user closes.
 */
final class CounterRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(CounterRegistry.class);

  private static final class Entry {
    final InterceptorCounters counters;
    int users;

    Entry(InterceptorCounters counters) {
      this.counters = counters;
    }
  }

  private static final Map<String, Entry> GROUPS = new HashMap<>(); // guarded by the class lock

  private CounterRegistry() {}

  static synchronized InterceptorCounters acquire(String name) {
    Entry e = GROUPS.get(name);
    if (e == null) {
      e = new Entry(new InterceptorCounters(name));
      e.counters.start(); // registers the MBean; Flume logs (not throws) registration failures
      GROUPS.put(name, e);
    }
    e.users++;
    return e.counters;
  }

  static synchronized void release(String name, InterceptorCounters counters) {
    Entry e = GROUPS.get(name);
    if (e == null || e.counters != counters) {
      return;
    }
    if (--e.users > 0) {
      return;
    }
    GROUPS.remove(name);
    counters.stop(); // records the stop time and logs the final counts
    // MonitoredCounterGroup.stop() leaves the MBean registered; a closed interceptor should not
    // keep reporting, so unregister it here.
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName objectName = objectName(name);
      if (server.isRegistered(objectName)) {
        server.unregisterMBean(objectName);
      }
    } catch (JMException | RuntimeException ex) {
      LOG.warn("accesslog interceptor '{}': could not unregister its counter MBean", name, ex);
    }
  }

  /** The name Flume's MonitoredCounterGroup registers under. */
  static ObjectName objectName(String name) throws JMException {
    return new ObjectName("org.apache.flume.interceptor:type=" + name);
  }
}
