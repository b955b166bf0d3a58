package io.smtplog.core.report.format;

import io.smtplog.core.model.Plural;
import io.smtplog.core.report.Column;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Section;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a report as one self-contained HTML file: no script, no external style, font or image
 * (a Content-Security-Policy meta tag forbids them), inline SVG charts (traffic over time by
 * outcome, replies by class and code, top domains by outcome, delay distribution) drawn from the
 * report's sections, then every section as a table. All log-derived text is HTML-escaped after
 * control characters are replaced. Stateless.
 */
public final class HtmlFormat {
  static final int CHART_WIDTH = 760;
  static final int BAR_HEIGHT = 18;
  /** Outcome colours, colour-blind-safe (Okabe and Ito). */
  private static final Map<String, String> COLOURS = new LinkedHashMap<>();

  static {
    COLOURS.put(ReportKeys.RECEIVED, "#0072B2");
    COLOURS.put(ReportKeys.DELIVERED, "#009E73");
    COLOURS.put(ReportKeys.DEFERRED, "#E69F00");
    COLOURS.put(ReportKeys.DEFERRALS, "#E69F00");
    COLOURS.put(ReportKeys.BOUNCED, "#D55E00");
    COLOURS.put(ReportKeys.EXPIRED, "#CC79A7");
    COLOURS.put(ReportKeys.REJECTED, "#000000");
    COLOURS.put(ReportKeys.DISCARDED, "#999999");
  }

  private static final String[] CLASS_COLOURS = {"#999999", "#999999", "#009E73", "#56B4E9", "#E69F00", "#D55E00"};

  private HtmlFormat() {}

  public static void write(ReportDocument document, Writer out) throws IOException {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
        .append(" img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>smtplog ").append(escape(document.report())).append(" report</title>\n<style>\n")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}")
        .append("h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}")
        .append("table{border-collapse:collapse;margin:.5em 0}th,td{padding:2px 8px;border-bottom:1px solid #eee;")
        .append("text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append("th{background:#f4f4f4}nav a{margin-right:1em}figure{margin:1em 0}figcaption{font-weight:600}")
        .append("svg text{font:11px sans-serif}.legend span{display:inline-block;margin-right:1em}")
        .append(".legend i{display:inline-block;width:10px;height:10px;margin-right:4px}\n</style>\n</head>\n<body>\n")
        .append("<h1>smtplog ").append(escape(document.report())).append(" report</h1>\n");
    input(document, html);
    html.append("<nav>");
    for (Section s : document.sections()) {
      html.append("<a href=\"#").append(escape(s.name())).append("\">").append(escape(s.name())).append("</a> ");
    }
    html.append("</nav>\n<section id=\"charts\">\n");
    traffic(document, html);
    replies(document, html);
    domains(document, html);
    delays(document, html);
    html.append("</section>\n");
    for (Section s : document.sections()) {
      table(s, html);
    }
    html.append("<p><small>Written by smtplog. Every figure comes from the input named above.</small></p>\n")
        .append("</body>\n</html>\n");
    out.write(html.toString());
    out.flush();
  }

  private static void input(ReportDocument d, StringBuilder html) {
    html.append("<p>").append(String.join(", ", Plural.of(d.input().files().size(), "file"),
        Plural.of(d.input().lines(), "line"), Plural.of(d.input().events(), "event"),
        Plural.of(d.input().problems(), "problem"))).append('.');
    html.append(" Files: ");
    List<String> files = d.input().files();
    for (int i = 0; i < Math.min(files.size(), 20); i++) {
      html.append(i == 0 ? "" : ", ").append("<code>").append(escape(files.get(i))).append("</code>");
    }
    if (files.size() > 20) {
      html.append(" and ").append(files.size() - 20).append(" more");
    }
    html.append("</p>\n");
  }

  // ---- charts ---------------------------------------------------------------------------------------

  /** Stacked bars per day (per hour of the day when there is one day) of the outcomes, received as a line. */
  private static void traffic(ReportDocument d, StringBuilder html) {
    Optional<Section> daily = d.section(ReportKeys.SECTION_TRAFFIC_DAILY);
    Optional<Section> section = daily.isPresent() && daily.get().rows().size() > 1 ? daily
        : d.section(ReportKeys.SECTION_TRAFFIC_HOURLY);
    if (section.isEmpty() || section.get().rows().isEmpty()) {
      return;
    }
    Section s = section.get();
    List<String> stacked = List.of(ReportKeys.DELIVERED, ReportKeys.DEFERRALS, ReportKeys.BOUNCED, ReportKeys.EXPIRED,
        ReportKeys.REJECTED, ReportKeys.DISCARDED);
    int n = s.rows().size();
    long max = 1;
    for (List<Object> row : s.rows()) {
      long sum = 0;
      for (String k : stacked) {
        sum += s.count(row, k);
      }
      max = Math.max(max, Math.max(sum, s.count(row, ReportKeys.RECEIVED)));
    }
    int left = 50;
    int plotW = CHART_WIDTH - left - 10;
    int plotH = 200;
    double step = (double) plotW / n;
    double barW = Math.max(1, step * 0.8);
    html.append("<figure id=\"chart-traffic\"><figcaption>Traffic over time by outcome (")
        .append(escape(s.title().toLowerCase(Locale.ROOT))).append(")</figcaption>\n");
    List<String> keys = new ArrayList<>(stacked);
    keys.add(ReportKeys.RECEIVED);
    legend(html, keys, "received messages: line; deferrals are attempts, the rest recipients");
    svgOpen(html, CHART_WIDTH, plotH + 40, "Traffic over time by outcome");
    axis(html, left, plotH, max);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < n; i++) {
      List<Object> row = s.rows().get(i);
      String label = s.text(row, s.columns().get(0).name());
      double x = left + i * step + (step - barW) / 2;
      double y = plotH + 10;
      for (String k : stacked) {
        long v = s.count(row, k);
        double h = v * (double) plotH / max;
        if (v > 0) {
          y -= h;
          rect(html, x, y, barW, h, COLOURS.get(k), label + " " + k + ": " + v);
        }
      }
      double cx = left + i * step + step / 2;
      double cy = plotH + 10 - s.count(row, ReportKeys.RECEIVED) * (double) plotH / max;
      line.append(line.length() == 0 ? "" : " ").append(fmt(cx)).append(',').append(fmt(cy));
      if (n <= 31 || i % Math.max(1, n / 12) == 0) {
        html.append("<text x=\"").append(fmt(cx)).append("\" y=\"").append(plotH + 25)
            .append("\" text-anchor=\"middle\">").append(escape(shortLabel(label))).append("</text>");
      }
    }
    html.append("<polyline fill=\"none\" stroke=\"").append(COLOURS.get(ReportKeys.RECEIVED))
        .append("\" stroke-width=\"2\" points=\"").append(line).append("\"/>");
    html.append("</svg></figure>\n");
  }

  /** One bar per reply code (all meanings and sources added), coloured by class. */
  private static void replies(ReportDocument d, StringBuilder html) {
    Optional<Section> section = d.section(ReportKeys.SECTION_REPLY_CODES);
    if (section.isEmpty() || section.get().rows().isEmpty()) {
      return;
    }
    Section s = section.get();
    Map<String, Long> byCode = new java.util.TreeMap<>();
    for (List<Object> row : s.rows()) {
      byCode.merge(s.text(row, ReportKeys.CODE), s.count(row, ReportKeys.IN_LOGS) + s.count(row, ReportKeys.IN_TRANSCRIPTS),
          Long::sum);
    }
    List<Bar> bars = new ArrayList<>();
    byCode.forEach((code, count) -> bars.add(new Bar(code, List.of(new Part(classColour(code), count,
        code + ": " + count + " replies")))));
    html.append("<figure id=\"chart-replies\"><figcaption>Replies by class and code (logs and transcripts)")
        .append("</figcaption>\n<div class=\"legend\">");
    String[] names = {"", "", "2xx positive completion", "3xx positive intermediate", "4xx transient negative",
        "5xx permanent negative"};
    for (int c = 2; c <= 5; c++) {
      html.append("<span><i style=\"background:").append(CLASS_COLOURS[c]).append("\"></i>").append(names[c])
          .append("</span>");
    }
    html.append("</div>\n");
    horizontalBars(html, bars, "Replies by class and code");
    html.append("</figure>\n");
  }

  /** The top domains of the relay section, each a stacked bar of its recipients by outcome. */
  private static void domains(ReportDocument d, StringBuilder html) {
    Optional<Section> section = d.section(ReportKeys.SECTION_RELAY);
    if (section.isEmpty()) {
      return;
    }
    Section s = section.get();
    List<String> outcomes = List.of(ReportKeys.DELIVERED, ReportKeys.DEFERRED, ReportKeys.BOUNCED, ReportKeys.EXPIRED,
        ReportKeys.REJECTED, ReportKeys.DISCARDED);
    List<Bar> bars = new ArrayList<>();
    for (List<Object> row : s.rows()) {
      String domain = s.text(row, ReportKeys.DOMAIN);
      if (bars.size() == 10) {
        break; // the rows of a million domains are read from disk: stop at the ten drawn
      }
      if (domain.equals(ReportKeys.TOTALS_DOMAIN)) {
        continue;
      }
      List<Part> parts = new ArrayList<>();
      for (String k : outcomes) {
        long v = s.count(row, k);
        parts.add(new Part(COLOURS.get(k), v, domain + " " + k + ": " + v));
      }
      bars.add(new Bar(domain, parts));
    }
    if (bars.isEmpty()) {
      return;
    }
    html.append("<figure id=\"chart-domains\"><figcaption>Top domains by outcome (recipients)</figcaption>\n");
    legend(html, outcomes, null);
    horizontalBars(html, bars, "Top domains by outcome");
    html.append("</figure>\n");
  }

  /** Delivered recipients per delay bucket. */
  private static void delays(ReportDocument d, StringBuilder html) {
    Optional<Section> section = d.section(ReportKeys.SECTION_DELAY_HISTOGRAM);
    if (section.isEmpty()) {
      return;
    }
    Section s = section.get();
    List<Bar> bars = new ArrayList<>();
    for (List<Object> row : s.rows()) {
      long v = s.count(row, ReportKeys.DELIVERED);
      String label = s.text(row, s.columns().get(0).name());
      bars.add(new Bar(label, List.of(new Part(COLOURS.get(ReportKeys.DELIVERED), v, label + ": " + v))));
    }
    html.append("<figure id=\"chart-delays\"><figcaption>Delay distribution (delivered recipients)</figcaption>\n");
    horizontalBars(html, bars, "Delay distribution");
    html.append("</figure>\n");
  }

  private record Part(String colour, long value, String tooltip) {}

  private record Bar(String label, List<Part> parts) {
    long total() {
      return parts.stream().mapToLong(Part::value).sum();
    }
  }

  private static void horizontalBars(StringBuilder html, List<Bar> bars, String title) {
    int left = 200;
    int plotW = CHART_WIDTH - left - 70;
    long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(1));
    int height = bars.size() * (BAR_HEIGHT + 4) + 10;
    svgOpen(html, CHART_WIDTH, height, title);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = 5 + i * (BAR_HEIGHT + 4);
      html.append("<text x=\"").append(left - 6).append("\" y=\"").append(fmt(y + BAR_HEIGHT - 5))
          .append("\" text-anchor=\"end\">").append(escape(shorten(bar.label(), 32))).append("</text>");
      double x = left;
      for (Part p : bar.parts()) {
        double w = p.value() * (double) plotW / max;
        if (p.value() > 0) {
          rect(html, x, y, Math.max(w, 1), BAR_HEIGHT, p.colour(), p.tooltip());
          x += w;
        }
      }
      html.append("<text x=\"").append(fmt(x + 4)).append("\" y=\"").append(fmt(y + BAR_HEIGHT - 5)).append("\">")
          .append(bar.total()).append("</text>");
    }
    html.append("</svg>\n");
  }

  private static void svgOpen(StringBuilder html, int width, int height, String title) {
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\"><title>")
        .append(escape(title)).append("</title>");
  }

  private static void axis(StringBuilder html, int left, int plotH, long max) {
    html.append("<line x1=\"").append(left).append("\" y1=\"10\" x2=\"").append(left).append("\" y2=\"")
        .append(plotH + 10).append("\" stroke=\"#888\"/>");
    for (int i = 0; i <= 4; i++) {
      long v = Math.round(max * i / 4.0);
      double y = plotH + 10 - plotH * i / 4.0;
      html.append("<text x=\"").append(left - 4).append("\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"end\">")
          .append(v).append("</text><line x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
          .append(CHART_WIDTH - 10).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#eee\"/>");
    }
  }

  private static void rect(StringBuilder html, double x, double y, double w, double h, String colour, String tip) {
    html.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(w))
        .append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(colour).append("\"><title>")
        .append(escape(tip)).append("</title></rect>");
  }

  private static void legend(StringBuilder html, List<String> keys, String note) {
    html.append("<div class=\"legend\">");
    for (String k : keys) {
      html.append("<span><i style=\"background:").append(COLOURS.get(k)).append("\"></i>").append(escape(k))
          .append("</span>");
    }
    if (note != null) {
      html.append("<span>(").append(escape(note)).append(")</span>");
    }
    html.append("</div>\n");
  }

  // ---- tables -------------------------------------------------------------------------------------

  /**
   * Rows of a section a page shows: the first ones, a row saying how many more there are, and the
   * last (the relay report's totals); a page of a million domains would be too large to hold, or to
   * open.
   */
  static final int MAX_TABLE_ROWS = 10_000;

  private static void table(Section s, StringBuilder html) {
    html.append("<h2 id=\"").append(escape(s.name())).append("\">").append(escape(s.title())).append("</h2>\n");
    if (s.rows().isEmpty()) {
      html.append("<p>(none)</p>\n");
      return;
    }
    html.append("<table class=\"section\" data-section=\"").append(escape(s.name())).append("\"><thead><tr>");
    for (Column c : s.columns()) {
      html.append("<th>").append(escape(c.name())).append("</th>");
    }
    html.append("</tr></thead><tbody>\n");
    int n = s.rows().size();
    int k = 0;
    for (List<Object> row : s.rows()) {
      k++;
      if (k > MAX_TABLE_ROWS && k < n) {
        continue;
      }
      if (k == n && n > MAX_TABLE_ROWS + 1) {
        html.append("<tr><td colspan=\"").append(s.columns().size()).append("\">(")
            .append(String.format(Locale.ROOT, "%,d", n - MAX_TABLE_ROWS - 1))
            .append(" more rows; --format csv or json lists them all)</td></tr>\n");
      }
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        Column c = s.columns().get(i);
        html.append(c.type().isNumeric() ? "<td class=\"n\">" : "<td>").append(escape(Cells.text(c, row.get(i))))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
    for (String note : s.notes()) {
      html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
    }
  }

  // ---- text ---------------------------------------------------------------------------------------

  /**
   * Control characters replaced, the text cut at {@link Cells#MAX_SHOWN_CHARS}, then the five
   * HTML-special characters escaped (text and attributes).
   */
  static String escape(String text) {
    String safe = Cells.capped(SafeText.stripControls(text));
    StringBuilder out = new StringBuilder(safe.length() + 16);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String classColour(String code) {
    int digit = code.isEmpty() ? 0 : code.charAt(0) - '0';
    return digit >= 2 && digit <= 5 ? CLASS_COLOURS[digit] : CLASS_COLOURS[0];
  }

  private static String shortLabel(String label) {
    return label.length() == 10 && label.charAt(4) == '-' ? label.substring(5) : label; // 2024-06-01 -> 06-01
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
