package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for the servers the harness starts. Nothing here binds a non-loopback address. */
public final class Ports {
  private Ports() {}

  /** A port that was free on 127.0.0.1 a moment ago (the OS picks it, so collisions are rare). */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
    }
  }

  /** Fails loudly, naming the server, when {@code port} is already taken on 127.0.0.1. */
  public static void requireFree(int port, String server) {
    try (ServerSocket socket = new ServerSocket()) {
      // Reuse: connections a stopped server closed linger in TIME_WAIT on its port, and a server
      // restarted on the same port (as servers do, with SO_REUSEADDR) binds fine; only a listener fails.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException(server + " cannot start: port 127.0.0.1:" + port
          + " is already taken by another process (" + e.getMessage() + ")", e);
    }
  }
}
