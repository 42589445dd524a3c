package io.accesslog.flume.sink.gzip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deterministic, realistic nginx access lines (about 240 bytes each) for tests and the benchmark.
 *
 * <p>One call produces the lines of one target file: a single vhost and an hour, as the sink's
 * per-file buffers see them. Clients repeat from a per-file pool, paths follow a few API and static
 * shapes with varying ids, request ids are random hex (the least compressible field).
 */
final class AccessLogLines {

  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        + "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        + "Version/17.6 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
        + "(KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64)",
    "okhttp/4.12.0",
    "curl/8.5.0",
    "Go-http-client/1.1",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "python-requests/2.32.3",
  };
  private static final int[] AGENT_WEIGHTS = {20, 8, 8, 6, 14, 14, 8, 8, 6, 8};
  private static final int[] STATUS = {200, 304, 404, 301, 302, 201, 204, 499, 500, 502};
  private static final int[] STATUS_WEIGHTS = {78, 7, 5, 2, 1, 3, 1, 1, 1, 1};
  private static final String[] WORDS = {
    "shoes",
    "red+dress",
    "laptop",
    "phone+case",
    "books",
    "coffee",
    "garden",
    "lamp",
    "desk",
    "chair"
  };
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private AccessLogLines() {}

  /** {@code lines} newline-terminated lines of app {@code app}, hour {@code hour} (0-23). */
  static byte[] generate(long seed, int app, int hour, int lines) {
    Random rnd = new Random(seed);
    String vhost = String.format("app%04d.example.com", app);
    int[] clients = new int[200 + rnd.nextInt(300)];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = rnd.nextInt();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 260);
    StringBuilder sb = new StringBuilder(400);
    int second = 0;
    for (int i = 0; i < lines; i++) {
      second = Math.min(3599, second + (rnd.nextInt(8) == 0 ? 1 : 0));
      sb.setLength(0);
      int ip = clients[rnd.nextInt(clients.length)];
      sb.append(ip >>> 24)
          .append('.')
          .append((ip >>> 16) & 0xff)
          .append('.')
          .append((ip >>> 8) & 0xff)
          .append('.')
          .append(ip & 0xff);
      sb.append(" - - [22/")
          .append(MONTHS[10])
          .append("/2026:")
          .append(two(hour))
          .append(':')
          .append(two(second / 60))
          .append(':')
          .append(two(second % 60))
          .append(" +0000] \"");
      sb.append(rnd.nextInt(10) == 0 ? "POST " : "GET ").append(path(rnd)).append(" HTTP/1.1\" ");
      int status = STATUS[pick(rnd, STATUS_WEIGHTS)];
      sb.append(status).append(' ').append(status == 304 ? 0 : 200 + rnd.nextInt(40000));
      sb.append(" \"");
      if (rnd.nextInt(5) < 2) {
        sb.append('-');
      } else {
        sb.append("https://").append(vhost).append(rnd.nextBoolean() ? "/" : path(rnd));
      }
      sb.append("\" \"").append(AGENTS[pick(rnd, AGENT_WEIGHTS)]).append("\" ");
      int micros = rnd.nextInt(8) == 0 ? rnd.nextInt(2_000_000) : rnd.nextInt(60_000);
      sb.append(seconds(micros))
          .append(' ')
          .append(seconds(Math.max(0, micros - 1_000)))
          .append(' ')
          .append(vhost)
          .append(' ');
      sb.append(String.format("%08x%08x%016x", 3, app, rnd.nextLong())).append('\n');
      byte[] line = sb.toString().getBytes(StandardCharsets.US_ASCII);
      out.write(line, 0, line.length);
    }
    return out.toByteArray();
  }

  private static String path(Random rnd) {
    switch (rnd.nextInt(9)) {
      case 0:
        return "/api/v1/items/" + rnd.nextInt(100_000);
      case 1:
        return "/api/v1/users/" + rnd.nextInt(50_000) + "/orders?page=" + (1 + rnd.nextInt(20));
      case 2:
        return "/static/js/app." + Integer.toHexString(rnd.nextInt(16)) + "f3a9c1e.js";
      case 3:
        return "/static/css/main." + Integer.toHexString(rnd.nextInt(4)) + "b71d0.css";
      case 4:
        return "/images/products/" + rnd.nextInt(20_000) + "_" + (1 + rnd.nextInt(6)) + ".jpg";
      case 5:
        return "/search?q=" + WORDS[rnd.nextInt(WORDS.length)] + "&page=" + (1 + rnd.nextInt(5));
      case 6:
        return "/api/v2/cart/" + rnd.nextInt(1_000_000) + "/items";
      case 7:
        return "/health";
      default:
        return "/";
    }
  }

  private static int pick(Random rnd, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = rnd.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static String seconds(int micros) {
    return String.format("%d.%03d", micros / 1_000_000, (micros / 1_000) % 1_000);
  }
}
