package io.accesslog.flume.it;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic nginx access lines (same seed, same lines), in this {@code log_format}:
 *
 * <pre>
 * log_format accesslog '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
 *                      '"$http_referer" "$http_user_agent" $request_time $upstream_response_time '
 *                      '$host $request_id';
 * </pre>
 *
 * The web server that logged a line ({@link AccessLine#host()}, the Kafka record key) and its
 * per-host sequence number are encoded in {@code $request_id} (8 hex host index, 12 hex sequence,
 * 12 hex random), so readers can check exactly-once and per-host order. {@code $host} is the app's
 * virtual host. Event times advance evenly from {@code startMillis} over {@code hours} hours.
 */
public final class AccessLogGenerator {
  private static final DateTimeFormatter TIME_LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  private static final String[] METHODS = {
    "GET", "GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"
  };
  private static final String[] PATHS = {
    "/api/v1/items/",
    "/api/v2/orders/",
    "/static/js/app.",
    "/images/products/",
    "/cart/checkout?step=",
    "/search?q=shoes&page=",
    "/account/profile/",
    "/healthz?probe="
  };
  private static final int[] STATUSES = {
    200, 200, 200, 200, 200, 200, 200, 204, 301, 304, 400, 404, 499, 500, 502
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "curl/8.5.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)"
  };

  private final int hosts;
  private final int apps;
  private final long startMillis;
  private final long spanMillis;
  private final long total;
  private final ZoneOffset zone;
  private final SplittableRandom random;
  private final long[] hostSequence;
  private long produced;
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedTimeLocal;

  /**
   * @param total lines that will be asked for (spreads event times evenly over the hours)
   * @param hosts distinct web servers (Kafka keys), e.g. {@code web-0007}
   * @param apps distinct apps ({@code $host} virtual hosts), e.g. {@code app0042.example.com}
   */
  public AccessLogGenerator(
      long seed, long total, int hosts, int apps, long startMillis, int hours, ZoneOffset zone) {
    if (total <= 0 || hosts <= 0 || apps <= 0 || hours <= 0) {
      throw new IllegalArgumentException("total, hosts, apps and hours must be positive");
    }
    this.hosts = hosts;
    this.apps = apps;
    this.startMillis = startMillis;
    this.spanMillis = hours * 3_600_000L;
    this.total = total;
    this.zone = zone;
    this.random = new SplittableRandom(seed);
    this.hostSequence = new long[hosts];
  }

  /** Start of the UTC hour {@code hoursAgo} hours before now: a realistic, recent event time. */
  public static long hourStartHoursAgo(int hoursAgo) {
    long now = System.currentTimeMillis();
    return (now / 3_600_000L - hoursAgo) * 3_600_000L;
  }

  public static String hostName(int index) {
    return String.format(Locale.ROOT, "web-%04d", index);
  }

  public static String appName(int index) {
    return String.format(Locale.ROOT, "app%04d.example.com", index);
  }

  public boolean hasNext() {
    return produced < total;
  }

  public AccessLine next() {
    if (!hasNext()) {
      throw new IllegalStateException("all " + total + " lines were generated");
    }
    long eventMillis = startMillis + (long) ((double) produced / total * spanMillis);
    produced++;
    int host = random.nextInt(hosts);
    // A Zipf-like skew: a few apps get most of the traffic, as in production.
    int app = (int) Math.min(apps - 1, Math.floor(Math.pow(random.nextDouble(), 2.5) * apps));
    long seq = hostSequence[host]++;
    String line = format(host, app, seq, eventMillis);
    return new AccessLine(hostName(host), appName(app), eventMillis, seq, line);
  }

  private String format(int host, int app, long seq, long eventMillis) {
    StringBuilder b = new StringBuilder(320);
    b.append("10.")
        .append(random.nextInt(256))
        .append('.')
        .append(random.nextInt(256))
        .append('.')
        .append(1 + random.nextInt(254))
        .append(" - - [")
        .append(timeLocal(eventMillis))
        .append("] \"")
        .append(METHODS[random.nextInt(METHODS.length)])
        .append(' ')
        .append(PATHS[random.nextInt(PATHS.length)])
        .append(random.nextInt(100_000))
        .append(" HTTP/1.1\" ")
        .append(STATUSES[random.nextInt(STATUSES.length)])
        .append(' ')
        .append(random.nextInt(50_000))
        .append(" \"https://")
        .append(appName(app))
        .append("/\" \"")
        .append(AGENTS[random.nextInt(AGENTS.length)])
        .append("\" ");
    int micros = random.nextInt(2_000_000);
    appendSeconds(b, micros).append(' ');
    appendSeconds(b, Math.max(0, micros - random.nextInt(1000))).append(' ');
    b.append(appName(app)).append(' ');
    appendHex(b, host, 8);
    appendHex(b, seq, 12);
    appendHex(b, random.nextLong() & 0xFFFF_FFFF_FFFFL, 12);
    return b.toString();
  }

  private String timeLocal(long eventMillis) {
    long second = Math.floorDiv(eventMillis, 1000);
    if (second != cachedSecond) {
      cachedSecond = second;
      cachedTimeLocal = TIME_LOCAL.format(Instant.ofEpochSecond(second).atOffset(zone));
    }
    return cachedTimeLocal;
  }

  private static StringBuilder appendSeconds(StringBuilder b, int micros) {
    int millis = micros / 1000;
    b.append(millis / 1000).append('.');
    int frac = millis % 1000;
    if (frac < 100) {
      b.append('0');
    }
    if (frac < 10) {
      b.append('0');
    }
    return b.append(frac);
  }

  private static void appendHex(StringBuilder b, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      b.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
    }
  }

  /**
   * One generated line with what the generator knows about it.
   *
   * @param host web server (Kafka record key)
   * @param app the app's virtual host ({@code $host})
   * @param eventMillis the request time ({@code $time_local}, to the second)
   * @param sequence position of this line among its host's lines
   */
  public record AccessLine(String host, String app, long eventMillis, long sequence, String line) {
    /**
     * The host index and sequence this generator encoded into a line's trailing {@code
     * $request_id}.
     */
    public static long[] hostAndSequence(String line) {
      int id = line.lastIndexOf(' ') + 1;
      if (line.length() - id != 32) {
        throw new IllegalArgumentException("no generated $request_id at the end of: " + line);
      }
      return new long[] {
        Long.parseLong(line.substring(id, id + 8), 16),
        Long.parseLong(line.substring(id + 8, id + 20), 16)
      };
    }
  }
}
