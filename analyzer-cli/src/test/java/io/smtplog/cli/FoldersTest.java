package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, section 4: a folder input says which of its files it skipped and why, and {@code -o DIR/}
 * is a folder for the CSV reports (one file per section) and refused, in one line, where one file
 * is written.
 */
class FoldersTest {
  private static final String[] READING = {"--year", "2026", "--timezone", "UTC"};

  @TempDir Path dir;

  /**
   * loopback-relay.log rotated at its line 850 (maillog.2.gz, maillog.1), header-checks.log exported
   * as mail-2024.txt, three lines of notes in NOTES, a README.md, the pflogsumm report named after
   * the log, and a Berkeley DB map (binary).
   */
  private Path postmastersFolder() throws IOException {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    List<String> relay = Files.readAllLines(CliRun.sample("postfix/loopback-relay.log"), StandardCharsets.UTF_8);
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(logs.resolve("maillog.2.gz")))) {
      gz.write((String.join("\n", relay.subList(0, 850)) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(logs.resolve("maillog.1"), String.join("\n", relay.subList(850, relay.size())) + "\n");
    Files.copy(CliRun.sample("postfix/header-checks.log"), logs.resolve("mail-2024.txt"));
    Files.writeString(logs.resolve("NOTES"), "Mail logs of mx1.\nRotated weekly.\nAsk before deleting.\n");
    Files.writeString(logs.resolve("README.md"), "# Logs\n");
    Files.copy(CliRun.sample("postfix/loopback-relay.pflogsumm.txt"), logs.resolve("maillog.pflogsumm.txt"));
    byte[] map = new byte[4096];
    new Random(12).nextBytes(map);
    Files.write(logs.resolve("access.db"), map);
    return logs;
  }

  private static String[] args(String[] command, String... more) {
    return Stream.concat(Stream.concat(Stream.of(command), Stream.of(READING)), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void folder_summaryNamesEachSkippedFileWithItsReason_andReadsTheRest() throws IOException {
    Path logs = postmastersFolder();
    CliRun run = CliRun.run(args(new String[] {"report", "relay"}, logs.toString()));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    List<String> err = run.err().lines().toList();
    assertThat(err.get(0)).startsWith("Read 1,936 lines in 4 files: ").contains(", 3 problems (3 UNKNOWN_FORMAT).");
    assertThat(err.subList(1, 4)).containsExactly(
        "  skipped 1 file: " + logs.resolve("maillog.pflogsumm.txt")
            + " (named after a log beside it: its report, transcript or notes)",
        "  skipped 1 file: " + logs.resolve("README.md")
            + " (a report, document or script by its name: .json, .csv, .md, .html, .sh...)",
        "  skipped 1 file: " + logs.resolve("access.db") + " (binary data, not a compressed log)");
    assertThat(err.get(4)).startsWith("  " + logs.resolve("NOTES") + ":1 [UNKNOWN_FORMAT]");
  }

  @Test
  void manySkippedFiles_areNamedByTheirEndings() throws IOException {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.copy(CliRun.sample("postfix/loopback-relay.log"), logs.resolve("mail.log"));
    for (int i = 1; i <= 6; i++) {
      Files.writeString(logs.resolve("run" + i + ".sh"), "#!/bin/sh\n");
    }
    Files.writeString(logs.resolve("unpack.tar.sh"), "#!/bin/sh\n");
    CliRun run = CliRun.run(args(new String[] {"sessions"}, "-o", dir.resolve("s.txt").toString(), logs.toString()));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err().lines()).contains("  skipped 7 files: *.sh, *.tar.sh"
        + " (a report, document or script by its name: .json, .csv, .md, .html, .sh...)");
  }

  /** A file name is anyone's text: its escape sequences never reach the terminal. */
  @Test
  void skippedFileName_isCleanedOfControlCharacters() throws IOException {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.copy(CliRun.sample("postfix/loopback-relay.log"), logs.resolve("mail.log"));
    byte[] map = new byte[4096];
    new Random(12).nextBytes(map);
    Files.write(logs.resolve("core\u001b]0;owned\u0007.db"), map);
    CliRun run = CliRun.run(args(new String[] {"report", "codes"}, logs.toString()));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).doesNotContain("\u001b").doesNotContain("\u0007")
        .contains("  skipped 1 file: " + logs.resolve("core") + "\uFFFD]0;owned\uFFFD.db (binary data, not a compressed log)");
  }

  @Test
  void folderOfNoLogs_isRefusedSayingWhatWasSkipped() throws IOException {
    Path docs = Files.createDirectory(dir.resolve("docs"));
    Files.writeString(docs.resolve("README.md"), "# Logs\n");
    CliRun run = CliRun.run("report", "relay", docs.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).isEqualTo("smtplog: no log files in " + docs + ": skipped 1 file: " + docs.resolve("README.md")
        + " (a report, document or script by its name: .json, .csv, .md, .html, .sh...) (name a file to read it)\n");
  }

  @Test
  void outputFolder_receivesOneCsvPerSection() throws IOException {
    Path out = dir.resolve("reports");
    CliRun run = CliRun.run(args(new String[] {"report", "summary"}, "--format", "csv", "-o", out + "/",
        CliRun.sample("postfix/loopback-relay.log").toString()));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEmpty();
    List<String> files = names(out);
    assertThat(files).hasSize(23).containsExactlyInAnyOrderElementsOf(
        io.smtplog.core.report.Reports.sectionNames("summary").stream().map(n -> n + ".csv").toList());
    assertThat(Files.readString(out.resolve("totals.csv"))).startsWith("metric,");
    // one section asked for, "DIR/" still a folder: DIR/NAME.csv
    Path one = dir.resolve("one");
    CliRun section = CliRun.run(args(new String[] {"report", "summary"}, "--format", "csv", "--section", "totals",
        "-o", one + "/", CliRun.sample("postfix/loopback-relay.log").toString()));
    assertThat(section.exitCode()).as(section.err()).isEqualTo(ExitCodes.OK);
    assertThat(names(one)).containsExactly("totals.csv");
    assertThat(Files.readString(one.resolve("totals.csv"))).isEqualTo(Files.readString(out.resolve("totals.csv")));
  }

  @Test
  void outputFolder_isRefusedInOneLineWhereOneFileIsWritten() throws IOException {
    String log = CliRun.sample("postfix/loopback-relay.log").toString();
    Path out = dir.resolve("reports");
    CliRun json = CliRun.run("report", "relay", "--format", "json", "-o", out + "/", log);
    assertThat(json.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(json.err()).isEqualTo("smtplog: -o " + out + "/ names a folder, but --format json writes one file:"
        + " name a file (-o " + out + "/relay.json), or --format csv for one NAME.csv per section in " + out + "/\n");
    assertThat(out).doesNotExist();
    // an existing folder without the slash is the same folder
    Files.createDirectory(out);
    CliRun table = CliRun.run("report", "codes", "-o", out.toString(), log);
    assertThat(table.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(table.err()).isEqualTo("smtplog: -o " + out + " names a folder, but --format table writes one file:"
        + " name a file (-o " + out + "/codes.txt), or --format csv for one NAME.csv per section in " + out + "\n");
    CliRun sessions = CliRun.run("sessions", "-o", out + "/", log);
    assertThat(sessions.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sessions.err()).isEqualTo("smtplog: -o " + out + "/ names a folder, but smtplog sessions writes one"
        + " file: name a file (-o " + out + "/sessions.txt)\n");
    CliRun trace = CliRun.run("trace", "-o", out + "/", "2084020C171", log);
    assertThat(trace.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(trace.err()).startsWith("smtplog: -o " + out + "/ names a folder, but smtplog trace writes one file");
    CliRun generate = CliRun.run("generate", "--lines", "10", "-o", out.toString());
    assertThat(generate.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(generate.err()).isEqualTo("smtplog: -o " + out + " names a folder, but smtplog generate writes one file:"
        + " name a file (-o " + out + "/postfix.log)\n");
    assertThat(names(out)).isEmpty();
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
