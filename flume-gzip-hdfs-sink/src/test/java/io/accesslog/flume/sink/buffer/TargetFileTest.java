package io.accesslog.flume.sink.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.buffer.TargetFile.Phase;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A target's phases: exactly the moves the engine makes are allowed, every other one throws. */
class TargetFileTest {
  private static final Map<Phase, Set<Phase>> ALLOWED = new EnumMap<>(Phase.class);

  static {
    ALLOWED.put(Phase.OPEN, EnumSet.of(Phase.FINISHING));
    ALLOWED.put(Phase.LATE, EnumSet.of(Phase.FINISHING));
    ALLOWED.put(Phase.FINISHING, EnumSet.of(Phase.FINISHING, Phase.LATE));
  }

  private static TargetFile in(Phase phase) {
    return new TargetFile(
        TestSupport.Target.of("shop", "web1", TestSupport.H13),
        600_000,
        phase,
        new RetryBackoff(1000, 8000));
  }

  @Test
  void moveTo_allowedMove_changesThePhase() {
    int moves = 0;
    for (Phase from : Phase.values()) {
      for (Phase to : ALLOWED.get(from)) {
        TargetFile f = in(from);
        assertTrue(from.canMoveTo(to), from + " -> " + to);
        f.moveTo(to);
        assertSame(to, f.phase(), from + " -> " + to);
        moves++;
      }
    }
    assertEquals(4, moves);
  }

  @Test
  void moveTo_disallowedMove_throwsAndKeepsThePhase() {
    int refused = 0;
    for (Phase from : Phase.values()) {
      for (Phase to : EnumSet.complementOf(EnumSet.copyOf(ALLOWED.get(from)))) {
        TargetFile f = in(from);
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> f.moveTo(to), from + " -> " + to);
        assertTrue(e.getMessage().contains(from + " to " + to), e.getMessage());
        assertSame(from, f.phase());
        refused++;
      }
    }
    assertEquals(5, refused, "OPEN->OPEN, OPEN->LATE, LATE->OPEN, LATE->LATE, FINISHING->OPEN");
  }

  @Test
  void closing_onlyOutsideOpen() {
    assertEquals(false, in(Phase.OPEN).closing());
    assertEquals(true, in(Phase.LATE).closing());
    assertEquals(true, in(Phase.FINISHING).closing());
  }
}
