package io.smtplog.core.summary;

import io.smtplog.core.report.ReportKeys;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a report in the Prometheus text exposition format for node_exporter's textfile collector
 * (write to a temporary file and rename it into the collector's directory). The figures cover the
 * report's input, so they are gauges. Low cardinality by default: totals by outcome, replies by
 * class and code; per-domain series only when asked ({@code perDomain}). Label values are escaped
 * as the format says (backslash, double quote, line feed) after control characters are replaced.
 */
public final class PrometheusWriter {
  static final String PREFIX = "smtplog_";

  private PrometheusWriter() {}

  public static void write(SummaryDocument document, Writer out, boolean perDomain) throws IOException {
    StringBuilder text = new StringBuilder(4096);
    gauge(text, "input_lines", "Lines read for the report.", Map.of(), document.input().lines());
    gauge(text, "input_problems", "Lines that could not be used.", Map.of(), document.input().problems());
    document.section(ReportKeys.SECTION_TOTALS).ifPresent(s -> totals(s, text));
    Optional<ReportSection> relay = document.section(ReportKeys.SECTION_RELAY);
    relay.ifPresent(s -> recipients(s, text, perDomain));
    document.section(ReportKeys.SECTION_REPLY_CODES).ifPresent(s -> replies(s, text));
    document.section(ReportKeys.SECTION_DELAYS).ifPresent(s -> delays(s, text));
    out.write(text.toString());
    out.flush();
  }

  private static void totals(ReportSection s, StringBuilder text) {
    header(text, "messages", "Messages in the report's input, by what happened to them.");
    for (String metric : List.of("received", "reinjected", "held", "discarded", "reject_warnings")) {
      s.rows().stream().filter(r -> r.get(0).equals(metric)).findFirst()
          .ifPresent(r -> sample(text, "messages", Map.of("event", metric), r.get(1)));
    }
    header(text, "bytes", "Bytes received and delivered.");
    for (String metric : List.of("bytes_received", "bytes_delivered")) {
      s.rows().stream().filter(r -> r.get(0).equals(metric)).findFirst()
          .ifPresent(r -> sample(text, "bytes", Map.of("direction", metric.substring(6)), r.get(1)));
    }
    header(text, "log_lines", "Diagnostic lines by severity.");
    for (String metric : List.of("warnings", "errors", "fatal", "panic")) {
      s.rows().stream().filter(r -> r.get(0).equals(metric)).findFirst()
          .ifPresent(r -> sample(text, "log_lines", Map.of("severity", metric), r.get(1)));
    }
  }

  private static final List<String> OUTCOMES = List.of(ReportKeys.DELIVERED, ReportKeys.ACCEPTED_250,
      ReportKeys.FORWARDED_251, ReportKeys.DEFERRED, ReportKeys.BOUNCED, ReportKeys.EXPIRED, ReportKeys.REJECTED);

  private static void recipients(ReportSection s, StringBuilder text, boolean perDomain) {
    header(text, "recipients", "Recipients by outcome (accepted_250 and forwarded_251 are parts of delivered).");
    for (List<String> row : s.rows()) {
      if (s.cell(row, ReportKeys.DOMAIN).equals(ReportKeys.TOTALS_DOMAIN)) {
        for (String outcome : OUTCOMES) {
          sample(text, "recipients", Map.of("outcome", outcome), s.cell(row, outcome));
        }
      }
    }
    if (!perDomain) {
      return;
    }
    header(text, "domain_recipients", "Recipients per recipient domain by outcome.");
    for (List<String> row : s.rows()) {
      String domain = s.cell(row, ReportKeys.DOMAIN);
      if (!domain.equals(ReportKeys.TOTALS_DOMAIN)) {
        for (String outcome : OUTCOMES) {
          sample(text, "domain_recipients", Map.of("domain", domain, "outcome", outcome), s.cell(row, outcome));
        }
      }
    }
  }

  private static void replies(ReportSection s, StringBuilder text) {
    Map<String, long[]> byCode = new TreeMap<>();
    for (List<String> row : s.rows()) {
      long[] counts = byCode.computeIfAbsent(s.cell(row, ReportKeys.CODE), c -> new long[2]);
      counts[0] += Long.parseLong(s.cell(row, ReportKeys.IN_LOGS));
      counts[1] += Long.parseLong(s.cell(row, ReportKeys.IN_TRANSCRIPTS));
    }
    header(text, "replies", "SMTP replies by class and code, from log records and from transcripts.");
    byCode.forEach((code, counts) -> {
      String klass = code.substring(0, 1) + "xx";
      sample(text, "replies", Map.of("class", klass, "code", code, "source", "logs"), Long.toString(counts[0]));
      sample(text, "replies", Map.of("class", klass, "code", code, "source", "transcripts"), Long.toString(counts[1]));
    });
  }

  private static void delays(ReportSection s, StringBuilder text) {
    header(text, "delay_seconds", "Delivery delay quantiles over all delivered recipients.");
    for (List<String> row : s.rows()) {
      if (row.get(0).equals("all") && row.get(1).equals("total")) {
        for (String q : List.of("p50_s", "p90_s", "p95_s", "p99_s")) {
          String value = s.cell(row, q);
          if (!value.isEmpty()) {
            String quantile = "0." + q.substring(1, 3);
            sample(text, "delay_seconds", Map.of("quantile", quantile), value);
          }
        }
      }
    }
  }

  private static void gauge(StringBuilder text, String name, String help, Map<String, String> labels, long value) {
    header(text, name, help);
    sample(text, name, labels, Long.toString(value));
  }

  private static void header(StringBuilder text, String name, String help) {
    text.append("# HELP ").append(PREFIX).append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(PREFIX).append(name).append(" gauge\n");
  }

  private static void sample(StringBuilder text, String name, Map<String, String> labels, String value) {
    text.append(PREFIX).append(name);
    if (!labels.isEmpty()) {
      text.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
        text.append(first ? "" : ",").append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
        first = false;
      }
      text.append('}');
    }
    text.append(' ').append(value.isEmpty() ? "0" : value).append('\n');
  }

  /** A label value as the text format wants it: \ as \\, " as \", line feed as \n (after controls are replaced). */
  static String escape(String value) {
    String safe = io.smtplog.core.report.SafeText.stripControls(value);
    return safe.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
