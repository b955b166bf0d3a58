package io.smtplog.core.report;

import static io.smtplog.core.report.ColumnType.BYTES;
import static io.smtplog.core.report.ColumnType.COUNT;
import static io.smtplog.core.report.ColumnType.DECIMAL;
import static io.smtplog.core.report.ColumnType.TEXT;

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

  /**
   * Which traffic columns a narrow table hides first: discarded mail and received messages (a count
   * of messages among counts of recipients) before the outcomes; delivered last.
   */
  /** pflogsumm's own columns (received, delivered, deferred, bounced, rejected) go last, received and delivered last of all. */
  private static final Map<String, Integer> TRAFFIC_HIDE_RANKS = Map.of(ReportKeys.DISCARDED, 7,
      ReportKeys.EXPIRED, 5, ReportKeys.REJECTED, 3, ReportKeys.DEFERRALS, 3,
      ReportKeys.BOUNCED, 2, ReportKeys.DELIVERED, 1, ReportKeys.RECEIVED, 1);

  private static final List<Column> METRIC_VALUE = List.of(Column.key(ReportKeys.METRIC, TEXT),
      Column.value(ReportKeys.VALUE, DECIMAL));

  static Section totals(SummaryCollector c) {
    List<List<Object>> rows = new ArrayList<>();
    row(rows, "received", c.received, "messages that entered the queue (SMTP or local submission); copies made by"
        + " content filters and forwards are not counted again");
    row(rows, "copies", c.copies, "messages re-injected by a content filter or a relay hop (the same mail again)");
    row(rows, "recipients", c.recipients, "delivered + deferred + bounced + expired + rejected + discarded");
    row(rows, "delivered", c.delivered, "recipients whose last copy was delivered (relayed or local)");
    row(rows, "deferred", c.deferred, "recipients still deferred at the end of the input");
    row(rows, "bounced", c.bounced, "recipients that failed permanently");
    row(rows, "expired", c.expired, "recipients deferred until the queue gave up");
    row(rows, "rejected", c.rejected, "recipients refused at SMTP time or with their whole message");
    row(rows, "discarded", c.discarded, "recipients accepted and thrown away on purpose (DISCARD, :blackhole:)");
    rows.add(Section.row("rejected_percent", percent(c.rejected, c.delivered + c.rejected + c.discarded),
        "rejected of delivered + rejected + discarded"));
    row(rows, "forwarded", c.forwarded, "recipients an alias or .forward sent on as a new message (Postfix"
        + " 'forwarded as'), counted once with the fate of the copies");
    row(rows, "hops", c.hops, "hand-overs to a content filter (or a relay hop) that re-queued the mail: not deliveries");
    row(rows, "deferrals", c.deferrals, "deferred delivery attempts (at content filters too)");
    row(rows, "deferred_messages", c.deferredMessages.count(), "messages with at least one deferred attempt"
        + " (pflogsumm's deferred, eximstats' delayed)");
    row(rows, "failed_messages", c.failedMessages.count(), "messages with at least one address bounced or expired"
        + " (eximstats' failed)");
    row(rows, ReportKeys.REJECT_RECORDS, c.rejectRecords, "refusals logged (a client repeating a refused RCPT is one rejected"
        + " recipient and two records)");
    row(rows, "reject_warnings", c.rejectWarnings, "reject_warning actions (would have been rejected)");
    row(rows, "warned", c.warned, "WARN actions of access tables and checks");
    row(rows, "held", c.held, "hold actions");
    row(rows, "discard_actions", c.discardActions, "discard actions logged");
    row(rows, ReportKeys.BYTES_RECEIVED, c.receivedBytes, "sizes of the messages received");
    row(rows, ReportKeys.BYTES_DELIVERED, c.deliveredBytes, "message size of each delivered recipient");
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
    return new Section(ReportKeys.SECTION_TOTALS, "Grand totals", List.of(Column.key(ReportKeys.METRIC, TEXT),
        Column.value(ReportKeys.VALUE, DECIMAL), Column.text(ReportKeys.MEANING_COLUMN, TEXT)), rows);
  }

  private static void row(List<List<Object>> rows, String name, long value, String meaning) {
    rows.add(Section.row(name, BigDecimal.valueOf(value), meaning));
  }

  static BigDecimal percent(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal d = BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  static Section traffic(String name, String title, String key, Map<LocalDate, long[]> days) {
    List<List<Object>> rows = new ArrayList<>();
    days.forEach((day, counts) -> rows.add(counts(day.toString(), counts)));
    return new Section(name, title, trafficColumns(key), rows);
  }

  static Section hourly(SummaryCollector c) {
    List<List<Object>> rows = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      rows.add(counts(String.format(Locale.ROOT, "%02d", h), c.hourly[h]));
    }
    return new Section(ReportKeys.SECTION_TRAFFIC_HOURLY, "Traffic per hour of the day", trafficColumns("hour"), rows,
        List.of("received counts messages; delivered, bounced, expired, rejected and discarded count recipients in"
            + " the hour their fate was decided; deferrals counts deferred attempts in their own hour."));
  }

  private static List<Column> trafficColumns(String key) {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.key(key, TEXT));
    for (String column : ReportKeys.TRAFFIC_COLUMNS) {
      cols.add(Column.of(column, COUNT, TRAFFIC_HIDE_RANKS.get(column)));
    }
    return cols;
  }

  private static List<Object> counts(String key, long[] counts) {
    List<Object> row = new ArrayList<>();
    row.add(key);
    for (long count : counts) {
      row.add(count);
    }
    return row;
  }

  static Section domainsDelivered(SummaryCollector c, int top) {
    List<List<Object>> rows;
    if (c.deliveredByDomain.spilled()) {
      rows = StreamedRows.of(c.rankedDomains(), top, SummarySections::domainRow, null);
    } else {
      rows = new ArrayList<>();
      for (SpillingMap.Entry<SummaryCollector.DomainTraffic> e : c.sortedDomains()) {
        if (top > 0 && rows.size() >= top) {
          break;
        }
        rows.add(domainRow(e));
      }
    }
    return new Section(ReportKeys.SECTION_DOMAINS_DELIVERED, "Deliveries per recipient domain",
        List.of(Column.key(ReportKeys.DOMAIN, TEXT), Column.of(ReportKeys.DELIVERED, COUNT, 1),
            Column.of("bytes", BYTES, 2), Column.of(ReportKeys.DEFERRALS, COUNT, 3), Column.of("delay_avg_s", DECIMAL, 4),
            Column.of("delay_max_s", DECIMAL, 5)), rows);
  }

  private static List<Object> domainRow(SpillingMap.Entry<SummaryCollector.DomainTraffic> e) {
    SummaryCollector.DomainTraffic t = e.state();
    return Section.row(e.key(), t.delivered, t.bytes, t.deferrals,
        t.delayMean(),
        RelayCollector.seconds(t.delays.count() == 0 ? Double.NaN : t.delayMax));
  }

  /** A ranked list of messages and bytes per value, by {@link TopList#COUNT} or {@link TopList#SUM}. */
  static Section top(String name, String title, String key, TopList list, int by, int top) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : list.top(top, by)) {
      rows.add(Section.row(e.getKey(), list.get(e.getKey(), TopList.COUNT), list.get(e.getKey(), TopList.SUM)));
    }
    return new Section(name, title, List.of(Column.key(key, TEXT), Column.of("messages", COUNT, 1),
        Column.of("bytes", BYTES, 2)), rows, approximate(list));
  }

  private static List<String> approximate(TopList list) {
    return list.approximate() ? List.of("More distinct values than the list can hold: counts are lower bounds.")
        : List.of();
  }

  /**
   * A ranked list of reasons; {@code counted} names what its figure counts (deferrals, bounced
   * recipients, reject records), as the same figure is named in the other sections (issue 12).
   */
  static Section reasons(String name, String title, TopList reasons, int top, String counted) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : reasons.top(top)) {
      int split = e.getKey().indexOf('\u0000');
      String enhanced = e.getKey().substring(0, split);
      rows.add(Section.row(enhanced.isEmpty() ? null : enhanced, e.getKey().substring(split + 1), e.getValue()));
    }
    return new Section(name, title, List.of(Column.of(ReportKeys.ENHANCED, TEXT, 2), Column.text("reason", TEXT),
        Column.of(counted, COUNT, 1)), rows, approximate(reasons));
  }

  static Section diagnostics(SummaryCollector c, int top) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : c.diagnostics.top(top)) {
      int split = e.getKey().indexOf('\u0000');
      rows.add(Section.row(e.getKey().substring(0, split), e.getKey().substring(split + 1), e.getValue()));
    }
    return new Section(ReportKeys.SECTION_DIAGNOSTICS, "Warnings, errors, fatal and panic lines",
        List.of(Column.of("severity", TEXT, 2), Column.text(ReportKeys.TEXT, TEXT), Column.of(ReportKeys.LINES, COUNT, 1)),
        rows, approximate(c.diagnostics));
  }

  static Section connections(SummaryCollector c) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(Section.row("sessions", BigDecimal.valueOf(c.sessions)));
    rows.add(Section.row("sessions_with_mail", BigDecimal.valueOf(c.sessionsWithMail)));
    rows.add(Section.row("refusals", BigDecimal.valueOf(c.sessionRefusals)));
    rows.add(Section.row("total_seconds", BigDecimal.valueOf(c.sessionSeconds)));
    rows.add(Section.row("average_seconds", c.sessions == 0 ? BigDecimal.ZERO
        : RelayCollector.seconds((double) c.sessionSeconds / c.sessions)));
    rows.add(Section.row("max_seconds", BigDecimal.valueOf(c.sessionMaxSeconds)));
    return new Section(ReportKeys.SECTION_CONNECTIONS, "SMTP server connections", METRIC_VALUE, rows);
  }

  /** pflogsumm's "Per-Domain SMTPD Connection Summary": connections and their time per client domain. */
  static Section connectionsByClient(SummaryCollector c, int top) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : c.sessionsByClient.top(top)) {
      long connections = e.getValue();
      long total = c.sessionsByClient.get(e.getKey(), TopList.SUM);
      rows.add(Section.row(e.getKey(), connections, total,
          RelayCollector.seconds((double) total / Math.max(1, connections)),
          c.sessionsByClient.get(e.getKey(), TopList.MAX)));
    }
    return new Section(ReportKeys.SECTION_CONNECTIONS_BY_CLIENT, "SMTP server connections per client domain",
        List.of(Column.key("client_domain", TEXT), Column.of("connections", COUNT, 1),
            Column.of("total_seconds", COUNT, 2), Column.of("average_seconds", DECIMAL, 3),
            Column.of("max_seconds", COUNT, 4)), rows, approximate(c.sessionsByClient));
  }

  static Section tls(SummaryCollector c) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(Section.row("server_sessions", BigDecimal.valueOf(c.sessions)));
    rows.add(Section.row("server_sessions_tls", BigDecimal.valueOf(c.sessionsTls)));
    rows.add(Section.row("tls_inbound_connections", BigDecimal.valueOf(c.tlsInbound)));
    rows.add(Section.row("tls_inbound_percent", percent(c.tlsInbound, c.sessions)));
    rows.add(Section.row("tls_outbound_connections", BigDecimal.valueOf(c.tlsOutbound)));
    rows.add(Section.row("tls_reused_connections", BigDecimal.valueOf(c.tlsReused)));
    for (Map.Entry<String, Long> e : c.tlsKinds.top(0)) {
      rows.add(Section.row(e.getKey(), BigDecimal.valueOf(e.getValue())));
    }
    rows.add(Section.row("messages_received", BigDecimal.valueOf(c.received)));
    rows.add(Section.row("messages_received_tls", BigDecimal.valueOf(c.receivedTls)));
    rows.add(Section.row("messages_received_tls_percent", percent(c.receivedTls, c.received)));
    rows.add(Section.row("transcript_sessions", BigDecimal.valueOf(c.dialogues)));
    rows.add(Section.row("transcript_sessions_tls", BigDecimal.valueOf(c.dialoguesTls)));
    return new Section(ReportKeys.SECTION_TLS, "TLS use (Postfix TLS sessions, Exim X=, STARTTLS in transcripts)",
        METRIC_VALUE, rows);
  }

  static Section relayed(SummaryCollector c, int top) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : c.relayed.top(top)) {
      rows.add(Section.row(e.getKey(), e.getValue()));
    }
    return new Section(ReportKeys.SECTION_RELAYED, "Relayed (from a remote host to a remote host, address unchanged)",
        List.of(Column.key("from_to", TEXT), Column.of(ReportKeys.RECIPIENTS, COUNT, 1)), rows, approximate(c.relayed));
  }

  static Section delays(SummaryCollector c, int top) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(delayRow("all", "total", c.delays));
    String[] parts = {"before_queue_manager", "in_queue_manager", "connection_setup", "transmission"};
    for (int i = 0; i < 4; i++) {
      if (c.delayParts[i].count() > 0) {
        rows.add(delayRow("all", parts[i], c.delayParts[i]));
      }
    }
    if (c.deliveredByDomain.spilled()) {
      SpillingMap.Ranked<SummaryCollector.DomainTraffic> ranked = c.rankedDomains();
      rows = StreamedRows.of(rows, ranked, t -> t.delays.count() > 0, c.domainsWithDelays(), top,
          e -> delayRow(e.key(), "total", e.state().delays), List.of());
    } else {
      int shown = 0;
      for (SpillingMap.Entry<SummaryCollector.DomainTraffic> e : c.sortedDomains()) {
        if (e.state().delays.count() == 0 || (top > 0 && shown++ >= top)) {
          continue;
        }
        rows.add(delayRow(e.key(), "total", e.state().delays));
      }
    }
    return new Section(ReportKeys.SECTION_DELAYS, "Delivery delays in seconds (Postfix delays=a/b/c/d split out)",
        List.of(Column.key("scope", TEXT), Column.key("part", TEXT), Column.of(ReportKeys.DELIVERED, COUNT, 6),
            Column.of("p50_s", DECIMAL, 1), Column.of("p90_s", DECIMAL, 3), Column.of("p95_s", DECIMAL, 2),
            Column.of("p99_s", DECIMAL, 4), Column.of("max_s", DECIMAL, 5)), rows);
  }

  static Section delayHistogram(SummaryCollector c) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < c.delayHistogram.length; i++) {
      rows.add(Section.row(SummaryCollector.DELAY_BUCKET_NAMES[i], c.delayHistogram[i]));
    }
    return new Section(ReportKeys.SECTION_DELAY_HISTOGRAM, "Delivered recipients by delay",
        List.of(Column.key("delay", TEXT), Column.kept(ReportKeys.DELIVERED, COUNT)), rows);
  }

  private static List<Object> delayRow(String scope, String part, DelaySketch d) {
    return Section.row(scope, part, d.count(), RelayCollector.seconds(d.percentile(50)),
        RelayCollector.seconds(d.percentile(90)), RelayCollector.seconds(d.percentile(95)),
        RelayCollector.seconds(d.percentile(99)), RelayCollector.seconds(d.count() == 0 ? Double.NaN : d.max()));
  }
}
