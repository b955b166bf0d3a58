package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command that reads logs says on standard error about its input, and its exit code. */
class InputSummaryCommandTest {
  @TempDir
  Path temp;

  @Test
  void strict_passesOnDebugPeerListLogs_whoseTracesAreOther() {
    CliRun run = CliRun.run("report", "relay", "--strict", "--year", "2026", "--timezone", "UTC",
        CliRun.sample("transcripts/postfix-debug-peer.log").toString(),
        CliRun.sample("postfix/loopback-relay.log").toString(), CliRun.sample("postfix/smtpd-verbose.log").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("Read 2,462 lines in 3 files: 1,106 events, 34 ignored, 1,322 other, 0 problems.")
        .doesNotContain("--strict");
  }

  @Test
  void aFileOfWhichNothingIsUnderstood_saysSoLoudly_showsThreeProblems_andExitsWithFour() throws IOException {
    // crowdsecurity/hub .tests/zimbra-bf/zimbra-bf.log (MIT): a Zimbra mailbox log, no mail log at all
    String line = "2021-03-03 19:51:53,762 INFO  [qtp93314457-324:smtp://smtp.test.fr:7073/service/admin/soap/]"
        + " [oip=192.168.7.15;oport=57752;oproto=smtp;soapId=688cb579;] SoapEngine - handler exception:"
        + " authentication failed for [toto.%s], account not found%n";
    Path zimbra = temp.resolve("zimbra-bf.log");
    Files.writeString(zimbra, String.format(line, "tata") + String.format(line, "titi") + String.format(line, "toto")
        + String.format(line, "tete"), StandardCharsets.UTF_8);
    CliRun run = CliRun.run("report", "relay", zimbra.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
    String[] err = run.err().split("\n");
    assertThat(err[0]).isEqualTo("Read 4 lines in 1 file: 0 events, 0 ignored, 0 other, 4 problems (4 UNKNOWN_FORMAT).");
    assertThat(err[1]).isEqualTo("smtplog: NOTHING WAS UNDERSTOOD: no line of the inputs was a mail event, and 4 of 4"
        + " lines (100%) could not be used; the report shows nothing of them. The first problems:");
    for (int i = 2; i <= 4; i++) {
      assertThat(err[i]).startsWith("  " + zimbra + ":" + (i - 1) + " [UNKNOWN_FORMAT] ")
          .contains("2021-03-03 19:51:53,762 INFO");
    }
    assertThat(err[5]).isEqualTo("  (the JSON format lists up to 4 problems with their lines)");
    assertThat(run.err()).contains("--input-format syslog|exim|transcript").contains("--year YEAR")
        .contains("Is it a mail log?");
    assertThat(run.out()).as("the report of what was understood: nothing").contains("*").doesNotContain("example");
  }

  @Test
  void aFileWhereMostLinesAreProblems_saysLittleWasUnderstood_andExitsWithFour_controlCharactersEscaped()
      throws IOException {
    // two real Postfix records (loopback-relay.log) among three lines of a terminal capture
    Path log = temp.resolve("capture.log");
    Files.writeString(log, "\u001b[31mERROR\u001b[0m connection reset\u0007\n"
        + "Nov 29 13:28:45 mx1 postfix/qmgr[4927]: 2084020C171: removed\n"
        + "\u001b]0;mx1: tail -f /var/log/mail.log\u0007\n"
        + "Nov 29 13:28:45 mx1 postfix/qmgr[4927]: 31C5720C171: removed\n"
        + "^C\n", StandardCharsets.UTF_8);
    CliRun run = CliRun.run("report", "relay", "--year", "2026", "--timezone", "UTC", log.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
    assertThat(run.err()).contains("smtplog: LITTLE WAS UNDERSTOOD: 3 of 5 lines (60%) could not be used; the report"
        + " shows only the rest. The first problems:");
    assertThat(run.err()).contains("capture.log:1 [UNKNOWN_FORMAT] not a syslog line: ?[31mERROR?[0m connection reset?")
        .contains("capture.log:3 [UNKNOWN_FORMAT]").contains("capture.log:5 [UNKNOWN_FORMAT]");
    assertThat(run.err()).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void aFileWithSomeProblems_orWithoutMailAtAll_exitsWithZero() throws IOException {
    // sergeymakinen/postfix_exporter's test log: 22 problems of 66 lines (malformed on purpose)
    CliRun some = CliRun.run("report", "relay", "--year", "2026", "--timezone", "UTC",
        CliRun.sample("broken/sergeymakinen-mail.log").toString());
    assertThat(some.exitCode()).as(some.err()).isEqualTo(ExitCodes.OK);
    assertThat(some.err()).contains("22 problems").doesNotContain("UNDERSTOOD");
    // a Sendmail log (Parse-Syslog-Mail t/logs/sendmail-plain.log): no problem, but no mail event
    // either: said, not failed
    Path sendmail = temp.resolve("sendmail.log");
    Files.writeString(sendmail, "Jan  4 20:47:07 Jupiter sendmail[405]: File descriptors missing on startup: stdin,"
        + " stdout, stderr; Bad file descriptor\n"
        + "Jan  4 20:47:07 Jupiter sendmail[415]: starting daemon (8.12.9): SMTP+queueing@01:00:00\n",
        StandardCharsets.UTF_8);
    CliRun run = CliRun.run("report", "relay", "--year", "2007", "--timezone", "UTC", sendmail.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("0 events, 0 ignored, 2 other, 0 problems.")
        .contains("smtplog: no line of the inputs was a mail event; programs: sendmail");
  }

  @Test
  void anonymisedQueueIds_areReadAndNotedOncePerFile() throws IOException {
    // loopback-relay.log with every queue id extended as an anonymiser does it ("2084020C171XXXX")
    String log = Files.readString(CliRun.sample("postfix/loopback-relay.log"), StandardCharsets.UTF_8)
        .replaceAll("\\b([0-9A-F]{11})\\b", "$1XXXX");
    Path anonymised = temp.resolve("anonymised.log");
    Files.writeString(anonymised, log, StandardCharsets.UTF_8);
    CliRun original = CliRun.run("report", "relay", "--year", "2026", "--timezone", "UTC",
        CliRun.sample("postfix/loopback-relay.log").toString());
    CliRun run = CliRun.run("report", "relay", "--strict", "--year", "2026", "--timezone", "UTC", anonymised.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(original.out());
    assertThat(run.err()).contains("0 problems");
    assertThat(run.err().lines().filter(l -> l.contains("note:"))).as(run.err()).hasSize(1);
    assertThat(run.err()).containsPattern("note: \\S*anonymised\\.log: 239 lines with queue ids in neither of"
        + " Postfix's alphabets \\(an anonymised log\\?\\), read as they are, the first at \\S*anonymised\\.log:4:"
        + " Nov 29 13:28:45 mx1 postfix/smtpd\\[4931\\]: 2084020C171XXXX: client=");
  }
}
