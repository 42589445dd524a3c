package io.accesslog.flume.tool.select;

import java.time.Instant;

/**
 * One file of the selection.
 *
 * @param path full path (URI form as Hadoop lists it)
 * @param relative path below the root
 * @param length length when listed
 * @param hour the hour bucket its directory (or name) stands for, or null when the layout does not
 *     say
 * @param inProgress a hidden {@code _} file the sink is still writing
 * @param wholeHourInRange every line's time is inside {@code [from, to)} by the layout, so lines
 *     need no time check
 */
public record SelectedFile(
    String path,
    String relative,
    long length,
    Instant hour,
    boolean inProgress,
    boolean wholeHourInRange) {}
