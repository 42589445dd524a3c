package io.accesslog.flume.tool.select;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Picks the files of a question from the layout: the hour directories of {@code [from, to)} whose
 * header values match the globs ({@code type}, {@code app}, {@code host}), then the files in them
 * whose names match; final files always, in-progress ones on request.
 *
 * <p>With both bounds and at most {@link #MAX_HOUR_GLOBS} hours, each hour is one glob (so a
 * question about one hour lists one hour, not the whole tree); otherwise the time parts become
 * {@code *} and each directory's hour is read from its path.
 */
public final class Selection {
  static final int MAX_HOUR_GLOBS = 24 * 400;
  private static final Duration HOUR = Duration.ofHours(1);

  /** What was asked for, said back when nothing matched. */
  public record Criteria(
      Map<String, String> headerGlobs, Instant from, Instant to, boolean inProgress) {
    public String describe(Layout layout) {
      return "files "
          + layout
          + " with "
          + headerGlobs
          + (from == null ? "" : ", from " + from)
          + (to == null ? "" : ", to " + to)
          + (inProgress
              ? ", in-progress included"
              : ", final files only" + " (--in-progress adds the hidden _ files being written)");
    }
  }

  public record Result(
      List<SelectedFile> files, List<String> globs, int directories, int skippedNames) {
    public long bytes() {
      return files.stream().mapToLong(SelectedFile::length).sum();
    }
  }

  private Selection() {}

  public static Result select(FileSystem fs, Layout layout, Criteria c) throws IOException {
    Map<String, String> globs = c.headerGlobs();
    for (Map.Entry<String, String> e : globs.entrySet()) {
      Layout.globToRegex(e.getValue()); // a bad glob fails here, named
    }
    Set<String> patterns = new LinkedHashSet<>();
    boolean perHour =
        c.from() != null
            && c.to() != null
            && layout.directoriesAreHours()
            && Duration.between(c.from(), c.to()).toHours() <= MAX_HOUR_GLOBS;
    if (perHour) {
      for (Instant h = hourStart(c.from(), layout); h.isBefore(c.to()); h = h.plus(HOUR)) {
        patterns.add(layout.directoryGlob(globs, h));
      }
    } else {
      patterns.add(layout.directoryGlob(globs, null));
    }
    Map<String, FileStatus> dirs = new LinkedHashMap<>();
    for (String p : patterns) {
      FileStatus[] matched = fs.globStatus(new Path(p));
      if (matched == null) {
        continue;
      }
      for (FileStatus s : matched) {
        if (s.isDirectory()) {
          dirs.putIfAbsent(s.getPath().toString(), s);
        }
      }
    }
    Pattern names = layout.fileNamePattern(globs);
    String rootUri = fs.makeQualified(new Path(layout.root())).toString();
    List<SelectedFile> files = new ArrayList<>();
    int skipped = 0;
    for (FileStatus dir : dirs.values()) {
      String dirPath = dir.getPath().toString();
      String relDir = relative(rootUri, dirPath);
      Instant dirHour = layout.hourOf(relDir);
      FileStatus[] listed;
      try {
        listed = fs.listStatus(dir.getPath());
      } catch (FileNotFoundException e) {
        continue; // removed between glob and list
      }
      for (FileStatus f : listed) {
        if (!f.isFile()) {
          continue;
        }
        String name = f.getPath().getName();
        boolean inProgress = name.startsWith(Layout.IN_PROGRESS_PREFIX);
        if (inProgress && !c.inProgress()) {
          continue;
        }
        Matcher m = names.matcher(inProgress ? name.substring(1) : name);
        if (!m.matches()) {
          skipped++;
          continue;
        }
        Instant hour = dirHour != null ? dirHour : layout.hourOfName(m.group(1));
        boolean whole;
        if (hour == null) {
          whole = c.from() == null && c.to() == null;
        } else {
          Instant end = hour.plus(HOUR);
          if ((c.to() != null && !hour.isBefore(c.to()))
              || (c.from() != null && !end.isAfter(c.from()))) {
            continue;
          }
          whole =
              (c.from() == null || !hour.isBefore(c.from()))
                  && (c.to() == null || !end.isAfter(c.to()));
        }
        files.add(
            new SelectedFile(
                f.getPath().toString(),
                relative(rootUri, f.getPath().toString()),
                f.getLen(),
                hour,
                inProgress,
                whole));
      }
    }
    files.sort(Comparator.comparing(SelectedFile::relative));
    return new Result(files, new ArrayList<>(patterns), dirs.size(), skipped);
  }

  /** Start of the hour bucket (in the layout's zone) that holds {@code t}. */
  static Instant hourStart(Instant t, Layout layout) {
    return t.atZone(layout.zone()).withMinute(0).withSecond(0).withNano(0).toInstant();
  }

  private static String relative(String rootUri, String path) {
    String r = rootUri.endsWith("/") ? rootUri : rootUri + "/";
    return path.startsWith(r) ? path.substring(r.length()) : path;
  }
}
