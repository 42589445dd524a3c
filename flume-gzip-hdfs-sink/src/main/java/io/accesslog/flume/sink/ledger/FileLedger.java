package io.accesslog.flume.sink.ledger;

import io.accesslog.flume.sink.buffer.FileTarget;
import io.accesslog.flume.sink.buffer.WriteJournal;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * The sink's durable per-file state, next to the spool: an append-only log of one text line per
 * event, each with its own CRC32 and fsynced before the call returns.
 *
 * <pre>
 * I dir base hour seq lengthBefore bytes sequenceEnd   a write is about to start (the intent)
 * W dir base hour seq length sequenceEnd 0             the file is durable at length
 * F dir base hour seq 0 0 0                            the file has its final name
 * R dir base hour seq 0 0 0                            the pending write was resolved as not written
 * S dir base hour seq length|-1 sequenceEnd 0          snapshot of an entry (written by compaction)
 * C - - 0 0 0 0 0                                     hdfs.root was searched for files the ledger lacks
 * </pre>
 *
 * <p>Opening reads the log, folds it into one {@link LedgerEntry} per target, cuts a torn last line
 * (a crash mid-append) and skips a damaged line elsewhere (both counted), then rewrites the log as
 * one snapshot per entry (temporary file, fsync, atomic rename, directory fsync), so it never grows
 * without bound across restarts; {@link #compact} does the same while running. Thread-safe: writer
 * threads record their writes concurrently; each record is one small write and an fdatasync, done
 * under this object's lock because the order of records is the order of events.
 */
public final class FileLedger implements WriteJournal, Closeable {
  public static final String FILE_NAME = "hdfs-ledger.log";

  private final Path file;
  private final Map<String, LedgerEntry> entries = new HashMap<>();
  private int damagedLines;
  private boolean rootChecked;
  private FileChannel channel;
  private long bytes;

  private FileLedger(Path file) {
    this.file = file;
  }

  /** Opens (or creates) the ledger in {@code dir}. */
  public static FileLedger open(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    List<String> lines = new ArrayList<>();
    int damaged = 0;
    if (Files.exists(file)) {
      byte[] all = Files.readAllBytes(file);
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          lines.add(new String(all, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      if (start < all.length) {
        damaged++; // torn last line: the append never completed, so its event never happened
      }
    }
    FileLedger ledger = new FileLedger(file);
    boolean lostLine = false;
    for (String line : lines) {
      if (!ledger.apply(line)) {
        damaged++;
        lostLine = true;
      }
    }
    ledger.damagedLines = damaged;
    if (lostLine) {
      ledger.rootChecked =
          false; // the lost line may have announced a file: the root must be checked again
    }
    ledger.rewrite(e -> true);
    return ledger;
  }

  /** Lines cut or skipped at open because they were torn or failed their CRC. */
  public synchronized int damagedLines() {
    return damagedLines;
  }

  /**
   * True once {@link #markRootChecked} was recorded and no line was lost since: then every
   * in-progress file of this writer is in the ledger, since each is recorded before it is created.
   * False for a new ledger (a first start, a spool directory that lost it) and after a damaged
   * line.
   */
  public synchronized boolean rootChecked() {
    return rootChecked;
  }

  /** Records that {@code hdfs.root} was searched for this writer's files unknown to the ledger. */
  public synchronized void markRootChecked() throws IOException {
    append(format('C', "", "", 0, 0, 0, 0, 0));
  }

  public synchronized Map<String, LedgerEntry> entries() {
    return new HashMap<>(entries);
  }

  public synchronized long sizeBytes() {
    return bytes;
  }

  /** Rewrites the log as one snapshot per entry that {@code keep} accepts. */
  public synchronized void compact(Predicate<LedgerEntry> keep) throws IOException {
    rewrite(keep);
  }

  @Override
  public synchronized void intent(
      FileTarget t, int sequence, long lengthBefore, long bytes, long sequenceEnd)
      throws IOException {
    append(
        format(
            'I',
            t.directory(),
            t.fileBase(),
            t.hourStartMillis(),
            sequence,
            lengthBefore,
            bytes,
            sequenceEnd));
  }

  @Override
  public synchronized void written(FileTarget t, int sequence, long length, long sequenceEnd)
      throws IOException {
    append(
        format(
            'W',
            t.directory(),
            t.fileBase(),
            t.hourStartMillis(),
            sequence,
            length,
            sequenceEnd,
            0));
  }

  @Override
  public synchronized void finished(FileTarget t, int sequence) throws IOException {
    append(format('F', t.directory(), t.fileBase(), t.hourStartMillis(), sequence, 0, 0, 0));
  }

  /**
   * The pending write of {@code entry} did not arrive (or was cut back): the file keeps its length.
   */
  public synchronized void resolvedNotWritten(LedgerEntry e) throws IOException {
    append(
        format('R', e.directory(), e.fileBase(), e.hourStartMillis(), e.fileSequence(), 0, 0, 0));
  }

  /** Forgets the target's file (it is gone from HDFS): its covered records stay covered. */
  public synchronized void forgetFile(LedgerEntry e) throws IOException {
    append(
        format('F', e.directory(), e.fileBase(), e.hourStartMillis(), e.fileSequence(), 0, 0, 0));
  }

  private void append(String line) throws IOException {
    if (channel == null) {
      throw new IOException("ledger " + file + " is closed");
    }
    byte[] data = line.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(data);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
    bytes += data.length;
    if (!apply(line.substring(0, line.length() - 1))) {
      throw new IllegalStateException("ledger line does not parse back: " + line);
    }
  }

  /** Folds one line into the entries; false if it is damaged. */
  private boolean apply(String line) {
    int lastTab = line.lastIndexOf('\t');
    if (lastTab < 0) {
      return false;
    }
    String body = line.substring(0, lastTab);
    if (!crc(body).equals(line.substring(lastTab + 1))) {
      return false;
    }
    String[] f = body.split("\t", -1);
    if (f.length != 8 || f[0].length() != 1) {
      return false;
    }
    if (f[0].equals("C")) {
      rootChecked = true;
      return true;
    }
    try {
      String dir = f[1];
      String base = f[2];
      long hour = Long.parseLong(f[3]);
      int seq = Integer.parseInt(f[4]);
      long a = Long.parseLong(f[5]);
      long b = Long.parseLong(f[6]);
      long c = Long.parseLong(f[7]);
      String key = LedgerEntry.key(dir, base);
      LedgerEntry e = entries.get(key);
      if (e == null) {
        e = new LedgerEntry(dir, base, hour, seq, false, 0, 0, null);
      }
      switch (f[0].charAt(0)) {
        case 'I':
          e = e.withIntent(seq, new LedgerEntry.Intent(a, b, c));
          break;
        case 'W':
          e = e.withWritten(seq, a, b);
          break;
        case 'F':
          e = e.withFinished(seq);
          break;
        case 'R':
          e = e.withoutPending();
          break;
        case 'S':
          e = new LedgerEntry(dir, base, hour, seq, a >= 0, Math.max(0, a), b, e.pending());
          break;
        default:
          return false;
      }
      entries.put(key, e);
      return true;
    } catch (NumberFormatException ex) {
      return false;
    }
  }

  private void rewrite(Predicate<LedgerEntry> keep) throws IOException {
    StringBuilder out = new StringBuilder();
    if (rootChecked) {
      out.append(format('C', "", "", 0, 0, 0, 0, 0));
    }
    List<String> dropped = new ArrayList<>();
    for (LedgerEntry e : entries.values()) {
      if (!keep.test(e)) {
        dropped.add(e.key());
        continue;
      }
      out.append(
          format(
              'S',
              e.directory(),
              e.fileBase(),
              e.hourStartMillis(),
              e.fileSequence(),
              e.open() ? e.length() : -1,
              e.sequenceEnd(),
              0));
      LedgerEntry.Intent p = e.pending();
      if (p != null) {
        out.append(
            format(
                'I',
                e.directory(),
                e.fileBase(),
                e.hourStartMillis(),
                e.fileSequence(),
                p.lengthBefore(),
                p.bytes(),
                p.sequenceEnd()));
      }
    }
    byte[] data = out.toString().getBytes(StandardCharsets.UTF_8);
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    if (channel != null) {
      channel.close();
      channel = null;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(file.getParent());
    for (String key : dropped) {
      entries.remove(key);
    }
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    bytes = data.length;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory; the rename is still atomic there.
    }
  }

  static String format(
      char type, String dir, String base, long hour, int seq, long a, long b, long c) {
    if (dir.indexOf('\t') >= 0
        || dir.indexOf('\n') >= 0
        || base.indexOf('\t') >= 0
        || base.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "ledger keys cannot hold tabs or newlines: " + dir + "/" + base);
    }
    String body =
        type + "\t" + dir + "\t" + base + "\t" + hour + "\t" + seq + "\t" + a + "\t" + b + "\t" + c;
    return body + "\t" + crc(body) + "\n";
  }

  private static String crc(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  @Override
  public String toString() {
    return "ledger " + file;
  }
}
