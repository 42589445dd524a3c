package io.accesslog.flume.sink.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GrowableBytesTest {

  @Test
  void append_beyondCapacity_growsAndKeepsContent() {
    GrowableBytes b = new GrowableBytes(2);

    b.append(new byte[] {1, 2, 3}, 0, 3);
    b.append(4);

    assertArrayEquals(new byte[] {1, 2, 3, 4}, b.toByteArray());
  }

  @Test
  void clear_afterGrowth_keepsCapacity() {
    GrowableBytes b = new GrowableBytes(0);
    b.append(new byte[1000], 0, 1000);
    int capacity = b.capacity();

    b.clear();

    assertEquals(0, b.size());
    assertEquals(capacity, b.capacity());
  }

  @Test
  void writeTo_stream_writesExactlyTheContent() throws IOException {
    GrowableBytes b = new GrowableBytes(64);
    b.append(new byte[] {9, 8, 7}, 1, 2);
    ByteArrayOutputStream os = new ByteArrayOutputStream();

    b.writeTo(os);

    assertArrayEquals(new byte[] {8, 7}, os.toByteArray());
  }

  @Test
  void truncate_beyondSize_throws() {
    GrowableBytes b = new GrowableBytes(8);
    b.append(1);

    assertThrows(IllegalArgumentException.class, () -> b.truncate(2));
  }

  @Test
  void advance_pastCapacity_throws() {
    GrowableBytes b = new GrowableBytes(4);

    assertThrows(IllegalArgumentException.class, () -> b.advance(5));
  }

  @Test
  void constructor_negativeCapacity_throws() {
    assertThrows(IllegalArgumentException.class, () -> new GrowableBytes(-1));
  }
}
