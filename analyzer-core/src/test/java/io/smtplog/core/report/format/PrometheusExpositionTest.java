package io.smtplog.core.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.Section;
import io.smtplog.core.samples.ExpositionText;
import io.smtplog.core.samples.ExpositionText.Sample;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.samples.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 4: the Prometheus output is valid text exposition format (checked by a strict
 * parser of its own), never repeats a series, keeps distinct label values distinct, and its
 * families add up as their HELP says.
 */
class PrometheusExpositionTest {
  /** Recipient domains that differ only in characters the old writer replaced by U+FFFD (controls, bidi overrides). */
  private static final List<String> LOOKALIKES = List.of("ex\u202eample.org", "ex\u202dample.org",
      "ex\ufffdample.org", "ex\u0001ample.org", "ex\u007fample.org");

  /**
   * Lookalikes stay apart, except those that differ only in control characters: those become U+FFFD
   * (they would act on a terminal) and are one series, their figures added, never a repeated series.
   */
  @Test
  void domainsThatDifferOnlyInReplacedCharacters_areDistinctSeries(@TempDir Path dir) throws IOException {
    ReportDocument document = relayOf(dir, LOOKALIKES);
    Section relay = document.section(ReportKeys.SECTION_RELAY).orElseThrow();
    assertThat(relay.rows()).hasSize(LOOKALIKES.size() + 1); // the parser kept them apart: so must the format
    List<Sample> samples = ExpositionText.parse(prometheus(document, true));
    Map<String, Long> delivered = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals("smtplog_domain_recipients") && s.labels().get("outcome").equals("delivered")) {
        delivered.put(s.labels().get("domain"), s.value().longValueExact());
      }
    }
    Map<String, Long> expected = new TreeMap<>(Map.of("ex\u202eample.org", 1L, "ex\u202dample.org", 1L,
        "ex\ufffdample.org", 3L));
    assertThat(delivered).isEqualTo(expected);
  }

  @Test
  void labelValues_areEscapedAsTheFormatDefines_andOnlyControlsChange() {
    assertThat(PrometheusFormat.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    assertThat(PrometheusFormat.escape("x\u0001\u202e\ufffd\t\u001b[2J\u009b.org"))
        .isEqualTo("x\ufffd\u202e\ufffd\ufffd\ufffd[2J\ufffd.org");
    assertThat(ExpositionText.unescape("a\\\"b\\\\c\\nd")).isEqualTo("a\"b\\c\nd");
  }

  @Test
  void everySample_parsesStrictly_withoutARepeatedSeries() throws IOException {
    for (String sample : List.of("postfix/loopback-relay.log", "postfix/content-filter.log", "exim/relay-mainlog.log",
        "transcripts/swaks-sink.transcript")) {
      for (String report : List.of(Reports.RELAY, Reports.SUMMARY, Reports.CODES)) {
        ReportDocument d = SampleReports.report(report, 1, 0, ReportFilter.ALL, SampleLogs.path(sample)).document();
        for (boolean perDomain : List.of(false, true)) {
          assertThat(ExpositionText.parse(prometheus(d, perDomain))).as("%s %s", sample, report).isNotEmpty();
        }
      }
    }
  }

  /** Issue 9: sum() over a family is meaningful; where it is not, the HELP says so. */
  @Test
  void families_addUpAsTheirHelpSays() throws IOException {
    ReportDocument d = SampleReports.report(Reports.SUMMARY, 1, 0, ReportFilter.ALL,
        SampleLogs.path("postfix/loopback-relay.log")).document();
    String text = prometheus(d, true);
    List<Sample> samples = ExpositionText.parse(text);
    Map<String, String> help = ExpositionText.help(text);
    Map<String, Integer> sizes = new TreeMap<>();
    samples.forEach(s -> sizes.merge(s.name(), 1, Integer::sum));
    sizes.forEach((family, n) -> {
      if (n > 1) {
        assertThat(help.get(family)).as(family).containsAnyOf("(disjoint", "do not sum", "sum within one source");
      }
    });
    assertThat(help.get("smtplog_replies")).contains("one reply may be seen in both sources");
    Section relay = d.section(ReportKeys.SECTION_RELAY).orElseThrow();
    List<Object> totals = relay.rows().get(relay.rows().size() - 1);
    long recipients = relay.count(totals, ReportKeys.RECIPIENTS);
    long delivered = relay.count(totals, ReportKeys.DELIVERED);
    assertThat(recipients).isEqualTo(47); // loopback-relay.summary.json, reviewed
    assertThat(sum(samples, "smtplog_recipients", Map.of())).isEqualTo(recipients);
    assertThat(sum(samples, "smtplog_delivered_recipients_by_rcpt_reply", Map.of())).isEqualTo(delivered);
    assertThat(sum(samples, "smtplog_delivered_recipients_by_route", Map.of())).isEqualTo(delivered);
    assertThat(sum(samples, "smtplog_domain_recipients", Map.of())).isEqualTo(recipients);
    assertThat(sum(samples, "smtplog_domain_recipients", Map.of("outcome", "delivered"))).isEqualTo(delivered);
    assertThat(sum(samples, "smtplog_domain_delivered_recipients_by_rcpt_reply", Map.of())).isEqualTo(delivered);
    assertThat(sum(samples, "smtplog_replies", Map.of("source", "logs")))
        .isEqualTo(d.section(ReportKeys.SECTION_REPLY_CODES).orElseThrow().rows().stream()
            .mapToLong(r -> (Long) r.get(d.section(ReportKeys.SECTION_REPLY_CODES).orElseThrow()
                .indexOf(ReportKeys.IN_LOGS))).sum());
  }

  private static long sum(List<Sample> samples, String family, Map<String, String> where) {
    return samples.stream().filter(s -> s.name().equals(family))
        .filter(s -> where.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
        .mapToLong(s -> s.value().longValueExact()).sum();
  }

  private static String prometheus(ReportDocument d, boolean perDomain) throws IOException {
    StringWriter out = new StringWriter();
    PrometheusFormat.write(d, out, perDomain);
    return out.toString();
  }

  /** A relay report of one delivered message per domain (loopback-relay.log lines 716-720 as the model). */
  private static ReportDocument relayOf(Path dir, List<String> domains) throws IOException {
    StringBuilder log = new StringBuilder();
    int n = 0;
    for (String domain : domains) {
      String id = String.format("0B3A720C1%02X", n++);
      log.append("Nov 29 13:28:46 mx1 postfix/smtpd[4931]: ").append(id).append(": client=unknown[127.0.0.1]\n")
          .append("Nov 29 13:28:46 mx1 postfix/cleanup[4934]: ").append(id).append(": message-id=<m").append(n)
          .append("@vm>\n")
          .append("Nov 29 13:28:46 mx1 postfix/qmgr[4927]: ").append(id)
          .append(": from=<alice@smtplog.test>, size=435, nrcpt=1 (queue active)\n")
          .append("Nov 29 13:28:46 mx1 postfix/smtp[4935]: ").append(id).append(": to=<bob@").append(domain)
          .append(">, relay=127.0.0.2[127.0.0.2]:2525, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n")
          .append("Nov 29 13:28:46 mx1 postfix/qmgr[4927]: ").append(id).append(": removed\n");
    }
    Path file = dir.resolve("lookalikes.log");
    Files.writeString(file, log, StandardCharsets.UTF_8);
    return ReportRun.fromLogs(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC), Pseudonymizer.NONE,
        ReportFilter.ALL, List.of(new LogInput("lookalikes.log", Optional.of(file))),
        new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 1, 20), 0, bytes -> { }).document();
  }
}
