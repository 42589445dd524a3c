package io.accesslog.flume.sink.buffer;

import java.io.IOException;

/**
 * Durable local record of the HDFS writes of each target file, kept so that a crash or a failed
 * write can be resolved against the file's real length (see {@link AppendCheck}). Every method is
 * durable when it returns. Called from writer threads: implementations must be thread-safe.
 *
 * <p>For one target the calls follow each other in order ({@link WriteEngine} keeps at most one
 * write per target in flight): {@code intent} before the bytes go out, {@code written} once they
 * are synced, {@code finished} once the file has its final name.
 */
public interface WriteJournal {
  /**
   * About to write {@code bytes} bytes to file {@code sequence} of {@code target}, whose durable
   * length is {@code lengthBefore}; after the write every record of the target below spool sequence
   * {@code sequenceEnd} is in HDFS.
   */
  void intent(FileTarget target, int sequence, long lengthBefore, long bytes, long sequenceEnd)
      throws IOException;

  /**
   * The file is durable at {@code length}, holding the target's records below {@code sequenceEnd}.
   */
  void written(FileTarget target, int sequence, long length, long sequenceEnd) throws IOException;

  /** The file has its final name; nothing of it is in progress any more. */
  void finished(FileTarget target, int sequence) throws IOException;

  /** Keeps nothing (sink.durability = none, and tests that do not look at recovery). */
  WriteJournal NONE =
      new WriteJournal() {
        @Override
        public void intent(
            FileTarget target, int sequence, long lengthBefore, long bytes, long sequenceEnd) {}

        @Override
        public void written(FileTarget target, int sequence, long length, long sequenceEnd) {}

        @Override
        public void finished(FileTarget target, int sequence) {}
      };
}
