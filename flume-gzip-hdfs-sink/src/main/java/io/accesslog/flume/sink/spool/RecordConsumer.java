package io.accesslog.flume.sink.spool;

import java.io.IOException;

/** Receives the records of a {@link SpoolReader#replay replay}, in sequence order. */
@FunctionalInterface
public interface RecordConsumer {

  /**
   * Accepts one record.
   *
   * @param sequence the record's global sequence number
   * @param targetKey the target key; a fresh array per key and block that the consumer may keep
   *     (records of the same block with the same key share it), but must not modify
   * @param buffer holds the line at {@code [lineOffset, lineOffset + lineLength)}; the buffer is
   *     reused, so copy the line if it must outlive this call
   * @throws IOException to abort the replay; it propagates out of {@code replay}
   */
  void accept(long sequence, byte[] targetKey, byte[] buffer, int lineOffset, int lineLength)
      throws IOException;
}
