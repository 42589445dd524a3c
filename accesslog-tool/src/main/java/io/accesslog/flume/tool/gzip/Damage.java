package io.accesslog.flume.tool.gzip;

/**
 * A damaged region of a gzip file that was skipped: from the offset where a member (or what should
 * have been one) started, to the offset where reading resumed (the next member that decoded and
 * matched its CRC-32 and length, or the end of the file).
 */
public record Damage(String file, long offset, long resumedAt, String reason) {
  /** One line for stderr. */
  public String message() {
    return file
        + ": offset "
        + offset
        + ": "
        + reason
        + "; skipped "
        + (resumedAt - offset)
        + " bytes to offset "
        + resumedAt;
  }
}
