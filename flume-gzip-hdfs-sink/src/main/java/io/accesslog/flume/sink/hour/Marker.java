package io.accesslog.flume.sink.hour;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The content of an hour marker: which writers finished the hour, and every final file of the
 * directory with its bytes and lines when the marker was written (revision 1) or rewritten after
 * late lines ({@code late.policy = reopen}, revision + 1). A job that reads the files the marker
 * lists reads exactly the lines it counts.
 */
public final class Marker {
  /** One final file of the hour directory. */
  public static final class FileCount {
    public final String name;
    public final long bytes;
    public final long lines;

    public FileCount(String name, long bytes, long lines) {
      this.name = name;
      this.bytes = bytes;
      this.lines = lines;
    }
  }

  public final String hour;
  public final long hourStart;
  public final int revision;
  public final String writtenBy;
  public final long writtenAt;
  public final List<String> writers;
  public final List<FileCount> files;
  public final int inProgressFiles;

  public Marker(
      String hour,
      long hourStart,
      int revision,
      String writtenBy,
      long writtenAt,
      List<String> writers,
      List<FileCount> files,
      int inProgressFiles) {
    this.hour = hour;
    this.hourStart = hourStart;
    this.revision = revision;
    this.writtenBy = writtenBy;
    this.writtenAt = writtenAt;
    this.writers = writers;
    this.files = files;
    this.inProgressFiles = inProgressFiles;
  }

  public long lines() {
    long n = 0;
    for (FileCount f : files) {
      n += f.lines;
    }
    return n;
  }

  public long bytes() {
    long n = 0;
    for (FileCount f : files) {
      n += f.bytes;
    }
    return n;
  }

  /**
   * Lists {@code dir} and counts the lines of each final {@code .gz} file (names not starting with
   * {@code _} or {@code .}).
   */
  static Marker of(
      HourStore store,
      String dir,
      String hour,
      long hourStart,
      int revision,
      String writtenBy,
      long now,
      List<String> writers)
      throws IOException {
    List<FileCount> files = new ArrayList<>();
    int inProgress = 0;
    LineCounter counter = new LineCounter();
    List<HourStore.Entry> entries = store.list(dir);
    Collections.sort(entries, (a, b) -> a.name.compareTo(b.name));
    for (HourStore.Entry e : entries) {
      if (e.directory) {
        continue;
      }
      if (!e.name.endsWith(".gz")) {
        continue;
      }
      if (e.name.startsWith("_") || e.name.startsWith(".")) {
        inProgress++;
        continue;
      }
      long lines;
      try (InputStream in = store.open(dir + "/" + e.name)) {
        lines = counter.count(in);
      }
      files.add(new FileCount(e.name, e.length, lines));
    }
    return new Marker(hour, hourStart, revision, writtenBy, now, writers, files, inProgress);
  }

  public String format() {
    StringBuilder b = new StringBuilder();
    b.append("hour=")
        .append(hour)
        .append('\n')
        .append("hourStart=")
        .append(hourStart)
        .append('\n')
        .append("revision=")
        .append(revision)
        .append('\n')
        .append("writtenBy=")
        .append(writtenBy)
        .append('\n')
        .append("writtenAt=")
        .append(writtenAt)
        .append('\n')
        .append("writers=")
        .append(String.join(",", writers))
        .append('\n')
        .append("files=")
        .append(files.size())
        .append('\n')
        .append("lines=")
        .append(lines())
        .append('\n')
        .append("bytes=")
        .append(bytes())
        .append('\n')
        .append("inProgressFiles=")
        .append(inProgressFiles)
        .append('\n');
    for (FileCount f : files) {
      b.append("file=")
          .append(f.name)
          .append(' ')
          .append(f.bytes)
          .append(' ')
          .append(f.lines)
          .append('\n');
    }
    return b.toString();
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a marker
   */
  public static Marker parse(String text) {
    String hour = null;
    long hourStart = 0;
    int revision = 0;
    String by = "";
    long at = 0;
    List<String> writers = new ArrayList<>();
    List<FileCount> files = new ArrayList<>();
    int inProgress = 0;
    try {
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String k = line.substring(0, eq);
        String v = line.substring(eq + 1);
        switch (k) {
          case "hour":
            hour = v;
            break;
          case "hourStart":
            hourStart = Long.parseLong(v);
            break;
          case "revision":
            revision = Integer.parseInt(v);
            break;
          case "writtenBy":
            by = v;
            break;
          case "writtenAt":
            at = Long.parseLong(v);
            break;
          case "writers":
            for (String w : v.split(",")) {
              if (!w.isEmpty()) {
                writers.add(w);
              }
            }
            break;
          case "inProgressFiles":
            inProgress = Integer.parseInt(v);
            break;
          case "file":
            String[] p = v.split(" ");
            files.add(new FileCount(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
            break;
          default:
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an hour marker: " + e, e);
    }
    if (hour == null || revision == 0) {
      throw new IllegalArgumentException("not an hour marker");
    }
    return new Marker(hour, hourStart, revision, by, at, writers, files, inProgress);
  }
}
