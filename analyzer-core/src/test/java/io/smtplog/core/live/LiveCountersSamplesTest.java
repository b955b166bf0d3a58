package io.smtplog.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.follow.FollowCycle;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.Section;
import io.smtplog.core.report.format.PrometheusFormat;
import io.smtplog.core.samples.Identities;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.samples.SampleReports;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live counters of every sample log, fed its outcome stream as a follower would feed them, agree
 * with the batch reports of the same log: recipients by outcome with the relay report's totals row,
 * delivered by RCPT reply with its 250/251/252/unseen columns, replies by code with the codes report's
 * in_logs, deferrals, reject records and sessions with the summary, per domain with the relay rows.
 */
class LiveCountersSamplesTest {
  /** Every sample: the folders the golden tests read, the journal sample and the broken lines. */
  static Stream<Path> samples() throws IOException {
    Stream<Path> logs = Stream.of("postfix", "anonymised", "maillog-file", "exim", "transcripts", "corpus", "broken")
        .flatMap(folder -> {
          try {
            return SampleLogs.logsUnder(folder).stream();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    try (Stream<Path> journal = Files.list(SampleLogs.path("journal"))) {
      List<Path> json = journal.filter(p -> p.getFileName().toString().endsWith(".journal.json")).sorted().toList();
      return Stream.concat(logs, json.stream());
    }
  }

  /** The exposition of {@code log}'s outcome stream and its lines, read as one round of following. */
  static String exposition(Path log, LiveCounters counters) throws IOException {
    MailCorrelator correlator = new MailCorrelator(counters);
    IngestReport ingest = new LogPipeline(SampleLogs.options(log, 1)).run(List.of(SampleLogs.input(log)), correlator);
    correlator.finish();
    counters.cycle(new FollowCycle(Instant.parse("2026-12-02T09:00:00.250Z"), ingest.linesRead(), ingest.bytesRead(),
        ingest.problemsByKind(), Optional.of(Instant.parse("2026-12-02T08:59:59Z")), true, 0, 1));
    StringWriter out = new StringWriter();
    counters.write(out);
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sample_liveCountersEqualTheBatchReports(Path log) throws IOException {
    ExpositionSamples live = ExpositionSamples.read(exposition(log, new LiveCounters("test", true)));
    String what = SampleLogs.relative(log);

    Section relay = SampleReports.relay(log, 1).sections().get(0);
    List<Object> totals = relay.rows().get(relay.rows().size() - 1);
    for (String outcome : PrometheusFormat.OUTCOMES) {
      assertThat(live.count(MetricNames.RECIPIENTS, MetricNames.OUTCOME, outcome))
          .as("%s: recipients{outcome=%s} = the relay totals row", what, outcome).isEqualTo(relay.count(totals, outcome));
    }
    assertThat(live.sum(MetricNames.RECIPIENTS)).as(what).isEqualTo(relay.count(totals, ReportKeys.RECIPIENTS));
    PrometheusFormat.RCPT_REPLY.forEach((column, label) ->
        assertThat(live.count(MetricNames.DELIVERED_BY_RCPT_REPLY, MetricNames.RCPT_REPLY, label))
            .as("%s: rcpt_reply=%s = the relay report's %s", what, label, column).isEqualTo(relay.count(totals, column)));
    assertThat(live.sum(MetricNames.DELIVERED_BY_RCPT_REPLY)).as("%s: the split adds up to delivered", what)
        .isEqualTo(relay.count(totals, ReportKeys.DELIVERED));

    ReportDocument summary = SampleReports.report(Reports.SUMMARY, 1, 0, ReportFilter.ALL, log).document();
    Section summaryTotals = summary.section(ReportKeys.SECTION_TOTALS).orElseThrow();
    assertThat(live.count(MetricNames.DEFERRALS)).as("%s: deferrals", what)
        .isEqualTo(Identities.metric(summaryTotals, ReportKeys.DEFERRALS));
    assertThat(live.count(MetricNames.DELIVERY_ATTEMPTS, MetricNames.STATUS, "deferred"))
        .as("%s: deferred attempts are the deferrals", what).isEqualTo(live.count(MetricNames.DEFERRALS));
    if (!log.getFileName().toString().endsWith(".transcript")) { // a transcript's accepted mail has no delivery record
      assertThat(live.count(MetricNames.DELIVERY_ATTEMPTS, MetricNames.STATUS, "sent"))
          .as("%s: every delivered recipient had a sent attempt at least", what)
          .isGreaterThanOrEqualTo(relay.count(totals, ReportKeys.DELIVERED));
    }
    assertThat(live.sum(MetricNames.REJECTS)).as("%s: rejects = the summary's reject records", what)
        .isEqualTo(Identities.metric(summaryTotals, ReportKeys.REJECT_RECORDS));
    assertThat(live.count(MetricNames.SESSIONS)).as("%s: sessions", what)
        .isEqualTo(Identities.metric(summary.section(ReportKeys.SECTION_CONNECTIONS).orElseThrow(), "sessions"));

    assertThat(live.by(MetricNames.REPLIES, MetricNames.CODE)).as("%s: replies by code = the codes report's in_logs", what)
        .isEqualTo(inLogsByCode(SampleReports.report(Reports.CODES, 1, 0, ReportFilter.ALL, log).document()));
    live.samples().stream().filter(s -> s.name().equals(MetricNames.REPLIES)).forEach(s ->
        assertThat(s.labels().get(MetricNames.CLASS)).as(what).isEqualTo(s.labels().get(MetricNames.CODE).charAt(0) + "xx"));

    Map<String, Long> byDomain = new TreeMap<>();
    for (List<Object> row : relay.rows().subList(0, relay.rows().size() - 1)) {
      String domain = relay.text(row, ReportKeys.DOMAIN);
      if (relay.count(row, ReportKeys.RECIPIENTS) == 0) {
        continue; // a row of RCPT replies only (rcpt_replies): no recipient of the domain has an outcome
      }
      for (String outcome : PrometheusFormat.OUTCOMES) {
        assertThat(live.count(MetricNames.DOMAIN_RECIPIENTS, MetricNames.DOMAIN, domain, MetricNames.OUTCOME, outcome))
            .as("%s: domain %s, outcome %s = its relay row", what, domain, outcome).isEqualTo(relay.count(row, outcome));
      }
      byDomain.put(domain, relay.count(row, ReportKeys.RECIPIENTS));
    }
    assertThat(live.by(MetricNames.DOMAIN_RECIPIENTS, MetricNames.DOMAIN)).as("%s: the same domains", what)
        .isEqualTo(byDomain);

    IngestReport ingest = new LogPipeline(SampleLogs.options(log, 1)).run(List.of(SampleLogs.input(log)), e -> { });
    assertThat(live.count(MetricNames.LINES_READ)).as(what).isEqualTo(ingest.linesRead()).isPositive();
    for (ProblemKind kind : ProblemKind.values()) {
      assertThat(live.count(MetricNames.LINE_PROBLEMS, MetricNames.KIND, kind.name().toLowerCase(Locale.ROOT)))
          .as("%s: problems of kind %s", what, kind).isEqualTo(ingest.problemsByKind().getOrDefault(kind, 0L));
    }
  }

  /** The codes report's in_logs added up per code, codes with none left out (the live counters have no series for them). */
  private static Map<String, Long> inLogsByCode(ReportDocument codes) {
    Section section = codes.section(ReportKeys.SECTION_REPLY_CODES).orElseThrow();
    Map<String, Long> byCode = new TreeMap<>();
    for (List<Object> row : section.rows()) {
      long inLogs = section.count(row, ReportKeys.IN_LOGS);
      if (inLogs > 0) {
        byCode.merge(section.text(row, ReportKeys.CODE), inLogs, Long::sum);
      }
    }
    return byCode;
  }

  /**
   * Over all samples the identities are not vacuous: each family counts something, 251 and 252 are
   * among the RCPT replies, and the reject records fall into several RFC 3463 subjects.
   */
  @Test
  void allSamples_countSomethingInEveryFamily() throws IOException {
    LiveCounters all = new LiveCounters("test", false);
    for (Path log : samples().toList()) {
      exposition(log, all);
    }
    StringWriter out = new StringWriter();
    all.write(out);
    ExpositionSamples live = ExpositionSamples.read(out.toString());
    for (String outcome : PrometheusFormat.OUTCOMES) {
      assertThat(live.count(MetricNames.RECIPIENTS, MetricNames.OUTCOME, outcome)).as(outcome).isPositive();
    }
    for (String label : PrometheusFormat.RCPT_REPLY.values()) {
      assertThat(live.count(MetricNames.DELIVERED_BY_RCPT_REPLY, MetricNames.RCPT_REPLY, label)).as(label).isPositive();
    }
    assertThat(live.by(MetricNames.REPLIES, MetricNames.CLASS)).containsKeys("2xx", "4xx", "5xx");
    assertThat(live.count(MetricNames.DEFERRALS)).isPositive();
    assertThat(live.count(MetricNames.SESSIONS)).isPositive();
    assertThat(live.by(MetricNames.REJECTS, MetricNames.REASON_CLASS).values().stream().filter(n -> n > 0).count())
        .as("reason classes with rejects: %s", live.by(MetricNames.REJECTS, MetricNames.REASON_CLASS))
        .isGreaterThanOrEqualTo(3);
    assertThat(live.families()).doesNotContain(MetricNames.DOMAIN_RECIPIENTS);
  }
}
