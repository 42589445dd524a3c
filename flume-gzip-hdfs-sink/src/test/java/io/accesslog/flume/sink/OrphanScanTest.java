package io.accesslog.flume.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OrphanScanTest {
  @Test
  void auto_listsOnlyWhileTheLedgerIsUnchecked() {
    assertNotNull(OrphanScan.AUTO.reason(false));
    assertNull(OrphanScan.AUTO.reason(true));
  }

  @Test
  void alwaysAndNever_ignoreTheLedger() {
    assertNotNull(OrphanScan.ALWAYS.reason(true));
    assertNotNull(OrphanScan.ALWAYS.reason(false));
    assertNull(OrphanScan.NEVER.reason(false));
    assertNull(OrphanScan.NEVER.reason(true));
  }

  @Test
  void of_readsTheConfiguredWord() {
    assertEquals(OrphanScan.NEVER, OrphanScan.of("never"));
    assertEquals(OrphanScan.AUTO, OrphanScan.of("auto"));
  }
}
