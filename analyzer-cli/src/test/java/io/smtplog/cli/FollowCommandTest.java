package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexSearch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smtplog follow} in-process: what it refuses, and standard input followed until it ends. */
class FollowCommandTest {

  @Test
  void strict_isRefused_becauseFollowNeverReachesTheEnd(@TempDir Path tmp) {
    CliRun run = CliRun.run("follow", "--index", tmp.resolve("idx").toString(), "--strict",
        tmp.resolve("mail.log").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: --strict does not apply to follow: it never reaches the end of its"
        + " inputs, where --strict decides; the lines it cannot use are counted when it stops\n");
  }

  @Test
  void aFolder_isRefused_namingTheFileToGive(@TempDir Path tmp) {
    CliRun run = CliRun.run("follow", "--index", tmp.resolve("idx").toString(), tmp.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: " + tmp + " is a folder: follow reads files as they grow; name the log"
        + " file in it (smtplog follow " + tmp.resolve("mail.log") + ")\n");
    assertThat(tmp.resolve("idx")).doesNotExist();
  }

  @Test
  void aPatternTheShellDidNotExpand_andBadNumbers_areRefused(@TempDir Path tmp) {
    String index = tmp.resolve("idx").toString();
    CliRun pattern = CliRun.run("follow", "--index", index, tmp.resolve("*.log").toString());
    assertThat(pattern.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(pattern.err()).isEqualTo("smtplog: " + tmp.resolve("*.log") + " matches no file: follow waits for"
        + " files by name, not by pattern; name each log file\n");
    CliRun poll = CliRun.run("follow", "--index", index, "--poll", "0", "mail.log");
    assertThat(poll.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(poll.err()).isEqualTo("smtplog: --poll 0: give milliseconds from 1 to 3600000\n");
    CliRun commit = CliRun.run("follow", "--index", index, "--commit-every", "-1", "mail.log");
    assertThat(commit.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(commit.err()).isEqualTo("smtplog: --commit-every -1.0: give seconds from 0 to 86400\n");
    CliRun twice = CliRun.run("follow", "--index", index, "-", "-");
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(twice.err()).isEqualTo("smtplog: - is given twice: standard input can be followed once\n");
  }

  /**
   * The journal as {@code journalctl -f -o json} writes it, on standard input: followed through its
   * copy, until it ends; the index then holds what an ingest of the same file holds.
   */
  @Test
  void standardInput_isFollowedUntilItEnds(@TempDir Path tmp) throws Exception {
    Path journal = CliRun.sample("journal/header-checks.journal.json");
    Path index = tmp.resolve("idx");
    InputStream stdin = System.in;
    CliRun run;
    try {
      System.setIn(new ByteArrayInputStream(Files.readAllBytes(journal)));
      run = CliRun.run("follow", "--index", index.toString(), "--poll", "20", "--timezone", "UTC", "-");
    } finally {
      System.setIn(stdin);
    }
    assertThat(run.exitCode()).as(run.err()).isZero();
    long lines = Files.readAllLines(journal).size();
    assertThat(run.err()).startsWith("Following 1 input into " + index + "; Ctrl-C stops.\n")
        .containsPattern("Stopped: read " + lines + " lines in [0-9]+ rounds?; [0-9]+ recipient outcomes; 0 lines of"
            + " the index's stories read again at the start\\.\n$");
    CliRun ingest = CliRun.run("ingest", "--index", tmp.resolve("once").toString(), "--timezone", "UTC",
        journal.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    try (IndexSearch followed = IndexSearch.open(index).orElseThrow();
        IndexSearch once = IndexSearch.open(tmp.resolve("once")).orElseThrow()) {
      for (String q : new String[] {"kind:recipient", "kind:message", "kind:session", "status:delivered"}) {
        var query = IndexSearch.parse(q, ZoneOffset.UTC, Instant.now());
        assertThat(followed.count(query)).as(q).isEqualTo(once.count(query));
      }
      assertThat(followed.count(IndexSearch.parse("kind:recipient", ZoneOffset.UTC, Instant.now()))).isPositive();
      assertThat(followed.stats().lines()).isEqualTo(lines);
      long told = once.count(IndexSearch.parse("kind:recipient AND NOT provisional:true", ZoneOffset.UTC,
          Instant.now()));
      assertThat(run.err()).contains("; " + told + " recipient outcomes;");
    }
  }
}
