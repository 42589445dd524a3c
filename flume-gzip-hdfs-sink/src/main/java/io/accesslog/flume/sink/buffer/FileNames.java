package io.accesslog.flume.sink.buffer;

/**
 * Concrete names of a target's files: the hidden in-progress name and the final name, per sequence.
 */
public interface FileNames {
  String inProgressPath(FileTarget target, int sequence);

  String finalPath(FileTarget target, int sequence);
}
