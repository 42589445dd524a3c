package io.accesslog.flume.collector;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard: one server-rendered HTML page, no script. Every value that came from a report is
 * escaped with {@link Html#escape}; the server also sends a Content-Security-Policy that allows no
 * script at all. Charts are inline SVG polylines of events in/out per second over the window; the
 * page reloads itself every {@code refresh} seconds.
 */
final class DashboardPage {
  private static final int CHART_WIDTH = 360;
  private static final int CHART_HEIGHT = 60;

  private DashboardPage() { }

  static String render(List<AgentView> agents, long now, long windowMillis, long refreshSeconds) {
    long ok = agents.stream().filter(a -> a.status() == AgentView.Status.OK).count();
    long stale = agents.stream().filter(a -> a.status() == AgentView.Status.STALE).count();
    long warning = agents.stream().filter(a -> a.status() == AgentView.Status.WARNING).count();
    long critical = agents.size() - ok - stale - warning;
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">")
        .append("<title>Flume agents</title><style>")
        .append("body{font:14px sans-serif;margin:1em 2em;color:#222}")
        .append(".agent{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;margin:1em 0}")
        .append(".status{padding:2px 8px;border-radius:4px;color:#fff;font-weight:bold}")
        .append(".OK{background:#2a7d2a}.STALE{background:#777}.WARNING{background:#d68910}.CRITICAL{background:#c0392b}")
        .append("table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}td:first-child,th:first-child{text-align:left}")
        .append(".identity{font-family:monospace}.reasons{color:#c0392b}svg{background:#f7f7f7}")
        .append("</style></head><body>\n<h1>Flume agents</h1>\n<p id=\"summary\">")
        .append(agents.size()).append(" agents: ").append(ok).append(" OK, ").append(stale).append(" STALE, ")
        .append(warning).append(" WARNING, ").append(critical).append(" CRITICAL &middot; window ").append(windowMillis / 60_000).append(" min &middot; ")
        .append(Html.escape(Instant.ofEpochMilli(now).toString())).append("</p>\n");
    for (AgentView agent : agents) {
      agent(html, agent, now);
    }
    return html.append("</body></html>\n").toString();
  }

  private static void agent(StringBuilder html, AgentView agent, long now) {
    Report latest = agent.latest();
    String status = agent.status().name();
    html.append("<section class=\"agent\" data-status=\"").append(status).append("\">\n<h2><span class=\"identity\">")
        .append(Html.escape(agent.identity())).append("</span> <span class=\"status ").append(status).append("\">")
        .append(status).append("</span></h2>\n<p class=\"meta\">host ").append(Html.escape(latest.host()))
        .append(" &middot; agent ").append(Html.escape(latest.agent()))
        .append(" &middot; report #").append(latest.reportCount())
        .append(" &middot; last report ").append(Math.max(0, now - latest.receivedAt()) / 1000).append(" s ago")
        .append(" &middot; ").append(agent.reportsInWindow()).append(" reports in window");
    Long heapUsed = latest.jvm().get("heapUsed");
    Long heapMax = latest.jvm().get("heapMax");
    if (heapUsed != null && heapMax != null && heapMax > 0) {
      html.append(" &middot; heap ").append(heapUsed >> 20).append(" / ").append(heapMax >> 20).append(" MiB");
    }
    html.append("</p>\n");
    if (!agent.reasons().isEmpty()) {
      html.append("<ul class=\"reasons\">");
      agent.reasons().forEach(r -> html.append("<li>").append(Html.escape(r)).append("</li>"));
      html.append("</ul>\n");
    }
    html.append("<table><tr><th>component</th><th>in/s</th><th>out/s</th><th>fill %</th><th>failures</th>")
        .append("<th>Kafka lag</th><th>spool bytes</th><th>oldest unflushed</th></tr>\n");
    for (AgentView.ComponentView c : agent.components()) {
      html.append("<tr><td>").append(Html.escape(c.name())).append("</td><td>").append(fixed(c.inPerSecond()))
          .append("</td><td>").append(fixed(c.outPerSecond())).append("</td><td>").append(fixed(c.fillPercent()))
          .append("</td><td>").append(c.failures()).append("</td><td>").append(whole(c.kafkaLag()))
          .append("</td><td>").append(whole(c.spoolBytes())).append("</td><td>")
          .append(c.oldestUnflushedAgeMillis() == null ? "" : whole(c.oldestUnflushedAgeMillis() / 1000) + " s")
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    chart(html, agent.series());
    html.append("</section>\n");
  }

  /** Events in (blue) and out (orange) per second, scaled to the largest rate in the window. */
  private static void chart(StringBuilder html, List<AgentView.Point> series) {
    double max = 1;
    for (AgentView.Point p : series) {
      max = Math.max(max, Math.max(p.inPerSecond(), p.outPerSecond()));
    }
    html.append("<svg class=\"chart\" width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
        .append("\" role=\"img\"><title>events in (blue) and out (orange) per second, max ")
        .append(fixed(max)).append("/s</title>");
    if (series.size() > 1) {
      polyline(html, series, max, true, "#1f77b4");
      polyline(html, series, max, false, "#ff7f0e");
    }
    html.append("</svg> <small>max ").append(fixed(max)).append(" events/s</small>\n");
  }

  private static void polyline(StringBuilder html, List<AgentView.Point> series, double max, boolean in, String colour) {
    html.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
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
