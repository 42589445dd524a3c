package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrowableBytesTest {

  @Test
  void append_beyondCapacity_growsAndKeepsContent() {
    GrowableBytes b = new GrowableBytes(2);

    b.append(new byte[] {1, 2, 3}, 0, 3);
    b.append(4);

    assertArrayEquals(new byte[] {1, 2, 3, 4}, b.toByteArray());
    assertEquals(4, b.size());
  }

  @Test
  void append_int_keepsTheLowByte() {
    GrowableBytes b = new GrowableBytes(0);

    b.append(0x1FF);

    assertArrayEquals(new byte[] {(byte) 0xFF}, b.toByteArray());
  }

  @Test
  void append_slice_copiesOnlyTheSlice() {
    GrowableBytes b = new GrowableBytes(8);

    b.append(new byte[] {9, 8, 7, 6}, 1, 2);

    assertArrayEquals(new byte[] {8, 7}, b.toByteArray());
  }

  @Test
  void append_badRange_throwsAndChangesNothing() {
    GrowableBytes b = new GrowableBytes(4);
    b.append(1);
    byte[] src = new byte[4];

    assertThrows(IndexOutOfBoundsException.class, () -> b.append(src, -1, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> b.append(src, 2, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> b.append(src, 0, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> b.append(src, Integer.MAX_VALUE, 1));
    assertEquals(1, b.size());
  }

  @Test
  void ensureFree_grows_atLeastDoublingFromSixteen() {
    GrowableBytes empty = new GrowableBytes(0);
    empty.ensureFree(1);
    assertEquals(16, empty.capacity());

    GrowableBytes b = new GrowableBytes(100);
    b.advance(100);
    b.ensureFree(1);
    assertEquals(200, b.capacity());

    b.ensureFree(1000);
    assertEquals(1100, b.capacity(), "a request larger than doubling gets exactly what it needs");
  }

  @Test
  void ensureFree_enoughRoom_keepsTheSameArray() {
    GrowableBytes b = new GrowableBytes(32);
    byte[] before = b.array();

    b.ensureFree(32);

    assertSame(before, b.array());
  }

  @Test
  void ensureFree_pastMaxCapacity_throwsWithoutAllocating() {
    GrowableBytes b = new GrowableBytes(16);
    b.advance(10);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> b.ensureFree(GrowableBytes.MAX_CAPACITY - 9));
    assertTrue(e.getMessage().contains("cannot grow"), e.getMessage());
    assertEquals(16, b.capacity());
  }

  @Test
  void ensureFree_negative_throws() {
    assertThrows(IllegalArgumentException.class, () -> new GrowableBytes(4).ensureFree(-1));
  }

  @Test
  void advance_afterWritingIntoTheArray_holdsThoseBytes() {
    GrowableBytes b = new GrowableBytes(0);
    b.append(1);
    b.ensureFree(2);
    b.array()[1] = 2;
    b.array()[2] = 3;

    b.advance(2);

    assertArrayEquals(new byte[] {1, 2, 3}, b.toByteArray());
  }

  @Test
  void advance_pastCapacityOrNegative_throws() {
    GrowableBytes b = new GrowableBytes(4);

    assertThrows(IllegalArgumentException.class, () -> b.advance(5));
    assertThrows(IllegalArgumentException.class, () -> b.advance(-1));
    assertEquals(0, b.size());
  }

  @Test
  void truncate_dropsTheTail() {
    GrowableBytes b = new GrowableBytes(8);
    b.append(new byte[] {1, 2, 3}, 0, 3);

    b.truncate(1);

    assertArrayEquals(new byte[] {1}, b.toByteArray());
  }

  @Test
  void truncate_beyondSizeOrNegative_throws() {
    GrowableBytes b = new GrowableBytes(8);
    b.append(1);

    assertThrows(IllegalArgumentException.class, () -> b.truncate(2));
    assertThrows(IllegalArgumentException.class, () -> b.truncate(-1));
    assertEquals(1, b.size());
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
  void clearAndReserve_shortArray_newArrayEmptyBuffer() {
    GrowableBytes b = new GrowableBytes(4);
    b.append(new byte[] {1, 2, 3}, 0, 3);
    byte[] before = b.array();

    byte[] out = b.clearAndReserve(100);

    assertNotSame(before, out);
    assertSame(out, b.array());
    assertEquals(100, out.length);
    assertEquals(0, b.size());
  }

  @Test
  void clearAndReserve_longEnough_sameArray() {
    GrowableBytes b = new GrowableBytes(64);
    b.append(7);

    assertSame(b.array(), b.clearAndReserve(64));
    assertEquals(0, b.size());
    assertThrows(IllegalArgumentException.class, () -> b.clearAndReserve(-1));
  }

  @Test
  void writeTo_stream_writesExactlyTheContent() throws IOException {
    GrowableBytes b = new GrowableBytes(64);
    b.append(new byte[] {9, 8, 7}, 1, 2);
    ByteArrayOutputStream os = new ByteArrayOutputStream();

    b.writeTo(os);

    assertArrayEquals(new byte[] {8, 7}, os.toByteArray());
    assertEquals(2, b.size(), "writeTo leaves the content");
  }

  @Test
  void toByteArray_isACopy() {
    GrowableBytes b = new GrowableBytes(4);
    b.append(5);

    byte[] copy = b.toByteArray();
    copy[0] = 6;

    assertEquals(5, b.array()[0]);
  }

  @Test
  void constructor_badCapacity_throws() {
    assertThrows(IllegalArgumentException.class, () -> new GrowableBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> new GrowableBytes(Integer.MAX_VALUE));
  }

  /** Random appends, truncates and clears against a ByteArrayOutputStream model. */
  @Test
  void randomOperations_matchAModel() {
    Random random = new Random(21);
    GrowableBytes b = new GrowableBytes(random.nextInt(4));
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    for (int step = 0; step < 5_000; step++) {
      int op = random.nextInt(10);
      if (op < 5) {
        byte[] src = new byte[random.nextInt(40)];
        random.nextBytes(src);
        int off = src.length == 0 ? 0 : random.nextInt(src.length);
        int len = random.nextInt(src.length - off + 1);
        b.append(src, off, len);
        model.write(src, off, len);
      } else if (op < 7) {
        int v = random.nextInt();
        b.append(v);
        model.write(v);
      } else if (op < 9) {
        int keep = random.nextInt(b.size() + 1);
        b.truncate(keep);
        byte[] m = model.toByteArray();
        model.reset();
        model.write(m, 0, keep);
      } else {
        b.clear();
        model.reset();
      }
      assertEquals(model.size(), b.size(), "step " + step);
      assertTrue(b.capacity() >= b.size(), "step " + step);
    }
    assertArrayEquals(model.toByteArray(), b.toByteArray());
  }
}
