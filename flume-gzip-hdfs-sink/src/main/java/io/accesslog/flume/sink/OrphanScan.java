package io.accesslog.flume.sink;

import java.util.Locale;

/**
 * When the start-up recovery lists {@code hdfs.root} for in-progress files of this writer that the
 * ledger does not know ({@code recovery.orphanScan}). The ledger records a file before the sink
 * creates it, so only a new (lost) or damaged ledger can miss one; listing a root of millions of
 * files at every start would cost minutes of NameNode work for nothing. Once a listing has
 * completed the ledger records it, so a crash before that point lists again at the next start.
 */
enum OrphanScan {
  AUTO,
  ALWAYS,
  NEVER;

  static OrphanScan of(String configured) {
    return valueOf(configured.toUpperCase(Locale.ROOT));
  }

  /**
   * Why the root is listed at this start, or null when it is not ({@code rootChecked}: see the
   * ledger).
   */
  String reason(boolean rootChecked) {
    switch (this) {
      case ALWAYS:
        return "recovery.orphanScan = always";
      case NEVER:
        return null;
      default:
        return rootChecked
            ? null
            : "the ledger is new (first start, or the spool directory lost it) or lost a line, so it may not know "
                + "every file of this writer";
    }
  }
}
