package io.smtplog.core.summary;

import io.smtplog.core.report.DelaySketch;
import io.smtplog.core.report.ReportKeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the sections of the summary report from a {@link SummaryCollector}. */
final class SummarySections {
  private SummarySections() {}

  static ReportSection totals(SummaryCollector c) {
    List<List<String>> rows = new ArrayList<>();
    long refusedTotal = c.delivered + c.rejected + c.discarded;
    row(rows, "received", c.received, "messages that entered the queue (SMTP or local submission), content-filter"
        + " re-injections not counted again");
    row(rows, "reinjected", c.reinjected, "messages re-injected by a content filter (the same mail again)");
    row(rows, "recipients", c.recipients, "delivered + deferred + bounced + expired + rejected");
    row(rows, "delivered", c.delivered, "recipients whose last attempt succeeded (forwarded ones included)");
    row(rows, "forwarded", c.forwarded, "of those, sent on by a local alias or .forward as a new message"
        + " (Postfix 'forwarded as')");
    row(rows, "filter_deliveries", c.filterDeliveries, "hand-overs to a content filter that re-injected the mail"
        + " (not deliveries)");
    row(rows, "deferred", c.deferredRecipients, "recipients still deferred at the end of the input");
    row(rows, "deferrals", c.deferrals, "deferred delivery attempts");
    row(rows, "deferred_messages", c.deferredMessages, "messages with at least one deferred attempt (pflogsumm's"
        + " deferred, eximstats' delayed)");
    row(rows, "bounced", c.bounced, "recipients that failed permanently");
    row(rows, "expired", c.expired, "recipients deferred until the queue gave up");
    row(rows, "failed_messages", c.failedMessages, "messages with at least one recipient bounced or expired"
        + " (eximstats' failed)");
    row(rows, "rejected", c.rejected, "recipients refused at SMTP time");
    rows.add(List.of("rejected_percent", percent(c.rejected, refusedTotal), "rejected of delivered + rejected + discarded"));
    row(rows, "reject_warnings", c.rejectWarnings, "reject_warning actions (would have been rejected)");
    row(rows, "warned", c.warned, "WARN actions of access tables and checks");
    row(rows, "held", c.held, "hold actions");
    row(rows, "discarded", c.discarded, "discard actions");
    row(rows, "bytes_received", c.receivedBytes, "sizes of the messages received");
    row(rows, "bytes_delivered", c.deliveredBytes, "message size of each delivered recipient");
    row(rows, "senders", c.distinctSenders.count(), "distinct senders of the messages received");
    row(rows, "sending_domains", c.sendingDomains.count(), "distinct sender domains (the client host when there is none)");
    row(rows, "recipient_addresses", c.recipientAddresses.count(), "distinct delivered recipient addresses");
    row(rows, "recipient_domains", c.recipientDomains.count(), "distinct domains of delivered recipients");
    row(rows, "relayed_through", c.relayedThrough, "delivered from a remote host to a remote host, address unchanged"
        + " (eximstats' relayed)");
    row(rows, "warnings", c.warnings, "warning lines");
    row(rows, "errors", c.errors, "error lines");
    row(rows, "fatal", c.fatals, "fatal lines");
    row(rows, "panic", c.panics, "panic lines (and Exim's paniclog)");
    return new ReportSection(ReportKeys.SECTION_TOTALS, "Grand totals", List.of("metric", "value", "meaning"), rows);
  }

  private static void row(List<List<String>> rows, String name, long value, String meaning) {
    rows.add(List.of(name, Long.toString(value), meaning));
  }

  static String percent(long part, long whole) {
    if (whole == 0) {
      return "0";
    }
    return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  static ReportSection traffic(String name, String title, String key, Map<LocalDate, long[]> days) {
    List<List<String>> rows = new ArrayList<>();
    days.forEach((day, counts) -> rows.add(counts(day.toString(), counts)));
    return new ReportSection(name, title, columns(key), rows);
  }

  static ReportSection hourly(SummaryCollector c) {
    List<List<String>> rows = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      rows.add(counts(String.format(Locale.ROOT, "%02d", h), c.hourly[h]));
    }
    return new ReportSection(ReportKeys.SECTION_TRAFFIC_HOURLY, "Traffic per hour of the day", columns("hour"), rows);
  }

  private static List<String> columns(String key) {
    List<String> cols = new ArrayList<>();
    cols.add(key);
    cols.addAll(ReportKeys.TRAFFIC_OUTCOMES);
    return cols;
  }

  private static List<String> counts(String key, long[] counts) {
    List<String> row = new ArrayList<>();
    row.add(key);
    for (long count : counts) {
      row.add(Long.toString(count));
    }
    return row;
  }

  static ReportSection domainsDelivered(SummaryCollector c, int top) {
    List<Map.Entry<String, SummaryCollector.DomainTraffic>> entries = new ArrayList<>(c.deliveredByDomain.entrySet());
    entries.sort((a, b) -> a.getValue().delivered != b.getValue().delivered
        ? Long.compare(b.getValue().delivered, a.getValue().delivered) : a.getKey().compareTo(b.getKey()));
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, SummaryCollector.DomainTraffic> e : entries) {
      if (top > 0 && rows.size() >= top) {
        break;
      }
      SummaryCollector.DomainTraffic t = e.getValue();
      rows.add(List.of(e.getKey(), Long.toString(t.delivered), Long.toString(t.bytes), Long.toString(t.deferrals),
          seconds(t.delays.count() == 0 ? Double.NaN : t.delaySum / t.delays.count()),
          seconds(t.delays.count() == 0 ? Double.NaN : t.delayMax)));
    }
    return new ReportSection(ReportKeys.SECTION_DOMAINS_DELIVERED, "Deliveries per recipient domain",
        List.of("domain", "delivered", "bytes", "deferrals", "delay_avg_s", "delay_max_s"), rows);
  }

  /** A ranked list of messages and bytes per value, by {@link TopList#COUNT} or {@link TopList#SUM}. */
  static ReportSection top(String name, String title, String key, TopList list, int by, int top) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : list.top(top, by)) {
      rows.add(List.of(e.getKey(), Long.toString(list.get(e.getKey(), TopList.COUNT)),
          Long.toString(list.get(e.getKey(), TopList.SUM))));
    }
    return new ReportSection(name, title, List.of(key, "messages", "bytes"), rows);
  }

  static ReportSection reasons(String name, String title, TopList reasons, int top) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : reasons.top(top)) {
      int split = e.getKey().indexOf('\u0000');
      rows.add(List.of(e.getKey().substring(0, split), e.getKey().substring(split + 1), Long.toString(e.getValue())));
    }
    return new ReportSection(name, title, List.of("enhanced", "reason", "count"), rows);
  }

  static ReportSection diagnostics(SummaryCollector c, int top) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : c.diagnostics.top(top)) {
      int split = e.getKey().indexOf('\u0000');
      rows.add(List.of(e.getKey().substring(0, split), e.getKey().substring(split + 1), Long.toString(e.getValue())));
    }
    return new ReportSection(ReportKeys.SECTION_DIAGNOSTICS, "Warnings, errors, fatal and panic lines",
        List.of("severity", "text", "count"), rows);
  }

  static ReportSection connections(SummaryCollector c) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("sessions", Long.toString(c.sessions)));
    rows.add(List.of("sessions_with_mail", Long.toString(c.sessionsWithMail)));
    rows.add(List.of("refusals", Long.toString(c.sessionRefusals)));
    rows.add(List.of("total_seconds", Long.toString(c.sessionSeconds)));
    rows.add(List.of("average_seconds", c.sessions == 0 ? "0" : seconds((double) c.sessionSeconds / c.sessions)));
    rows.add(List.of("max_seconds", Long.toString(c.sessionMaxSeconds)));
    return new ReportSection(ReportKeys.SECTION_CONNECTIONS, "SMTP server connections", List.of("metric", "value"), rows);
  }

  /** pflogsumm's "Per-Domain SMTPD Connection Summary": connections and their time per client domain. */
  static ReportSection connectionsByClient(SummaryCollector c, int top) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : c.sessionsByClient.top(top)) {
      long connections = e.getValue();
      long total = c.sessionsByClient.get(e.getKey(), TopList.SUM);
      rows.add(List.of(e.getKey(), Long.toString(connections), Long.toString(total),
          seconds((double) total / Math.max(1, connections)), Long.toString(c.sessionsByClient.get(e.getKey(), TopList.MAX))));
    }
    return new ReportSection(ReportKeys.SECTION_CONNECTIONS_BY_CLIENT, "SMTP server connections per client domain",
        List.of("client_domain", "connections", "total_seconds", "average_seconds", "max_seconds"), rows);
  }

  static ReportSection tls(SummaryCollector c) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("server_sessions", Long.toString(c.sessions)));
    rows.add(List.of("tls_inbound_connections", Long.toString(c.tlsInbound)));
    rows.add(List.of("tls_inbound_percent", percent(c.tlsInbound, c.sessions)));
    rows.add(List.of("tls_outbound_connections", Long.toString(c.tlsOutbound)));
    rows.add(List.of("tls_reused_connections", Long.toString(c.tlsReused)));
    for (Map.Entry<String, Long> e : c.tlsKinds.top(0)) {
      rows.add(List.of(e.getKey(), Long.toString(e.getValue())));
    }
    rows.add(List.of("messages_received", Long.toString(c.received)));
    rows.add(List.of("messages_received_tls", Long.toString(c.receivedTls)));
    rows.add(List.of("messages_received_tls_percent", percent(c.receivedTls, c.received)));
    rows.add(List.of("transcript_sessions", Long.toString(c.dialogues)));
    rows.add(List.of("transcript_sessions_tls", Long.toString(c.dialoguesTls)));
    return new ReportSection(ReportKeys.SECTION_TLS, "TLS use (Postfix TLS sessions, Exim X=, STARTTLS in transcripts)",
        List.of("metric", "value"), rows);
  }

  static ReportSection relayed(SummaryCollector c, int top) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : c.relayed.top(top)) {
      rows.add(List.of(e.getKey(), Long.toString(e.getValue())));
    }
    return new ReportSection(ReportKeys.SECTION_RELAYED, "Relayed (from a remote host to a remote host, address unchanged)",
        List.of("from_to", "recipients"), rows);
  }

  static ReportSection delays(SummaryCollector c, int top) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(delayRow("all", "total", c.delays));
    String[] parts = {"before_queue_manager", "in_queue_manager", "connection_setup", "transmission"};
    for (int i = 0; i < 4; i++) {
      if (c.postfixDelays[i].count() > 0) {
        rows.add(delayRow("all", parts[i], c.postfixDelays[i]));
      }
    }
    List<Map.Entry<String, SummaryCollector.DomainTraffic>> entries = new ArrayList<>(c.deliveredByDomain.entrySet());
    entries.sort((a, b) -> Long.compare(b.getValue().delivered, a.getValue().delivered));
    int shown = 0;
    for (Map.Entry<String, SummaryCollector.DomainTraffic> e : entries) {
      if (e.getValue().delays.count() == 0 || (top > 0 && shown++ >= top)) {
        continue;
      }
      rows.add(delayRow(e.getKey(), "total", e.getValue().delays));
    }
    return new ReportSection(ReportKeys.SECTION_DELAYS, "Delivery delays in seconds (Postfix delays=a/b/c/d split out)",
        List.of("scope", "part", "count", "p50_s", "p90_s", "p95_s", "p99_s", "max_s"), rows);
  }

  static ReportSection delayHistogram(SummaryCollector c) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < c.delayHistogram.length; i++) {
      rows.add(List.of(SummaryCollector.DELAY_BUCKET_NAMES[i], Long.toString(c.delayHistogram[i])));
    }
    return new ReportSection(ReportKeys.SECTION_DELAY_HISTOGRAM, "Delivered recipients by delay",
        List.of("delay", ReportKeys.DELIVERED), rows);
  }

  private static List<String> delayRow(String scope, String part, DelaySketch d) {
    return List.of(scope, part, Long.toString(d.count()), seconds(d.percentile(50)), seconds(d.percentile(90)),
        seconds(d.percentile(95)), seconds(d.percentile(99)), seconds(d.count() == 0 ? Double.NaN : d.max()));
  }

  static String seconds(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }
}
