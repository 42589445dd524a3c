package io.accesslog.flume.sink.spool;

import java.nio.file.Path;

/** One segment file as the writer tracks it. {@code size} changes as blocks are appended. */
final class SegmentInfo {
  final long firstSeq;
  final Path path;
  long size;

  SegmentInfo(long firstSeq, Path path, long size) {
    this.firstSeq = firstSeq;
    this.path = path;
    this.size = size;
  }
}
