package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.model.Mta;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each sample's format, told from its first lines as the reader does. */
class FormatDetectorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "postfix/loopback-relay.log, SYSLOG, ",
      "journal/header-checks.journal.json, JOURNAL, ",
      "corpus/postfix/crowdsec-postfix-logs.log, SYSLOG, ",
      "exim/relay-mainlog.log, EXIM, ",
      "exim/relay-rejectlog.log, EXIM, ",
      "corpus/exim/gvengel-paniclog.log, EXIM, ",
      "transcripts/postfix-debug-peer.log, SYSLOG, ",
      "transcripts/swaks-sink.transcript, TRANSCRIPT, SWAKS",
      "transcripts/smtplib-sink.transcript, TRANSCRIPT, SMTPLIB",
      "transcripts/telnet-sink.transcript, TRANSCRIPT, BARE",
      "corpus/transcripts/rfc5321-appendix-d.transcript, TRANSCRIPT, RFC",
      "corpus/transcripts/exim-testsuite-0022-debug.transcript, TRANSCRIPT, EXIM_DEBUG",
      "corpus/transcripts/exim-testsuite-0143-debug.transcript, TRANSCRIPT, EXIM_DEBUG",
      "corpus/transcripts/exim-testsuite-0217-server.transcript, TRANSCRIPT, BARE",
      "corpus/transcripts/sisimai-sendmail-17.transcript, TRANSCRIPT, ARROWS",
      "corpus/transcripts/exim-testsuite-0035-client.transcript, TRANSCRIPT, ARROWS",
  })
  void detects(String sample, InputFormat format, TranscriptNotation notation) throws IOException {
    byte[] data = Files.readAllBytes(SampleLogs.path(sample));
    FormatDetector.Detected detected = FormatDetector.detect(data, data.length);
    assertThat(detected.format()).isEqualTo(format);
    if (notation != null) {
      assertThat(detected.notation()).isEqualTo(notation);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2024-05-01 10:00:00 mx postfix/smtpd[1]: connect from a[192.0.2.1]| SYSLOG",
      "2019-10-22 03:39:17 mx1 exim[29786]: 1s2AbC-0001Xy-0a <= a@b H=[192.0.2.1] P=smtp S=1| SYSLOG",
      "2019-10-22 03:39:17 1s2AbC-0001Xy-0a <= a@b H=[192.0.2.1] P=smtp S=1| EXIM",
      "S: MAIL FROM:<a@b>\\nR: 250 OK| TRANSCRIPT",
      "just some text\\nwith no marks| SYSLOG",
  })
  void detects_lines(String text, InputFormat format) {
    byte[] data = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(FormatDetector.detect(data, data.length).format()).isEqualTo(format);
  }

  @Test
  void oneSyslogStream_withPostfixAndEximLines_isReadLineByLine(@TempDir Path dir)
      throws IOException {
    Path log = dir.resolve("mail.log");
    Files.writeString(log, String.join("\n",
        "May  1 10:00:00 mx1 postfix/qmgr[100]: 4BxQ2k0fJmz9v: from=<a@example.com>, size=300, nrcpt=1 (queue active)",
        "May  1 10:00:01 mx1 postfix/smtp[101]: 4BxQ2k0fJmz9v: to=<b@example.org>, relay=mx.example.org[192.0.2.5]:25,"
            + " delay=1, delays=0.1/0/0.4/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A)",
        "May  1 10:00:02 mx2 exim[4711]: 2024-05-01 10:00:02 1s2AbC-0001Xy-0a <= c@example.net H=(h) [192.0.2.9]"
            + " P=esmtp S=100",
        "May  1 10:00:03 mx2 exim[4712]: 1s2AbC-0001Xy-0a => d@example.com R=dnslookup T=remote_smtp"
            + " H=mx.example.com [192.0.2.7] C=\"250 OK\"",
        "May  1 10:00:04 mx2 dovecot[9]: imap-login: Login: user=<d>", ""));
    IngestReport report = new LogPipeline(new ReadOptions(ZoneOffset.UTC,
        OptionalInt.of(2024), 1, 20)).run(List.of(LogInput.of(log)), e -> { });
    assertThat(report.byFormat()).containsOnlyKeys("syslog");
    assertThat(report.eventsByMta()).containsEntry(Mta.POSTFIX, 2L)
        .containsEntry(Mta.EXIM, 2L);
    assertThat(report.otherPrograms()).containsEntry("dovecot", 1L);
    assertThat(report.problems()).isZero();
  }
}
