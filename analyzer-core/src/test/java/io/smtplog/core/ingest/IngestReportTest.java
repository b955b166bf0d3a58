package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.postfix.PostfixMessageParser;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.SourceRef;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the ingest report counts as ignored and other, and which samples of other lines it keeps. */
class IngestReportTest {
  private static final SyslogLineParser PARSER = new SyslogLineParser(
      new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2026, 1)), List.of(new PostfixMessageParser()));

  // sample-logs/postfix/smtpd-verbose.log, lines 2 to 11 and 95, and a dovecot line of the same stream
  private static final List<String> LINES = List.of(
      "Dec 01 19:46:44 mx1 postfix/master[29622]: daemon started -- version 3.7.11, configuration /tmp/etc",
      "Dec 01 19:46:47 mx1 postfix/smtpd[29769]: connect from unknown[127.0.0.1]",
      "Dec 01 19:46:47 mx1 postfix/smtpd[29769]: smtp_stream_setup: maxtime=300 enable_deadline=0 min_data_rate=0",
      "Dec 01 19:46:47 mx1 postfix/smtpd[29769]: match_hostname: smtpd_client_event_limit_exceptions: unknown ~?"
          + " 127.0.0.1/32",
      "Dec 01 19:46:47 mx1 postfix/smtpd[29769]: smtp_stream_setup: maxtime=300 enable_deadline=0 min_data_rate=0",
      "Dec 01 19:46:47 mx1 postfix/smtpd[29769]: > unknown[127.0.0.1]: 220 mx1.smtplog.test ESMTP Postfix (Debian/GNU)",
      "Dec 01 19:46:47 mx1 dovecot: imap-login: Login: user=<alice>, method=PLAIN, rip=127.0.0.1",
      "Dec 01 19:46:47 mx1 postfix/smtpd[29769]: fsspace: .: block size 4096, blocks free 20499164",
      "Dec 01 19:46:47 mx1 postfix/smtpd[29769]: cannot load Certification Authority data, CAfile=\"/x.pem\":"
          + " disabling TLS support",
      "");

  private static IngestReport read(int maxSamples, int from, int to) {
    IngestReport report = new IngestReport(maxSamples);
    for (int i = from; i < to; i++) {
      SourceRef source = new SourceRef("smtpd-verbose.log", i + 1);
      report.record(PARSER.parse(LINES.get(i), source), source, LINES.get(i));
    }
    return report;
  }

  @Test
  void verboseOutputAndFreeText_areOther_besideOtherPrograms_andIgnoredIsTheRest() {
    IngestReport report = read(20, 0, LINES.size());
    assertThat(report.linesRead()).isEqualTo(10);
    assertThat(report.eventsParsed()).isEqualTo(2); // connect from, the 220 greeting
    assertThat(report.skipped(SkipReason.VERBOSE_DEBUG)).isEqualTo(4);
    assertThat(report.skipped(SkipReason.FREE_TEXT)).isEqualTo(1);
    assertThat(report.skipped(SkipReason.OTHER_PROGRAM)).isEqualTo(1);
    assertThat(report.other()).isEqualTo(6);
    assertThat(report.ignored()).isEqualTo(2); // daemon started, the blank line
    assertThat(report.summary()).isEqualTo("Read 10 lines in 0 files: 2 events, 2 ignored, 6 other, 0 problems.");
  }

  @Test
  void otherSamples_keepTheFirstLineOfEachShape_inInputOrder_withoutOtherPrograms() {
    IngestReport report = read(20, 0, LINES.size());
    assertThat(report.otherSamples()).extracting(o -> o.source().lineNumber()).containsExactly(3L, 4L, 8L, 9L);
    assertThat(report.otherSamples()).extracting(OtherLine::shape).containsExactly("smtp_stream_setup",
        "match_hostname", "fsspace", "cannot load Certification Authority data");
    assertThat(report.otherSamples().get(3).reason()).isEqualTo(SkipReason.FREE_TEXT);
    assertThat(report.otherSamples().get(0).excerpt()).startsWith("Dec 01 19:46:47 mx1 postfix/smtpd[29769]: smtp_");
    assertThat(read(2, 0, LINES.size()).otherSamples()).hasSize(2);
  }

  @Test
  void merge_ofConsecutiveParts_keepsTheSamplesAndCountsOfOneRead() {
    IngestReport whole = read(20, 0, LINES.size());
    IngestReport merged = new IngestReport(20);
    merged.merge(read(20, 0, 3));
    merged.merge(read(20, 3, 6));
    merged.merge(read(20, 6, LINES.size()));
    assertThat(merged.otherSamples()).isEqualTo(whole.otherSamples());
    assertThat(merged.other()).isEqualTo(whole.other());
    assertThat(merged.ignored()).isEqualTo(whole.ignored());
    assertThat(merged.summary()).isEqualTo(whole.summary());
  }
}
