package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.Rejected;
import io.smtplog.core.report.format.HtmlFormat;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.samples.Identities;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.samples.SampleReports;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The summary's grand totals against pflogsumm's (Postfix samples) and eximstats' (Exim samples)
 * output stored beside each sample, and against the ground truth of the log lines where our
 * definition differs on purpose. Then, on every sample: the numbers add up.
 */
class SummaryExactnessTest {
  static Stream<Path> postfixSamples() throws IOException {
    return Stream.concat(SampleLogs.logsUnder("postfix").stream(), SampleLogs.logsUnder("anonymised").stream()).filter(log -> Files.exists(PflogsummCrossCheckTest.pflogsumm(log)));
  }

  static Stream<Path> eximSamples() throws IOException {
    return SampleLogs.logsUnder("exim").stream()
        .filter(log -> Files.exists(EximstatsCrossCheckTest.eximstats(log)));
  }

  static Stream<Path> allSamples() throws IOException {
    return SampleLogs.logsUnder(".").stream().filter(p -> !p.toString().contains("/broken/"));
  }

  static ReportDocument summary(Path log) throws IOException {
    return SampleReports.report(Reports.SUMMARY, 2, 0, ReportFilter.ALL, log).document();
  }

  static Map<String, Long> totals(ReportDocument d) {
    Map<String, Long> totals = new HashMap<>();
    for (List<Object> row : d.section(ReportKeys.SECTION_TOTALS).orElseThrow().rows()) {
      BigDecimal value = (BigDecimal) row.get(1);
      if (value.scale() <= 0) {
        totals.put((String) row.get(0), value.longValueExact());
      }
    }
    return totals;
  }

  /**
   * The totals whose definition is pflogsumm's: equal. pflogsumm counts lines where we count
   * recipients (delivered, bounced): those are compared line by line in {@link PflogsummCrossCheckTest}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("postfixSamples")
  void postfixTotals_equalPflogsumm(Path log) throws IOException {
    Map<String, Long> theirs = PflogsummCrossCheckTest.grandTotals(PflogsummCrossCheckTest.pflogsumm(log));
    Map<String, Long> ours = totals(summary(log));
    assertThat(ours.get("received")).as("received").isEqualTo(theirs.get("received"));
    assertThat(ours.get("deferred_messages")).as("deferred messages").isEqualTo(theirs.get("deferred"));
    assertThat(ours.get("deferrals")).as("deferrals").isEqualTo(theirs.get("deferrals"));
    assertThat(ours.get("reject_records")).as("rejected").isEqualTo(theirs.get("rejected"));
    // pflogsumm counts a header or body check's WARN (cleanup "warning:") among its reject warnings.
    long checkWarnings = SampleReports.outcomes(log).observations().stream()
        .filter(o -> o.event() instanceof Rejected r && r.action().equals("warning")).count();
    assertThat(ours.get("reject_warnings") + checkWarnings).as("reject warnings")
        .isEqualTo(theirs.get("reject warnings"));
    assertThat(ours.get("held")).as("held").isEqualTo(theirs.get("held"));
    assertThat(ours.get("discard_actions")).as("discarded").isEqualTo(theirs.get("discarded"));
    assertThat(ours.get("bytes_received")).as("bytes received").isEqualTo(theirs.get("bytes received"));
    assertThat(ours.get("senders")).as("senders").isEqualTo(theirs.get("senders"));
    assertThat(ours.get("sending_domains")).as("sending hosts/domains").isEqualTo(theirs.get("sending hosts/domains"));
    // pflogsumm's "forwarded" counts local(8)'s "forwarded as" lines; ours counts the recipients sent
    // on as a new message: equal where each was forwarded by one line.
    assertThat(ours.get("forwarded")).as("forwarded").isLessThanOrEqualTo(theirs.get("forwarded"));
  }

  /**
   * pflogsumm --smtpd-stats: "34   connections" and its "Host/Domain Summary: SMTPD Connections"
   * rows. pflogsumm reads a session only from a service named plainly "smtpd"; ours counts every
   * smtpd, so the sessions of a re-injection service ("postfix/reinject/smtpd") are the difference.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("postfixSamples")
  void postfixConnections_equalPflogsummsSmtpdStats(Path log) throws IOException {
    String theirs = Files.readString(PflogsummCrossCheckTest.pflogsumm(log), StandardCharsets.UTF_8);
    Matcher total = Pattern.compile("\\n\\s+(\\d+)\\s+connections\\n").matcher(theirs);
    assertThat(total.find()).as("pflogsumm was run with --smtpd-stats").isTrue();
    Map<String, Long> theirHosts = new HashMap<>();
    String table = theirs.substring(theirs.indexOf("Host/Domain Summary: SMTPD Connections"));
    Matcher row = Pattern.compile("(?m)^\\s+(\\d+)\\s+\\d+:\\d\\d:\\d\\d\\s+\\S+\\s+\\S+\\s+(\\S+)$").matcher(table);
    while (row.find()) {
      theirHosts.put(row.group(2), Long.parseLong(row.group(1)));
    }
    assertThat(theirHosts).isNotEmpty();
    ReportDocument d = summary(log);
    long sessions = ((BigDecimal) d.section(ReportKeys.SECTION_CONNECTIONS).orElseThrow().rows().get(0).get(1))
        .longValueExact();
    long reinjectSessions = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("/reinject/smtpd[") && l.contains(": connect from ")).count();
    assertThat(sessions - reinjectSessions).as("smtpd sessions besides the re-injection service's")
        .isEqualTo(Long.parseLong(total.group(1)));
    if (reinjectSessions == 0) {
      Map<String, Long> ours = new HashMap<>();
      d.section(ReportKeys.SECTION_CONNECTIONS_BY_CLIENT).orElseThrow().rows()
          .forEach(r -> ours.put((String) r.get(0), (Long) r.get(1)));
      assertThat(ours).isEqualTo(theirHosts);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eximSamples")
  void eximTotals_equalEximstats(Path log) throws IOException {
    String report = Files.readString(EximstatsCrossCheckTest.eximstats(log), StandardCharsets.UTF_8);
    Map<String, Long> ours = totals(summary(log));
    long[] received = EximstatsCrossCheckTest.numbers(report, "Received"); // messages, hosts, delayed, failed
    assertThat(ours.get("received")).as("received messages").isEqualTo(received[0]);
    assertThat(ours.get("deferred_messages")).as("messages delayed at least once").isEqualTo(received[2]);
    assertThat(ours.get("failed_messages")).as("messages with a failed address").isEqualTo(received[3]);
    assertThat(eximVolume(ours.get("bytes_received"))).as("received volume")
        .isEqualTo(row(report, "Received").split("\\s+")[0]);
    // Deliberately different: eximstats' delivered volume adds the S= of each "=>" line (the size
    // as sent, headers added on the way included); ours adds the arrival size per delivered
    // recipient, like pflogsumm. The arrival sizes are the ground truth here.
    long arrivalBytes = 0;
    Matcher m = Pattern.compile("(?m) <= .* S=(\\d+)(?: |$)").matcher(Files.readString(log, StandardCharsets.UTF_8));
    while (m.find()) {
      arrivalBytes += Long.parseLong(m.group(1));
    }
    assertThat(ours.get("bytes_received")).as("bytes received = the S= of every arrival").isEqualTo(arrivalBytes);
  }

  private static String row(String report, String name) {
    for (String line : report.split("\n")) {
      if (line.startsWith("  " + name + " ")) {
        return line.substring(2 + name.length()).strip();
      }
    }
    throw new AssertionError("no " + name + " row");
  }

  /** eximstats' volume_rounded() (eximstats line 738): bytes under 10000, else rounded KB, MB. */
  static String eximVolume(long bytes) {
    if (bytes < 10_000) {
      return Long.toString(bytes);
    }
    if (bytes < 10_000_000) {
      return (bytes + 512) / 1024 + "KB";
    }
    return (bytes + 512 * 1024) / (1024 * 1024) + "MB";
  }

  static Stream<Path> reportSamples() throws IOException {
    return Stream.concat(postfixSamples(), eximSamples());
  }

  /**
   * Golden: the whole summary (every section, top 20) of each Postfix and Exim sample equals its
   * reviewed {@code .summary.json}. Run with {@code -Dsmtplog.updateGolden=true} to rewrite them,
   * then read every diff.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("reportSamples")
  void summary_matchesReviewedExpectation(Path log) throws IOException {
    ReportDocument d = SampleReports.report(Reports.SUMMARY, 2, 20, ReportFilter.ALL, log).document();
    String actual = JsonFormat.mapper().writeValueAsString(JsonFormat.tree(d)) + "\n";
    Path expected = SampleLogs.sibling(log, ".summary.json");
    assertThat(actual).as("summary of %s (rerun with -Dsmtplog.updateGolden=true and review the diff)", log)
        .isEqualTo(SampleLogs.golden(expected, actual));
  }

  /** The example HTML report docs/reports.md links to: the Postfix and the Exim sample together. */
  @org.junit.jupiter.api.Test
  void htmlExample_matchesReviewedFile() throws IOException {
    Path postfix = SampleLogs.path("postfix/loopback-relay.log");
    Path exim = SampleLogs.path("exim/relay-mainlog.log");
    ReportDocument d = SampleReports.report(Reports.SUMMARY, 2, 20, ReportFilter.ALL, postfix, exim).document();
    java.io.StringWriter out = new java.io.StringWriter();
    HtmlFormat.write(d, out);
    Path expected = SampleLogs.path("reports/summary.html");
    assertThat(out.toString()).as("%s (rerun with -Dsmtplog.updateGolden=true and review the diff)", expected)
        .isEqualTo(SampleLogs.golden(expected, out.toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allSamples")
  void numbersAddUp_perDomainAndInTotal(Path log) throws IOException {
    ReportDocument d = summary(log);
    Identities.assertSummary(d, log.toString());
    Map<String, Long> totals = totals(d);
    long domainDelivered = d.section(ReportKeys.SECTION_DOMAINS_DELIVERED).orElseThrow().rows().stream()
        .mapToLong(r -> (Long) r.get(1)).sum();
    assertThat(domainDelivered).as("deliveries per domain add up").isEqualTo(totals.get("delivered"));
    long bounceReasons = d.section(ReportKeys.SECTION_BOUNCE_REASONS).orElseThrow().rows().stream()
        .mapToLong(r -> (Long) r.get(2)).sum();
    assertThat(bounceReasons).as("bounce reasons add up to the bounced recipients").isEqualTo(totals.get("bounced"));
    long deferralReasons = d.section(ReportKeys.SECTION_DEFERRAL_REASONS).orElseThrow().rows().stream()
        .mapToLong(r -> (Long) r.get(2)).sum();
    assertThat(deferralReasons).as("deferral reasons add up to the deferrals").isEqualTo(totals.get("deferrals"));
  }
}
