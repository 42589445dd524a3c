package io.accesslog.flume.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;

/** Small blocking HTTP GET of JSON, for the NameNode's /jmx and Flume's /metrics. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  static JsonNode getJson(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setConnectTimeout(2000);
    connection.setReadTimeout(5000);
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("GET " + url + " answered HTTP " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        return JSON.readTree(in);
      }
    } finally {
      connection.disconnect();
    }
  }

  static JsonNode getJsonUnchecked(String url) {
    try {
      return getJson(url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
