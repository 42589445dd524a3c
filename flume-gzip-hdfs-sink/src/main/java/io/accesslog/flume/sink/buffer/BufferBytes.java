package io.accesslog.flume.sink.buffer;

/**
 * The heap the engine holds, by where the bytes are: level-1 lines, level-2 members, members being
 * compressed, members being written. Their sum is what {@code buffer.maxBytes} caps. Runner thread
 * only; {@link #publish} copies them to the gauges.
 */
final class BufferBytes {
  long level1;
  long level2;
  long compressing;
  long writing;

  long total() {
    return level1 + level2 + compressing + writing;
  }

  void publish(EngineStats stats, int openTargets) {
    stats.openTargets = openTargets;
    stats.level1Bytes = level1;
    stats.level2Bytes = level2;
    stats.inFlightBytes = compressing + writing;
  }
}
