package io.accesslog.flume.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver over the W3C WebDriver HTTP protocol
 * (no client library): one session, loopback only. Installs both packages when missing (see {@link
 * DebianTools}); never downloads a browser.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process driver;
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String session;

  private HeadlessChromium(Process driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  public static HeadlessChromium start(Path workDir) {
    Path chromium = DebianTools.require("chromium", "chromium");
    Path chromedriver = DebianTools.require("chromedriver", "chromium-driver");
    int port = Ports.freeLoopbackPort();
    Process process;
    try {
      Files.createDirectories(workDir);
      process =
          new ProcessBuilder(chromedriver.toString(), "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(workDir.resolve("chromedriver.log").toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + chromedriver + ": " + e.getMessage(), e);
    }
    HeadlessChromium browser = new HeadlessChromium(process, "http://127.0.0.1:" + port);
    try {
      browser.awaitReady();
      browser.newSession(chromium, workDir.resolve("profile"));
      return browser;
    } catch (RuntimeException e) {
      browser.close();
      throw e;
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) {
        throw new IllegalStateException(
            "chromedriver exited with " + driver.exitValue() + " at start");
      }
      try {
        if (call("GET", "/status", null).path("value").path("ready").asBoolean()) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      KafkaBroker.sleepQuietly(100);
    }
    throw new IllegalStateException("chromedriver not ready on " + base + " within 20 s");
  }

  private void newSession(Path chromium, Path profile) {
    ObjectNode options = JSON.createObjectNode();
    options.put("binary", chromium.toString());
    List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,900",
            "--user-data-dir=" + profile)
        .forEach(options.withArray("args")::add);
    ObjectNode body = JSON.createObjectNode();
    ObjectNode always = body.putObject("capabilities").putObject("alwaysMatch");
    always.put("browserName", "chrome");
    always.set("goog:chromeOptions", options);
    session = call("POST", "/session", body).path("value").path("sessionId").asText();
    if (session.isEmpty()) {
      throw new IllegalStateException("chromedriver gave no session id");
    }
  }

  public void open(String url) {
    ObjectNode body = JSON.createObjectNode().put("url", url);
    call("POST", "/session/" + session + "/url", body);
  }

  /** Runs {@code script} (a function body; {@code return} gives the result) in the page. */
  public JsonNode script(String script) {
    ObjectNode body = JSON.createObjectNode().put("script", script);
    body.putArray("args");
    return call("POST", "/session/" + session + "/execute/sync", body).path("value");
  }

  public void screenshot(Path png) throws IOException {
    String base64 = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
    Files.createDirectories(png.getParent());
    Files.write(png, Base64.getDecoder().decode(base64));
  }

  private JsonNode call(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "WebDriver "
                + method
                + " "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + answer);
      }
      return answer;
    } catch (IOException e) {
      throw new IllegalStateException(
          "WebDriver " + method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Ends the session (Chromium exits), then chromedriver and anything it left behind. */
  @Override
  public void close() {
    try {
      if (session != null) {
        call("DELETE", "/session/" + session, null);
      }
    } catch (RuntimeException e) {
      // still stop the driver below
    } finally {
      driver.descendants().forEach(ProcessHandle::destroyForcibly);
      driver.destroy();
      try {
        if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        driver.destroyForcibly();
      }
    }
  }
}
