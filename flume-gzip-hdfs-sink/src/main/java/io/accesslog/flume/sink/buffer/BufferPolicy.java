package io.accesslog.flume.sink.buffer;

/**
 * The roll/flush/close decisions, as pure functions of a target's state and {@code now}. Every
 * reason is its own method so tests and logs can name it.
 */
final class BufferPolicy {
  private static final long HOUR = 3_600_000L;

  private final BufferSettings settings;

  BufferPolicy(BufferSettings settings) {
    this.settings = settings;
  }

  BufferSettings settings() {
    return settings;
  }

  /** Level 1 holds a full member's worth of lines. */
  boolean memberFull(LineBuffer l1) {
    return l1.lines() >= settings.memberLines;
  }

  /** Level 1's oldest line has waited {@code member.maxAge}. */
  boolean memberAged(LineBuffer l1, long now) {
    return l1.lines() > 0 && now - l1.firstMillis() >= settings.memberMaxAgeMillis;
  }

  /** Level 2 holds {@code append.bytes} of members. */
  boolean appendFull(long l2Bytes) {
    return l2Bytes >= settings.appendBytes;
  }

  /** Level 2's oldest member has waited this target's (jittered) {@code append.maxAge}. */
  boolean appendAged(Member oldest, long targetMaxAge, long now) {
    return oldest != null && now - oldest.createdMillis >= targetMaxAge;
  }

  /**
   * This target's own level-2 age limit: {@code append.maxAge} shortened by up to {@code
   * appendJitter} of it, fixed per target (from its hash), so the age-triggered writes of thousands
   * of targets that started together spread out instead of hitting the NameNode in one burst.
   */
  long appendMaxAge(FileTarget target) {
    int h = target.directory().hashCode() * 31 + target.fileBase().hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    double unit = (h & 0x7fffffff) / (double) Integer.MAX_VALUE;
    return settings.appendMaxAgeMillis
        - (long) (settings.appendMaxAgeMillis * settings.appendJitter * unit);
  }

  /** When an hour bucket's files are finished: {@code roll.closeMinute} past the next hour. */
  long closeAtMillis(long hourStartMillis) {
    return hourStartMillis + HOUR + settings.closeMinute * 60_000L;
  }

  boolean hourClosed(long hourStartMillis, long now) {
    return now >= closeAtMillis(hourStartMillis);
  }

  /** A file of {@code fileBytes} has reached {@code roll.bytes}. */
  boolean rollReached(long fileBytes) {
    return fileBytes >= settings.rollBytes;
  }

  long rollBytes() {
    return settings.rollBytes;
  }

  long maxBufferBytes() {
    return settings.maxBufferBytes;
  }
}
