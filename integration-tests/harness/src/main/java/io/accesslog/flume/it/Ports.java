package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the servers the harness starts. Nothing here binds a non-loopback address.
 *
 * <p>A port is picked <em>outside</em> the kernel's ephemeral range: a port the OS hands out for
 * {@code bind(0)} is also what it hands out as the local port of every outgoing connection (Kafka
 * clients, DataNode pipelines, the agents), so between "free a moment ago" and the server's own
 * bind another socket could take it (a CI run failed that way: the NameNode's port was taken by a
 * connection). Below the ephemeral range only listeners compete, and this JVM never hands out the
 * same port twice.
 */
public final class Ports {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LINUX_DEFAULT_LOW = 32768;
  private static final int LINUX_DEFAULT_HIGH = 60999;

  /**
   * Lowest port handed out: above the well-known and most registered service ports in use on dev
   * machines.
   */
  static final int FLOOR = 15000;

  private static final int MIN_POOL = 1000;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private Ports() {}

  /**
   * A port free on 127.0.0.1 now, outside the ephemeral range, and not handed out before by this
   * JVM.
   */
  public static int freeLoopbackPort() {
    int[] pool = pool(ephemeralRange());
    if (pool == null) {
      return osPickedPort();
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    synchronized (HANDED_OUT) {
      for (int attempt = 0; attempt < 500; attempt++) {
        int port = pool[0] + random.nextInt(pool[1] - pool[0] + 1);
        if (!HANDED_OUT.contains(port) && isFree(port)) {
          HANDED_OUT.add(port);
          return port;
        }
      }
    }
    return osPickedPort();
  }

  /**
   * The ports to pick from, {@code [low, high]}, given the ephemeral range; null when nothing
   * sensible is left.
   */
  static int[] pool(int[] ephemeral) {
    if (ephemeral[0] - FLOOR >= MIN_POOL) {
      return new int[] {FLOOR, ephemeral[0] - 1};
    }
    if (65535 - ephemeral[1] >= MIN_POOL) {
      return new int[] {Math.max(ephemeral[1] + 1, FLOOR), 65535};
    }
    return null;
  }

  /**
   * The kernel's ephemeral port range {@code [low, high]} (Linux defaults when it cannot be read).
   */
  static int[] ephemeralRange() {
    try {
      String[] parts = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {LINUX_DEFAULT_LOW, LINUX_DEFAULT_HIGH};
    }
  }

  private static boolean isFree(int port) {
    try {
      bindAndRelease(port, false);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int osPickedPort() {
    try {
      return bindAndRelease(0, false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
    }
  }

  /**
   * Binds {@code port} (0: the OS picks) on 127.0.0.1, releases it at once and returns the port
   * bound.
   */
  private static int bindAndRelease(int port, boolean reuseAddress) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(reuseAddress);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket.getLocalPort();
    }
  }

  /** Fails loudly, naming the server, when {@code port} is already taken on 127.0.0.1. */
  public static void requireFree(int port, String server) {
    try {
      // Reuse: connections a stopped server closed linger in TIME_WAIT on its port, and a server
      // restarted on the same port (as servers do, with SO_REUSEADDR) binds fine; only a listener
      // fails.
      bindAndRelease(port, true);
    } catch (IOException e) {
      throw new IllegalStateException(
          server
              + " cannot start: port 127.0.0.1:"
              + port
              + " is already taken by another process ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
