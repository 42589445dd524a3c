package io.accesslog.flume.tool.gzip;

import java.io.IOException;

/** Receives what a {@link MemberReader} decodes. Called on the reader's thread. */
public interface MemberListener {
  /**
   * Decoded bytes of the member that starts at {@code memberOffset}: normally the whole member,
   * verified against its CRC-32 and length; a member larger than the reader's buffer limit arrives
   * in several chunks, each ending at a line end, verified only once its last chunk has arrived.
   *
   * @param compressedBytes compressed bytes consumed since the previous call (for progress)
   */
  void data(long memberOffset, byte[] buf, int len, long compressedBytes) throws IOException;

  /** A damaged region was skipped. */
  void damaged(Damage damage) throws IOException;
}
