package io.accesslog.flume.sink.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Naming, listing and directory fsync of segment files. */
final class SegmentFiles {
  static final String PREFIX = "spool-";
  static final String SUFFIX = ".seg";
  private static final int DIGITS = 20;
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private SegmentFiles() {}

  /** {@code spool-<first sequence, 20 digits>.seg}: names sort in sequence order. */
  static String name(long firstSeq) {
    return String.format(Locale.ROOT, "%s%0" + DIGITS + "d%s", PREFIX, firstSeq, SUFFIX);
  }

  /** The first sequence encoded in a segment file name, or -1 if it is not a segment name. */
  static long parseFirstSeq(String fileName) {
    if (fileName.length() != PREFIX.length() + DIGITS + SUFFIX.length()
        || !fileName.startsWith(PREFIX)
        || !fileName.endsWith(SUFFIX)) {
      return -1;
    }
    long value = 0;
    for (int i = PREFIX.length(); i < PREFIX.length() + DIGITS; i++) {
      char c = fileName.charAt(i);
      if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The segments in {@code dir}, oldest first. Other files are ignored. */
  static List<SegmentInfo> list(Path dir) throws IOException {
    List<SegmentInfo> segments = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path path : stream) {
        long firstSeq = parseFirstSeq(path.getFileName().toString());
        if (firstSeq >= 0 && Files.isRegularFile(path)) {
          segments.add(new SegmentInfo(firstSeq, path, Files.size(path)));
        }
      }
    }
    segments.sort(Comparator.comparingLong(s -> s.firstSeq));
    return segments;
  }

  /**
   * Makes creations and deletions in {@code dir} durable. Windows cannot open a directory as a
   * channel (and NTFS journals the entry anyway), so there the call is a no-op.
   */
  static void syncDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException e) {
      if (WINDOWS) {
        return;
      }
      throw new IOException("cannot open spool directory " + dir + " to fsync it", e);
    }
    try {
      channel.force(true);
    } finally {
      channel.close();
    }
  }
}
