package io.accesslog.flume.tool;

import java.io.PrintStream;
import java.util.List;

/** Aligned text columns: the first left-aligned, numbers right-aligned. */
final class Table {
  private Table() {}

  static void print(PrintStream out, List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] w = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> r : rows) {
      b.setLength(0);
      for (int i = 0; i < cols; i++) {
        String cell = r.get(i);
        boolean left = !isNumber(cell) || rows.get(0) == r;
        if (i > 0) {
          b.append("  ");
        }
        if (left && i < cols - 1) {
          b.append(cell).append(" ".repeat(w[i] - cell.length()));
        } else if (left) {
          b.append(cell);
        } else {
          b.append(" ".repeat(w[i] - cell.length())).append(cell);
        }
      }
      out.println(b.toString().stripTrailing());
    }
  }

  private static boolean isNumber(String s) {
    return s.matches("~?-?[0-9][0-9.,]*(E-?[0-9]+)?") || s.equals("-");
  }
}
