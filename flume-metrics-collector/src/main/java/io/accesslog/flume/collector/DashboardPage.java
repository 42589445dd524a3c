package io.accesslog.flume.collector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard: one server-rendered HTML page, no script. Fleet summary first, then one table row
 * per agent, worst first (a thousand agents make a page of a few hundred kilobytes), then the worst
 * {@link #DETAILED} agents with their components and chart ({@code /?agent=<identity>}: one agent).
 * Every value that came from a report is escaped with {@link Html#escape}; the server also sends a
 * Content-Security-Policy that allows no script at all. Charts are inline SVG polylines of events
 * in/out per second over the window; the page reloads itself every {@code refresh} seconds.
 */
final class DashboardPage {
  private static final int CHART_WIDTH = 360;
  private static final int CHART_HEIGHT = 60;

  private DashboardPage() {}

  /**
   * Agents shown with their components and chart; the rest get one table row each (the page stays
   * small).
   */
  static final int DETAILED = 20;

  /** Points per chart at most: a window of 900 reports is averaged down to this. */
  static final int CHART_POINTS = 120;

  /** Worst first (STALE, CRITICAL, WARNING, OK), then by identity. */
  static final Comparator<AgentView> WORST_FIRST =
      Comparator.comparing(AgentView::status).thenComparing(AgentView::identity);

  static String render(List<AgentView> unsorted, long now, long windowMillis, long refreshSeconds) {
    return render(unsorted, now, windowMillis, refreshSeconds, null);
  }

  /**
   * The page: fleet summary, one row per agent worst first, then the {@link #DETAILED} worst agents
   * in detail ({@code only}: just that agent, in detail).
   */
  static String render(
      List<AgentView> unsorted, long now, long windowMillis, long refreshSeconds, String only) {
    List<AgentView> agents = new ArrayList<>(unsorted);
    agents.sort(WORST_FIRST);
    Map<AgentView.Status, Long> counts = new EnumMap<>(AgentView.Status.class);
    for (AgentView.Status status : AgentView.Status.values()) {
      counts.put(status, 0L);
    }
    double in = 0;
    double out = 0;
    for (AgentView agent : agents) {
      counts.merge(agent.status(), 1L, Long::sum);
      for (AgentView.ComponentView c : agent.components()) {
        boolean source = c.name().startsWith("SOURCE.");
        in += source && c.inPerSecond() != null ? c.inPerSecond() : 0;
        out += c.name().startsWith("SINK.") && c.outPerSecond() != null ? c.outPerSecond() : 0;
      }
    }
    StringBuilder html = new StringBuilder(8192 + agents.size() * 400);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(refreshSeconds)
        .append("\">")
        .append("<title>Flume agents</title><style>")
        .append("body{font:14px sans-serif;margin:1em 2em;color:#222}")
        .append(".agent{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;margin:1em 0}")
        .append(".status{padding:2px 8px;border-radius:4px;color:#fff;font-weight:bold}")
        .append(
            ".OK{background:#2a7d2a}.STALE{background:#777}.WARNING{background:#d68910}.CRITICAL{background:#c0392b}")
        .append(
            "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}td:first-child,th:first-child{text-align:left}")
        .append(
            "#fleet td,#fleet th{border-bottom:1px solid #eee}#fleet td.why{text-align:left;color:#c0392b;max-width:40em}#fleet td.identity{white-space:nowrap}")
        .append(
            ".identity{font-family:monospace}.reasons{color:#c0392b}svg{background:#f7f7f7}.big{font-size:20px;margin-right:1.5em}")
        .append("</style></head><body>\n<h1>Flume agents</h1>\n<p id=\"summary\">")
        .append(agents.size())
        .append(" agents: ")
        .append(counts.get(AgentView.Status.OK))
        .append(" OK, ")
        .append(counts.get(AgentView.Status.WARNING))
        .append(" WARNING, ")
        .append(counts.get(AgentView.Status.CRITICAL))
        .append(" CRITICAL, ")
        .append(counts.get(AgentView.Status.STALE))
        .append(" STALE &middot; window ")
        .append(windowMillis / 60_000)
        .append(" min &middot; ")
        .append(Html.escape(Instant.ofEpochMilli(now).toString()))
        .append("</p>\n<p id=\"fleet-rates\"><span class=\"big\">")
        .append(fixed(in))
        .append(" events in/s</span>")
        .append("<span class=\"big\">")
        .append(fixed(out))
        .append(" events out/s</span></p>\n");
    if (only != null) {
      agents.stream().filter(a -> a.identity().equals(only)).forEach(a -> agent(html, a, now));
      return html.append("<p><a href=\"/\">all agents</a></p></body></html>\n").toString();
    }
    html.append(
            "<table id=\"fleet\"><tr><th>agent</th><th>status</th><th>in/s</th><th>out/s</th><th>fill %</th>")
        .append(
            "<th>Kafka lag</th><th>spool MiB</th><th>oldest unflushed</th><th>last report</th><th>why</th></tr>\n");
    for (AgentView agent : agents) {
      row(html, agent, now);
    }
    html.append("</table>\n");
    int detailed = 0;
    for (AgentView agent : agents) {
      if (detailed++ == DETAILED) {
        html.append("<p>")
            .append(agents.size() - DETAILED)
            .append(" more agents in the table above; ")
            .append("one agent's details: <code>/?agent=&lt;identity&gt;</code></p>\n");
        break;
      }
      agent(html, agent, now);
    }
    return html.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder html, AgentView agent, long now) {
    double in = 0;
    double out = 0;
    Double fill = null;
    Double lag = null;
    Double spool = null;
    Double unflushed = null;
    for (AgentView.ComponentView c : agent.components()) {
      in += c.name().startsWith("SOURCE.") && c.inPerSecond() != null ? c.inPerSecond() : 0;
      out += c.name().startsWith("SINK.") && c.outPerSecond() != null ? c.outPerSecond() : 0;
      fill = max(fill, c.fillPercent());
      lag = sum(lag, c.kafkaLag());
      spool = sum(spool, c.spoolBytes());
      unflushed = max(unflushed, c.oldestUnflushedAgeMillis());
    }
    String status = agent.status().name();
    html.append("<tr data-status=\"")
        .append(status)
        .append("\"><td class=\"identity\"><a href=\"/?agent=")
        .append(Html.escape(URLEncoder.encode(agent.identity(), StandardCharsets.UTF_8)))
        .append("\">")
        .append(Html.escape(agent.identity()))
        .append("</a></td><td><span class=\"status ")
        .append(status)
        .append("\">")
        .append(status)
        .append("</span></td><td>")
        .append(fixed(in))
        .append("</td><td>")
        .append(fixed(out))
        .append("</td><td>")
        .append(fixed(fill))
        .append("</td><td>")
        .append(whole(lag))
        .append("</td><td>")
        .append(spool == null ? "" : fixed(spool / (1 << 20)))
        .append("</td><td>")
        .append(unflushed == null ? "" : whole(unflushed / 1000) + " s")
        .append("</td><td>")
        .append(Math.max(0, now - agent.latest().receivedAt()) / 1000)
        .append(" s ago</td><td class=\"why\">");
    if (!agent.reasons().isEmpty()) {
      html.append(Html.escape(agent.reasons().get(0)));
      if (agent.reasons().size() > 1) {
        html.append(" (+").append(agent.reasons().size() - 1).append(')');
      }
    }
    html.append("</td></tr>\n");
  }

  private static Double max(Double a, Double b) {
    return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
  }

  private static Double sum(Double a, Double b) {
    return a == null ? b : b == null ? a : Double.valueOf(a + b);
  }

  private static void agent(StringBuilder html, AgentView agent, long now) {
    Report latest = agent.latest();
    String status = agent.status().name();
    html.append("<section class=\"agent\" data-status=\"")
        .append(status)
        .append("\">\n<h2><span class=\"identity\">")
        .append(Html.escape(agent.identity()))
        .append("</span> <span class=\"status ")
        .append(status)
        .append("\">")
        .append(status)
        .append("</span></h2>\n<p class=\"meta\">host ")
        .append(Html.escape(latest.host()))
        .append(" &middot; agent ")
        .append(Html.escape(latest.agent()))
        .append(" &middot; report #")
        .append(latest.reportCount())
        .append(" &middot; last report ")
        .append(Math.max(0, now - latest.receivedAt()) / 1000)
        .append(" s ago")
        .append(" &middot; ")
        .append(agent.reportsInWindow())
        .append(" reports in window");
    Long heapUsed = latest.jvm().get("heapUsed");
    Long heapMax = latest.jvm().get("heapMax");
    if (heapUsed != null && heapMax != null && heapMax > 0) {
      html.append(" &middot; heap ")
          .append(heapUsed >> 20)
          .append(" / ")
          .append(heapMax >> 20)
          .append(" MiB");
    }
    html.append("</p>\n");
    if (!agent.reasons().isEmpty()) {
      html.append("<ul class=\"reasons\">");
      agent.reasons().forEach(r -> html.append("<li>").append(Html.escape(r)).append("</li>"));
      html.append("</ul>\n");
    }
    html.append(
            "<table><tr><th>component</th><th>in/s</th><th>out/s</th><th>fill %</th><th>failures</th>")
        .append("<th>Kafka lag</th><th>spool bytes</th><th>oldest unflushed</th></tr>\n");
    for (AgentView.ComponentView c : agent.components()) {
      html.append("<tr><td>")
          .append(Html.escape(c.name()))
          .append("</td><td>")
          .append(fixed(c.inPerSecond()))
          .append("</td><td>")
          .append(fixed(c.outPerSecond()))
          .append("</td><td>")
          .append(fixed(c.fillPercent()))
          .append("</td><td>")
          .append(c.failures())
          .append("</td><td>")
          .append(whole(c.kafkaLag()))
          .append("</td><td>")
          .append(whole(c.spoolBytes()))
          .append("</td><td>")
          .append(
              c.oldestUnflushedAgeMillis() == null
                  ? ""
                  : whole(c.oldestUnflushedAgeMillis() / 1000) + " s")
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    chart(html, agent.series());
    html.append("</section>\n");
  }

  /** Events in (blue) and out (orange) per second, scaled to the largest rate in the window. */
  private static void chart(StringBuilder html, List<AgentView.Point> all) {
    List<AgentView.Point> series = downsample(all);
    double max = 1;
    for (AgentView.Point p : series) {
      max = Math.max(max, Math.max(p.inPerSecond(), p.outPerSecond()));
    }
    html.append("<svg class=\"chart\" width=\"")
        .append(CHART_WIDTH)
        .append("\" height=\"")
        .append(CHART_HEIGHT)
        .append("\" role=\"img\"><title>events in (blue) and out (orange) per second, max ")
        .append(fixed(max))
        .append("/s</title>");
    if (series.size() > 1) {
      polyline(html, series, max, true, "#1f77b4");
      polyline(html, series, max, false, "#ff7f0e");
    }
    html.append("</svg> <small>max ").append(fixed(max)).append(" events/s</small>\n");
  }

  /** At most {@link #CHART_POINTS} points: consecutive points averaged (time-weighted) into one. */
  static List<AgentView.Point> downsample(List<AgentView.Point> series) {
    if (series.size() <= CHART_POINTS) {
      return series;
    }
    List<AgentView.Point> out = new ArrayList<>(CHART_POINTS);
    for (int bucket = 0; bucket < CHART_POINTS; bucket++) {
      int from = (int) ((long) bucket * series.size() / CHART_POINTS);
      int to = (int) ((long) (bucket + 1) * series.size() / CHART_POINTS);
      double seconds = 0;
      double in = 0;
      double outRate = 0;
      for (int i = from; i < to; i++) {
        AgentView.Point p = series.get(i);
        seconds += p.seconds();
        in += p.inPerSecond() * p.seconds();
        outRate += p.outPerSecond() * p.seconds();
      }
      AgentView.Point last = series.get(to - 1);
      out.add(
          new AgentView.Point(
              last.reportTime(),
              last.reportCount(),
              seconds,
              seconds > 0 ? in / seconds : 0,
              seconds > 0 ? outRate / seconds : 0,
              last.eventsIn(),
              last.eventsOut()));
    }
    return out;
  }

  private static void polyline(
      StringBuilder html, List<AgentView.Point> series, double max, boolean in, String colour) {
    html.append("<polyline fill=\"none\" stroke=\"")
        .append(colour)
        .append("\" stroke-width=\"1.5\" points=\"");
    for (int i = 0; i < series.size(); i++) {
      double value = in ? series.get(i).inPerSecond() : series.get(i).outPerSecond();
      double x = i * (CHART_WIDTH - 2.0) / (series.size() - 1) + 1;
      double y = CHART_HEIGHT - 2 - value / max * (CHART_HEIGHT - 4);
      html.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    html.append("\"/>");
  }

  private static String fixed(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String whole(Double value) {
    return value == null ? "" : Long.toString(Math.round(value));
  }
}
