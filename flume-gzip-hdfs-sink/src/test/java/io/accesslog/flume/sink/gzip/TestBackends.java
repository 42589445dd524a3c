package io.accesslog.flume.sink.gzip;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The backend/level pairs the parameterized tests run on. ISA-L pairs are included only where ISA-L
 * is usable; {@code IsalProbeTest} asserts that it is on x86-64 Linux, so they cannot vanish there
 * unnoticed.
 */
final class TestBackends {

  private TestBackends() {}

  static Stream<Arguments> all() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("jdk", 1));
    cases.add(Arguments.of("jdk", 6));
    cases.add(Arguments.of("jdk", 9));
    if (IsalProbe.status().usable()) {
      cases.add(Arguments.of("isal", 1));
      cases.add(Arguments.of("isal", 2));
    }
    return cases.stream();
  }

  static GzipMemberEncoder encoder(String backend, int level) {
    DeflateBackend b =
        backend.equals("isal") ? new IsalDeflateBackend(level) : new JdkDeflateBackend(level);
    return new GzipMemberEncoder(b);
  }
}
