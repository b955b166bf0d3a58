package io.smtplog.core.report.format;

import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Section;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a report in the Prometheus text exposition format for node_exporter's textfile collector
 * (write to a temporary file and rename it into the collector's directory). The figures cover the
 * report's input, so they are gauges. Every family's members are disjoint, so that {@code sum()}
 * over a family is meaningful: recipients by outcome add up to the recipients, delivered recipients
 * by RCPT reply and by route each add up to the delivered ones; where one reply can be seen in two
 * sources, the HELP says so. Low cardinality by default; per-domain series only when asked ({@code
 * perDomain}). Label values are escaped as the exposition format defines (backslash, double quote
 * and line feed; any other UTF-8 stands as it is), never replaced, so two distinct values stay two
 * series: node_exporter rejects a whole file that repeats a series. Should two rows still show the
 * same labels, their figures are added into one series (the family's sum stays right).
 */
public final class PrometheusFormat {
  /** The prefix of every metric name smtplog writes. */
  public static final String PREFIX = "smtplog_";

  private PrometheusFormat() {}

  /** The recipient outcomes as label values, disjoint: their sum is the recipients. */
  public static final List<String> OUTCOMES = List.of(ReportKeys.DELIVERED, ReportKeys.DEFERRED, ReportKeys.BOUNCED,
      ReportKeys.EXPIRED, ReportKeys.REJECTED, ReportKeys.DISCARDED);
  /**
   * The relay report's columns of the 250/251 split and their {@code rcpt_reply} label values, in
   * order; disjoint: their sum is the delivered recipients. Unmodifiable.
   */
  public static final Map<String, String> RCPT_REPLY = rcptReplyLabels();

  private static Map<String, String> rcptReplyLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ReportKeys.ACCEPTED_250, "250");
    labels.put(ReportKeys.FORWARDED_251, "251");
    labels.put(ReportKeys.ACCEPTED_252, "252");
    labels.put(ReportKeys.RCPT_REPLY_UNSEEN, "unseen");
    return java.util.Collections.unmodifiableMap(labels);
  }

  public static void write(ReportDocument document, Writer out, boolean perDomain) throws IOException {
    Exposition text = new Exposition();
    gauge(text, "input_lines", "Lines read for the report.", document.input().lines());
    gauge(text, "input_problems", "Lines that could not be used.", document.input().problems());
    document.section(ReportKeys.SECTION_TOTALS).ifPresent(s -> totals(s, text));
    document.section(ReportKeys.SECTION_RELAY).ifPresent(s -> recipients(s, text, perDomain));
    document.section(ReportKeys.SECTION_REPLY_CODES).ifPresent(s -> replies(s, text));
    document.section(ReportKeys.SECTION_DELAYS).ifPresent(s -> delays(s, text));
    out.write(text.toString());
    out.flush();
  }

  /**
   * The families in order, each with its HELP and TYPE once and its series after them, one per label
   * set (Prometheus text format: "Only one HELP line may exist for any given metric name"; all lines
   * of a metric grouped together; a sample repeated is an error to node_exporter's parser).
   */
  private static final class Exposition {
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, Map<String, BigDecimal>> series = new LinkedHashMap<>();

    void family(String name, String helpText) {
      help.putIfAbsent(name, helpText);
      series.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    void add(String name, String labels, BigDecimal value) {
      series.computeIfAbsent(name, n -> new LinkedHashMap<>()).merge(labels, value, BigDecimal::add);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(4096);
      series.forEach((name, samples) -> {
        text.append("# HELP ").append(PREFIX).append(name).append(' ').append(escapeHelp(help.getOrDefault(name, "")))
            .append('\n');
        text.append("# TYPE ").append(PREFIX).append(name).append(" gauge\n");
        samples.forEach((labels, value) -> text.append(PREFIX).append(name).append(labels).append(' ')
            .append(value.toPlainString()).append('\n'));
      });
      return text.toString();
    }
  }

  private static void totals(Section s, Exposition text) {
    header(text, "messages", "Messages in the report's input: received from outside, and copies of them re-queued"
        + " by content filters and hops (disjoint).");
    metric(s, "received").ifPresent(v -> sample(text, "messages", Map.of("kind", "received"), v));
    metric(s, "copies").ifPresent(v -> sample(text, "messages", Map.of("kind", "copy"), v));
    header(text, "access_actions", "Access actions logged other than refusals, by action (disjoint).");
    for (String action : List.of("reject_warnings", "warned", "held", "discard_actions")) {
      metric(s, action).ifPresent(v -> sample(text, "access_actions", Map.of("action", action), v));
    }
    header(text, "deferrals", "Deferred delivery attempts.");
    metric(s, ReportKeys.DEFERRALS).ifPresent(v -> sample(text, "deferrals", Map.of(), v));
    header(text, "received_bytes", "Bytes of the messages received.");
    metric(s, ReportKeys.BYTES_RECEIVED).ifPresent(v -> sample(text, "received_bytes", Map.of(), v));
    header(text, "delivered_bytes", "Message bytes of each delivered recipient.");
    metric(s, ReportKeys.BYTES_DELIVERED).ifPresent(v -> sample(text, "delivered_bytes", Map.of(), v));
    header(text, "log_lines", "Diagnostic lines by severity (disjoint).");
    for (String severity : List.of("warnings", "errors", "fatal", "panic")) {
      metric(s, severity).ifPresent(v -> sample(text, "log_lines", Map.of("severity", severity), v));
    }
  }

  private static Optional<String> metric(Section s, String name) {
    for (List<Object> row : s.rows()) {
      if (name.equals(row.get(0))) {
        return s.cell(row, "value").map(v -> ((BigDecimal) v).toPlainString());
      }
    }
    return Optional.empty();
  }

  private static void recipients(Section s, Exposition text, boolean perDomain) {
    List<Object> totals = s.rows().get(s.rows().size() - 1);
    header(text, "recipients", "Recipients by final outcome (disjoint: they add up to all recipients).");
    for (String outcome : OUTCOMES) {
      sample(text, "recipients", Map.of("outcome", outcome), Long.toString(s.count(totals, outcome)));
    }
    header(text, "delivered_recipients_by_rcpt_reply", "Delivered recipients by the reply to RCPT TO: 250, 251"
        + " (forwarded), 252, or unseen when the inputs do not show it (disjoint: they add up to the delivered).");
    RCPT_REPLY.forEach((column, reply) ->
        sample(text, "delivered_recipients_by_rcpt_reply", Map.of("rcpt_reply", reply), Long.toString(s.count(totals,
            column))));
    header(text, "delivered_recipients_by_route", "Delivered recipients by route: relayed to a network peer or"
        + " delivered locally (disjoint: they add up to the delivered).");
    sample(text, "delivered_recipients_by_route", Map.of("route", ReportKeys.RELAYED),
        Long.toString(s.count(totals, ReportKeys.RELAYED)));
    sample(text, "delivered_recipients_by_route", Map.of("route", ReportKeys.LOCAL),
        Long.toString(s.count(totals, ReportKeys.LOCAL)));
    if (!perDomain) {
      return;
    }
    header(text, "domain_recipients", "Recipients per domain the mail was addressed to, by final outcome (disjoint).");
    for (List<Object> row : s.rows()) {
      String domain = s.text(row, ReportKeys.DOMAIN);
      if (!domain.equals(ReportKeys.TOTALS_DOMAIN)) {
        for (String outcome : OUTCOMES) {
          sample(text, "domain_recipients", Map.of("domain", domain, "outcome", outcome),
              Long.toString(s.count(row, outcome)));
        }
      }
    }
    header(text, "domain_delivered_recipients_by_rcpt_reply", "Delivered recipients per domain by the reply to RCPT"
        + " TO (disjoint: they add up to the domain's delivered).");
    for (List<Object> row : s.rows()) {
      String domain = s.text(row, ReportKeys.DOMAIN);
      if (!domain.equals(ReportKeys.TOTALS_DOMAIN)) {
        RCPT_REPLY.forEach((column, reply) -> sample(text, "domain_delivered_recipients_by_rcpt_reply",
            Map.of("domain", domain, "rcpt_reply", reply), Long.toString(s.count(row, column))));
      }
    }
  }

  private static void replies(Section s, Exposition text) {
    Map<String, long[]> byCode = new TreeMap<>();
    for (List<Object> row : s.rows()) {
      long[] counts = byCode.computeIfAbsent(s.text(row, ReportKeys.CODE), c -> new long[2]);
      counts[0] += s.count(row, ReportKeys.IN_LOGS);
      counts[1] += s.count(row, ReportKeys.IN_TRANSCRIPTS);
    }
    header(text, "replies", "SMTP replies by class and code, from log records and from transcripts (one reply may be"
        + " seen in both sources: sum within one source).");
    byCode.forEach((code, counts) -> {
      String klass = code.substring(0, 1) + "xx";
      sample(text, "replies", Map.of("class", klass, "code", code, "source", "logs"), Long.toString(counts[0]));
      sample(text, "replies", Map.of("class", klass, "code", code, "source", "transcripts"), Long.toString(counts[1]));
    });
  }

  private static void delays(Section s, Exposition text) {
    header(text, "delay_seconds", "Delivery delay quantiles over all delivered recipients (quantiles: do not sum).");
    for (List<Object> row : s.rows()) {
      if (row.get(0).equals("all") && row.get(1).equals("total")) {
        for (String q : List.of("p50_s", "p90_s", "p95_s", "p99_s")) {
          s.cell(row, q).ifPresent(value -> sample(text, "delay_seconds", Map.of("quantile", "0." + q.substring(1, 3)),
              ((BigDecimal) value).toPlainString()));
        }
      }
    }
  }

  private static void gauge(Exposition text, String name, String help, long value) {
    header(text, name, help);
    sample(text, name, Map.of(), Long.toString(value));
  }

  private static void header(Exposition text, String name, String help) {
    text.family(name, help);
  }

  private static void sample(Exposition text, String name, Map<String, String> labels, String value) {
    StringBuilder set = new StringBuilder();
    if (!labels.isEmpty()) {
      set.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
        set.append(first ? "" : ",").append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
        first = false;
      }
      set.append('}');
    }
    text.add(name, set.toString(), value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value));
  }

  /**
   * A label value as the text exposition format defines it: backslash as \\, double quote as \",
   * line feed as \n; every other character as it is (the format allows any UTF-8), so that distinct
   * values stay distinct, except control characters: a log can carry escape sequences that would
   * act on the terminal this is printed on, so they become U+FFFD (two values that then look alike
   * are one series, their figures added).
   */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(Character.isISOControl(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** A HELP text as the format defines it: backslash as \\, line feed as \n. */
  public static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
