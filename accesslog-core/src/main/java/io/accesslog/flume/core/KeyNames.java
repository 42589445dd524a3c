package io.accesslog.flume.core;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the known key an unknown one was probably meant to be (a typo, a wrong case, a missing
 * prefix), for "unknown key ...; did you mean ...?" messages.
 */
public final class KeyNames {
  private KeyNames() {}

  /**
   * The known key nearest to {@code unknown} by edit distance (case-insensitive), or null when none
   * is close: at most a third of the longer name's length (and at least 2) may differ, so {@code
   * hdfs.rot} finds {@code hdfs.root} but {@code colour} finds nothing.
   */
  public static String nearest(String unknown, Collection<String> known) {
    String best = closest(unknown, known);
    if (best == null
        || distanceIgnoringCase(unknown, best)
            > Math.max(2, Math.max(unknown.length(), best.length()) / 3)) {
      return null;
    }
    return best;
  }

  /**
   * The candidate nearest to {@code unknown} by edit distance (case-insensitive), however far; ties
   * go to the first in name order. Null only when there is no candidate.
   */
  public static String closest(String unknown, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distanceIgnoringCase(unknown, candidate);
      if (d < bestDistance
          || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distanceIgnoringCase(String a, String b) {
    return distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
  }

  /** Levenshtein distance, with an adjacent transposition counted as one edit. */
  public static int distance(String a, String b) {
    int[] twoBack = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, twoBack[j - 2] + 1);
        }
        current[j] = d;
      }
      int[] recycled = twoBack;
      twoBack = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }
}
