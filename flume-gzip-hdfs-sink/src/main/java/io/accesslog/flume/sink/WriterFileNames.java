package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.FileNames;
import io.accesslog.flume.sink.buffer.FileTarget;
import io.accesslog.flume.sink.route.FileNamer;

/**
 * A writer's file names: hidden {@code _<base>.w-<id>.<seq>.gz} while in progress, then without the
 * {@code _}.
 */
final class WriterFileNames {
  private WriterFileNames() {}

  static FileNames of(String writerId) {
    final FileNamer namer = new FileNamer(writerId);
    return new FileNames() {
      @Override
      public String inProgressPath(FileTarget target, int sequence) {
        return target.directory() + "/_" + namer.finalName(target.fileBase(), sequence);
      }

      @Override
      public String finalPath(FileTarget target, int sequence) {
        return target.directory() + "/" + namer.finalName(target.fileBase(), sequence);
      }
    };
  }
}
