package io.accesslog.flume.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POSTs a report with {@link HttpURLConnection}, bounded by the connect and read timeouts. */
final class HttpReportSender implements ReportSender {
  private static final Logger LOG = LoggerFactory.getLogger(HttpReportSender.class);

  private final URL url;
  private final int timeoutMillis;
  private final String token;
  private String lastProblem = "";

  HttpReportSender(URL url, int timeoutMillis, String token) {
    this.url = url;
    this.timeoutMillis = timeoutMillis;
    this.token = token;
  }

  @Override
  public Outcome send(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) url.openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setUseCaches(false);
      connection.setFixedLengthStreamingMode(body.length);
      connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
      if (!token.isEmpty()) {
        connection.setRequestProperty("Authorization", "Bearer " + token);
      }
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      String answer =
          drain(status < 400 ? connection.getInputStream() : connection.getErrorStream());
      Outcome outcome = classify(status);
      if (outcome == Outcome.REJECTED) {
        // The collector's reason, e.g. "invalid report: ...": this report is dropped, later ones
        // are sent.
        note("POST " + url + " answered HTTP " + status + ", report dropped: " + answer);
      } else if (outcome != Outcome.ACCEPTED) {
        note(
            "POST "
                + url
                + " answered HTTP "
                + status
                + " ("
                + outcome
                + "); unsent reports stay in the backlog");
      } else if (!lastProblem.isEmpty()) {
        LOG.info("Metrics reporter: {} accepts reports again", url);
        lastProblem = "";
      }
      return outcome;
    } catch (IOException | RuntimeException e) {
      note("POST " + url + " failed: " + e + "; unsent reports stay in the backlog");
      return Outcome.FAILED;
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  static Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.ACCEPTED;
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      return Outcome.REJECTED;
    }
    return Outcome.FAILED;
  }

  /** Logs a problem once, not once per interval, until a different one occurs. */
  private void note(String problem) {
    if (!problem.equals(lastProblem)) {
      LOG.warn("Metrics reporter: {}", problem);
      lastProblem = problem;
    }
  }

  /**
   * Reads the answer to the end (so the connection can be reused); returns its first 300 bytes as
   * text.
   */
  private static String drain(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    try (InputStream body = in) {
      byte[] buffer = new byte[4096];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        head.write(buffer, 0, Math.min(n, Math.max(0, 300 - head.size())));
      }
    }
    return new String(head.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
