package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GeneratedReadmeTest {
  @TempDir Path dir;

  @Test
  void assertInSync_sameTable_passes_staleOrMissing_fails() throws IOException {
    Path readme = dir.resolve("README.md");
    Files.write(
        readme, "intro\n<!-- B -->\n| a |\n<!-- E -->\nrest\n".getBytes(StandardCharsets.UTF_8));
    GeneratedReadme.assertInSync(readme.toString(), "<!-- B -->", "<!-- E -->", "| a |\n");
    assertThrows(
        AssertionFailedError.class,
        () ->
            GeneratedReadme.assertInSync(readme.toString(), "<!-- B -->", "<!-- E -->", "| b |\n"));
    assertThrows(
        AssertionFailedError.class,
        () ->
            GeneratedReadme.assertInSync(readme.toString(), "<!-- X -->", "<!-- E -->", "| a |\n"));
  }
}
