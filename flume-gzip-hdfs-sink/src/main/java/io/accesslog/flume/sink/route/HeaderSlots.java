package io.accesslog.flume.sink.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers the distinct header names that the templates reference, so both templates share one array
 * of values per event and each header is looked up and sanitized once.
 */
final class HeaderSlots {
  private final List<String> names = new ArrayList<>();

  int slotOf(String headerName) {
    int i = names.indexOf(headerName);
    if (i >= 0) {
      return i;
    }
    names.add(headerName);
    return names.size() - 1;
  }

  String[] names() {
    return names.toArray(new String[0]);
  }
}
