package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** smtplog sessions, smtplog formats, --input-format, and one relay report over every kind of input. */
class SessionsAndFormatsCommandTest {
  private static final String SWAKS = CliRun.sample("transcripts/swaks-sink.transcript").toString();

  @Test
  void sessions_text_classifiesEveryReply_andRedactsAuth() {
    CliRun run = CliRun.run("sessions", "--timezone", "UTC", SWAKS);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("# session 1 · transcript swaks · ")
        .contains("S: 251 2.1.5 User not local; will forward to <fwd.erin@forward.example.net>   "
            + "# user-not-local-will-forward <fwd.erin@forward.example.net>")
        .contains("S: 551 5.1.6 User not local; please try <moved.peggy@new.example.org>   "
            + "# user-not-local-try <moved.peggy@new.example.org>")
        .contains("S: 252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery   "
            + "# cannot-verify-will-attempt")
        .contains("C: AUTH LOGIN\nS: 334 VXNlciBOYW1lAA==   # auth-challenge\nC: [redacted]")
        .doesNotContain("YWxpY2U=") // "alice", as swaks sent it
        .doesNotContain("c2VjcmV0"); // "secret"
    assertThat(run.out().split("# session ", -1)).hasSize(7);
    assertThat(run.err()).contains("Read 163 lines in 1 file: 162 events");
  }

  @Test
  void sessions_filters_byCodeTagAndDomain() {
    CliRun byCode = CliRun.run("sessions", "--code", "251", SWAKS);
    assertThat(byCode.out().split("# session ", -1)).as("sessions 1 and 3 got a 251").hasSize(3);
    CliRun byTag = CliRun.run("sessions", "--tag", "transaction-failed", SWAKS);
    assertThat(byTag.out()).contains("554 5.7.1 Message content rejected: spam-test")
        .doesNotContain("fwd.erin");
    CliRun byDomain = CliRun.run("sessions", "--domain", "EXAMPLE.org", "--code", "553", SWAKS);
    assertThat(byDomain.out().split("# session ", -1)).hasSize(2);
    assertThat(byDomain.out()).contains("badname.trent@example.net");
    CliRun bad = CliRun.run("sessions", "--code", "999", SWAKS);
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--code must be a reply code 200..599");
  }

  @Test
  void sessions_json_isOneArrayWithTagsAndForwardPaths() throws Exception {
    CliRun run = CliRun.run("sessions", "--format", "json", CliRun.sample("transcripts/telnet-sink.transcript").toString());
    JsonNode sessions = new ObjectMapper().readTree(run.out());
    assertThat(sessions.isArray()).isTrue();
    assertThat(sessions).hasSize(1);
    JsonNode s = sessions.get(0);
    assertThat(s.get("mta").asText()).isEqualTo("transcript");
    assertThat(s.get("program").asText()).isEqualTo("bare");
    assertThat(s.get("complete").asBoolean()).isTrue();
    JsonNode rcpt251 = null;
    for (JsonNode e : s.get("exchanges")) {
      if (e.path("reply").path("code").asInt() == 251) {
        rcpt251 = e;
      }
    }
    assertThat(rcpt251).isNotNull();
    assertThat(rcpt251.get("command").asText()).isEqualTo("RCPT");
    assertThat(rcpt251.get("reply").get("tag").asText()).isEqualTo("user-not-local-will-forward");
    assertThat(rcpt251.get("reply").get("forwardPath").asText()).isEqualTo("fwd.walter@forward.example.net");
    assertThat(rcpt251.get("reply").get("class").asInt()).isEqualTo(2);
    assertThat(rcpt251.get("reply").get("category").asInt()).isEqualTo(5);
  }

  @Test
  void sessions_ofAPostfixLog_areItsDebugPeerTranscripts() {
    CliRun run = CliRun.run("sessions", "--year", "2026", "--timezone", "UTC",
        CliRun.sample("postfix/loopback-relay.log").toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("· postfix postfix/smtp · ").contains("· peer 127.0.0.2[127.0.0.2]:2525 · client side")
        .contains("# user-not-local-will-forward <fwd.erin@forward.example.net>");
  }

  @Test
  void formats_listsEveryFormatAndNotation_withExamples() {
    CliRun run = CliRun.run("formats");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("syslog").contains("exim").contains("transcript").contains("journal")
        .contains("the systemd journal as journalctl -o json writes it")
        .contains("swaks").contains("exim-debug").contains("smtplib").contains("rfc821").contains("e.g. ");
  }

  @Test
  void inputFormat_overridesDetection_andAnUnknownNameIsAUsageError(@TempDir Path dir) throws Exception {
    // A typed dialogue: detected as a bare transcript by its reply lines.
    Path file = dir.resolve("typed.txt");
    Files.writeString(file, "EHLO me\n250 mx\nQUIT\n221 bye\n");
    CliRun detected = CliRun.run("sessions", "--timezone", "UTC", "--transcript-time", "2026-11-29T12:00", file.toString());
    assertThat(detected.out()).contains("· 2026-11-29T12:00:00Z ·").contains("C: EHLO me\nS: 250 mx   # completed");
    CliRun badTime = CliRun.run("sessions", "--transcript-time", "yesterday-ish", file.toString());
    assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTime.err()).contains("--transcript-time 'yesterday-ish' is not a time");
    // Forced to RFC notation, no line has its "C: " or "S: " mark: no session, nothing lost either.
    CliRun forced = CliRun.run("sessions", "--input-format", "rfc", file.toString());
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).isEmpty();
    assertThat(forced.err()).contains("Read 4 lines in 1 file: 0 events, 4 ignored");
    CliRun asSyslog = CliRun.run("sessions", "--input-format", "syslog", file.toString());
    assertThat(asSyslog.err()).contains("4 problems (4 UNKNOWN_FORMAT)");
    CliRun unknown = CliRun.run("sessions", "--input-format", "qmail", file.toString());
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("unknown input format 'qmail'").contains("smtplog formats");
  }

  @Test
  void relayReport_overADirectoryMixingEveryFormat_countsEachPerFormat(@TempDir Path dir) throws Exception {
    Files.copy(CliRun.sample("postfix/loopback-relay.log"), dir.resolve("mail.log"));
    Files.copy(CliRun.sample("exim/relay-mainlog.log"), dir.resolve("mainlog"));
    Files.copy(CliRun.sample("exim/relay-rejectlog.log"), dir.resolve("rejectlog"));
    Files.copy(CliRun.sample("transcripts/telnet-sink.transcript"), dir.resolve("telnet.transcript"));
    CliRun run = CliRun.run("report", "relay", "--format", "json", "--year", "2026", "--timezone", "UTC",
        dir.toString());
    assertThat(run.exitCode()).isZero();
    JsonNode input = new ObjectMapper().readTree(run.out()).get("input");
    assertThat(input.get("formats").get("syslog").get("files").asInt()).isEqualTo(1);
    assertThat(input.get("formats").get("syslog").get("lines").asInt()).isEqualTo(1702);
    assertThat(input.get("formats").get("exim").get("files").asInt()).isEqualTo(2);
    long eximLines = Files.readAllLines(dir.resolve("mainlog")).size() + Files.readAllLines(dir.resolve("rejectlog")).size();
    assertThat(input.get("formats").get("exim").get("lines").asLong()).isEqualTo(eximLines);
    assertThat(input.get("formats").get("transcript").get("files").asInt()).isEqualTo(1);
    assertThat(input.get("eventsByMta").get("exim").asInt()).isPositive();
    assertThat(input.get("problems").asInt()).isZero();
    JsonNode totals = CliRun.relayTotals(run.out());
    // loopback-relay 47 + Exim mainlog and rejectlog 46 (their rejects counted once) + the telnet session 3
    assertThat(totals.get("recipients").asInt()).isEqualTo(47 + 46 + 3);
  }
}
