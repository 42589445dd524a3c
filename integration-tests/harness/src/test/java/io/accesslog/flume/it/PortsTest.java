package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void pool_linuxDefaultRange_liesBelowIt() {
    assertArrayEquals(new int[] {Ports.FLOOR, 32767}, Ports.pool(new int[] {32768, 60999}));
  }

  @Test
  void pool_rangeStartingLow_liesAboveIt() {
    assertArrayEquals(new int[] {Ports.FLOOR, 65535}, Ports.pool(new int[] {1024, 14000}));
    assertArrayEquals(new int[] {50001, 65535}, Ports.pool(new int[] {1024, 50000}));
  }

  @Test
  void pool_rangeCoveringEverything_none() {
    assertNull(Ports.pool(new int[] {1024, 65000}));
  }

  @Test
  void freeLoopbackPort_outsideEphemeralRange_distinct_bindable() throws IOException {
    int[] ephemeral = Ports.ephemeralRange();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = Ports.freeLoopbackPort();
      assertTrue(port < ephemeral[0] || port > ephemeral[1], port + " is in the ephemeral range");
      assertTrue(seen.add(port), port + " handed out twice");
    }
    int port = Ports.freeLoopbackPort();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertTrue(socket.isBound());
    }
  }
}
