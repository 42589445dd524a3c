package io.accesslog.flume.sink.route;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Maps an event time to its {@link HourBucket} in one zone. Not thread-safe: owned by one router.
 *
 * <p>Almost every event falls in the same hour as the previous one, so the last bucket is checked
 * first with two comparisons. Otherwise the zone offset at that instant decides the local hour
 * (this handles offsets that are not whole hours, like +05:30, and DST), and a small direct-mapped
 * table keeps recent buckets so late events for the previous hours do not rebuild them.
 */
final class HourBuckets {
  private static final int SLOTS = 64;

  private final ZoneRules rules;
  private final HourBucket[] slots = new HourBucket[SLOTS];
  private HourBucket last;

  HourBuckets(ZoneId zone) {
    this.rules = zone.getRules();
  }

  HourBucket bucketFor(long epochMillis) {
    HourBucket b = last;
    if (b != null && epochMillis >= b.fastFrom && epochMillis < b.fastUntil) {
      return b;
    }
    return lookUp(epochMillis);
  }

  private HourBucket lookUp(long epochMillis) {
    int offsetMillis = rules.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000;
    long localHour = Math.floorDiv(epochMillis + offsetMillis, HourBucket.HOUR_MILLIS);
    int slot = (int) (localHour & (SLOTS - 1));
    HourBucket b = slots[slot];
    if (b == null || b.localHour != localHour || b.offsetMillis != offsetMillis) {
      long start = localHour * HourBucket.HOUR_MILLIS - offsetMillis;
      b = new HourBucket(localHour, offsetMillis, isUniform(start));
      slots[slot] = b;
    }
    last = b;
    return b;
  }

  /** True when no zone transition happens strictly inside [start, start + 1 h). */
  private boolean isUniform(long start) {
    if (rules.isFixedOffset()) {
      return true;
    }
    ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochMilli(start));
    return next == null || next.getInstant().toEpochMilli() >= start + HourBucket.HOUR_MILLIS;
  }
}
