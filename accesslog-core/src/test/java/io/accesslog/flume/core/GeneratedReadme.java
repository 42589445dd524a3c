package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Checks that a README's generated part (between two marker lines) is what the code generates, for
 * every module's {@code ReadmeTest}. With {@code -Dreadme.update=true} a stale part is rewritten
 * first: {@code mvn -pl MODULE -am test -Dtest=ReadmeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dreadme.update=true}.
 */
public final class GeneratedReadme {
  private GeneratedReadme() {}

  /**
   * @param begin the marker line before the generated part, without its line break
   * @param end the marker that follows it
   */
  public static void assertInSync(String readme, String begin, String end, String generated) {
    Path path = Paths.get(readme);
    try {
      String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
      int from = text.indexOf(begin + "\n");
      int to = text.indexOf(end, Math.max(from, 0));
      assertTrue(from >= 0 && to > from, readme + " lacks the markers " + begin + " ... " + end);
      from += begin.length() + 1;
      String actual = text.substring(from, to);
      if (Boolean.getBoolean("readme.update") && !generated.equals(actual)) {
        Files.write(
            path,
            (text.substring(0, from) + generated + text.substring(to))
                .getBytes(StandardCharsets.UTF_8));
        actual = generated;
      }
      assertEquals(
          generated,
          actual,
          readme
              + " is stale between "
              + begin
              + " and "
              + end
              + "; rerun with -Dreadme.update=true");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
