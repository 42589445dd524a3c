package io.accesslog.flume.metrics;

import io.accesslog.flume.core.GeneratedReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {
  @Test
  void readme_table_matchesDeclarations() {
    GeneratedReadme.assertInSync(
        "README.md",
        "<!-- BEGIN GENERATED TABLE -->",
        "<!-- END GENERATED TABLE -->",
        ReporterSettings.markdownTable());
  }
}
