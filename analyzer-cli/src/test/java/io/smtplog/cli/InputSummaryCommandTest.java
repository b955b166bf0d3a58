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
