package io.accesslog.flume.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.buffer.InMemoryFileStore;
import org.junit.jupiter.api.Test;

class WriterClaimTest {
  private static final String ONE =
      WriterClaim.identity("web-7", "/var/lib/flume/a/spool-hdfs", "hdfs");
  private static final String TWO =
      WriterClaim.identity("web-7", "/var/lib/flume/b/spool-hdfs", "hdfs");

  @Test
  void identity_hostAndSpool_orSinkNameWithoutSpool() {
    assertEquals("host=web-7 spool=/var/lib/flume/a/spool-hdfs", ONE);
    assertEquals(
        "host=web-7 sink=hdfs (sink.durability=none)", WriterClaim.identity("web-7", null, "hdfs"));
  }

  @Test
  void conflict_nullForOwnIdentity_elseNamesIdHolderAndWhatToDo() {
    WriterClaim claim = new WriterClaim("hdfs://nn/logs", "web-7-hdfs", ONE);
    assertEquals("hdfs://nn/logs/_writers/web-7-hdfs", claim.path());
    assertNull(claim.conflict(ONE));
    String problem = claim.conflict(TWO);
    assertTrue(
        problem.contains("writer.id 'web-7-hdfs'")
            && problem.contains(TWO)
            && problem.contains(ONE)
            && problem.contains("set a unique writer.id")
            && problem.contains("delete hdfs://nn/logs/_writers/web-7-hdfs"),
        problem);
    assertTrue(claim.conflict("").contains("claim being written"));
  }

  @Test
  void claim_firstWriterCreatesIt_sameWriterAgainPasses_anotherFails() throws Exception {
    InMemoryFileStore store = new InMemoryFileStore();
    new WriterClaim("/logs", "w", ONE).claim(store);
    new WriterClaim("/logs", "w", ONE).claim(store);
    assertEquals(ONE, store.files.get("/logs/_writers/w").toString("UTF-8"));
    WriterClaim other = new WriterClaim("/logs", "w", TWO);
    assertThrows(WriterClaim.Conflict.class, () -> other.claim(store));
    new WriterClaim("/logs", "x", TWO).claim(store);
    assertEquals(2, store.operations.stream().filter(op -> op.startsWith("claim ")).count());
  }

  @Test
  void claim_retiredId_refusedSayingWhyAndHowToReuseIt() throws Exception {
    InMemoryFileStore store = new InMemoryFileStore();
    new WriterClaim("/logs", "w", ONE).claim(store);
    store.claim("/logs/_writers/.retired/w", "retired=1\n");
    WriterClaim.Conflict e =
        assertThrows(
            WriterClaim.Conflict.class, () -> new WriterClaim("/logs", "w", ONE).claim(store));
    assertTrue(
        e.getMessage().contains("writer.id 'w' was retired")
            && e.getMessage().contains("new writer.id")
            && e.getMessage().contains("delete /logs/_writers/.retired/w"),
        e.getMessage());
  }
}
