package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, section 4: a folder named as an input reads every file that may be a log, whatever its
 * name ("mail-2024.txt", "NOTES"), and leaves out only clear non-logs, each with its reason.
 */
class FolderInputsTest {
  /** Three lines of prose: read, each a counted problem, never nothing. */
  static final String NOTES = "Mail logs of mx1, copied for the audit.\nRotated weekly by logrotate.\n"
      + "Ask the postmaster before deleting anything.\n";

  @TempDir Path dir;

  /**
   * A postmaster's folder: loopback-relay.log rotated at its line 850 (maillog.2.gz, maillog.1),
   * header-checks.log exported as mail-2024.txt, notes without an ending, and what is no log: a
   * README.md, a pflogsumm report named after the log, a Berkeley DB map (binary), a pid file, an
   * editor's backup, a hidden swap file and a .git folder.
   */
  static Path postmastersFolder(Path dir) throws IOException {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    List<String> relay = Files.readAllLines(SampleLogs.path("postfix/loopback-relay.log"), StandardCharsets.UTF_8);
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(logs.resolve("maillog.2.gz")))) {
      gz.write(lines(relay.subList(0, 850)));
    }
    Files.write(logs.resolve("maillog.1"), lines(relay.subList(850, relay.size())));
    Files.copy(SampleLogs.path("postfix/header-checks.log"), logs.resolve("mail-2024.txt"));
    Files.copy(SampleLogs.path("postfix/loopback-relay.pflogsumm.txt"), logs.resolve("mail-2024.pflogsumm.txt"));
    Files.writeString(logs.resolve("NOTES"), NOTES);
    Files.writeString(logs.resolve("README.md"), "# Logs\n\nThe mail logs of mx1.\n");
    Files.copy(SampleLogs.path("postfix/loopback-relay.pflogsumm.txt"), logs.resolve("maillog.pflogsumm.txt"));
    byte[] map = new byte[4096];
    new Random(12).nextBytes(map);
    Files.write(logs.resolve("access.db"), map);
    Files.writeString(logs.resolve("master.pid"), "  1234\n");
    Files.write(logs.resolve("maillog~"), lines(relay.subList(0, 3)));
    Files.write(logs.resolve(".maillog.1.swp"), map);
    Files.createDirectories(logs.resolve(".git/objects"));
    Files.write(logs.resolve(".git/objects/ab"), map);
    return logs;
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void folder_readsEveryFileThatMayBeALog_andNamesEachSkippedOneWithItsReason() throws IOException {
    Path logs = postmastersFolder(dir);
    ResolvedInputs resolved = InputResolver.resolveAll(List.of(logs.toString()));
    assertThat(resolved.inputs()).extracting(i -> logs.relativize(i.path().orElseThrow()).toString())
        .containsExactly("NOTES", "mail-2024.txt", "maillog.2.gz", "maillog.1");
    assertThat(resolved.skipped()).extracting(s -> logs.relativize(s.file()).toString(), SkippedFile::why)
        .containsExactlyInAnyOrder(
            tuple(".git", SkippedFile.Why.HIDDEN),
            tuple(".maillog.1.swp", SkippedFile.Why.HIDDEN),
            tuple("README.md", SkippedFile.Why.NOT_A_LOG_BY_NAME),
            tuple("access.db", SkippedFile.Why.BINARY),
            tuple("maillog.pflogsumm.txt", SkippedFile.Why.NAMED_AFTER_A_LOG),
            tuple("mail-2024.pflogsumm.txt", SkippedFile.Why.NAMED_AFTER_A_LOG),
            tuple("maillog~", SkippedFile.Why.EDITOR_FILE),
            tuple("master.pid", SkippedFile.Why.PID_OR_LOCK));
  }

  @Test
  void folder_isReadAsItsLogsAre_andTheNotesAreCountedProblems() throws IOException {
    Path logs = postmastersFolder(dir);
    ReadOptions options = SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2);
    IngestReport whole = new LogPipeline(options).run(List.of(
        LogInput.of(SampleLogs.path("postfix/header-checks.log")),
        LogInput.of(SampleLogs.path("postfix/loopback-relay.log"))), e -> { });
    IngestReport folder = new LogPipeline(options).run(InputResolver.resolve(List.of(logs.toString())), e -> { });
    assertThat(folder.linesRead()).isEqualTo(3 + 231 + 1702);
    assertThat(folder.eventsParsed()).isEqualTo(whole.eventsParsed());
    assertThat(whole.problems()).isZero();
    assertThat(folder.problems()).as(folder.summary()).isEqualTo(3);
    assertThat(folder.samples()).extracting(p -> p.source().toString())
        .containsExactly(logs.resolve("NOTES") + ":1", logs.resolve("NOTES") + ":2", logs.resolve("NOTES") + ":3");
  }

  /** A pipe or a link to a folder inside a folder is named, not read (a pipe named itself is read as a stream). */
  @Test
  void pipeAndFolderLinkInAFolder_areNamedNotRead() throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.copy(SampleLogs.path("postfix/loopback-relay.log"), logs.resolve("mail.log"));
    Files.createSymbolicLink(logs.resolve("archive"), Files.createDirectory(dir.resolve("elsewhere")));
    Path fifo = logs.resolve("xconsole");
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
      assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed: no named pipes here");
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo on this machine: " + e.getMessage());
    }
    ResolvedInputs resolved = InputResolver.resolveAll(List.of(logs.toString()));
    assertThat(resolved.inputs()).extracting(LogInput::displayName).containsExactly(logs.resolve("mail.log").toString());
    assertThat(resolved.skipped()).extracting(s -> logs.relativize(s.file()).toString(), SkippedFile::why)
        .containsExactly(tuple("archive", SkippedFile.Why.NOT_A_REGULAR_FILE),
            tuple("xconsole", SkippedFile.Why.NOT_A_REGULAR_FILE));
  }

  /** A file named as an argument is read whatever it is: the user asked for it. */
  /**
   * A log copied with ".txt" after its rotation number or its month, beside the live log, is that log,
   * not a report named after it: read. A report's kind is a word ("pflogsumm").
   */
  @Test
  void rotatedOrDatedCopyEndingInTxt_besideTheLog_isRead_aReportNamedAfterItIsNot() throws IOException {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.copy(SampleLogs.path("postfix/loopback-relay.log"), logs.resolve("mail.log"));
    Files.copy(SampleLogs.path("postfix/header-checks.log"), logs.resolve("mail.log.1.txt"));
    Files.copy(SampleLogs.path("postfix/forward-bounce.log"), logs.resolve("mail.2024-01.txt"));
    Files.copy(SampleLogs.path("postfix/forward-bounce.log"), logs.resolve("mail.log.txt"));
    Files.copy(SampleLogs.path("postfix/loopback-relay.pflogsumm.txt"), logs.resolve("mail.pflogsumm.txt"));
    ResolvedInputs resolved = InputResolver.resolveAll(List.of(logs.toString()));
    assertThat(resolved.inputs()).map(i -> i.path().orElseThrow().getFileName().toString())
        .containsExactlyInAnyOrder("mail.log", "mail.log.1.txt", "mail.2024-01.txt", "mail.log.txt");
    assertThat(resolved.skipped()).extracting(s -> s.file().getFileName().toString(), SkippedFile::why)
        .containsExactly(tuple("mail.pflogsumm.txt", SkippedFile.Why.NAMED_AFTER_A_LOG));
  }

  @Test
  void fileNamedAsAnArgument_isReadEvenWhenAFolderWouldSkipIt() throws IOException {
    Path logs = postmastersFolder(dir);
    ResolvedInputs resolved = InputResolver.resolveAll(List.of(logs.resolve("README.md").toString(),
        logs.resolve("access.db").toString()));
    assertThat(resolved.inputs()).hasSize(2);
    assertThat(resolved.skipped()).isEmpty();
  }

  @Test
  void binary_isControlBytesNotNuls_andNeverACompressedLog() throws IOException {
    byte[] text = "Nov 29 13:28:45 mx1 postfix/qmgr[1]: 2084020C171: removed\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(FileContent.isBinary(text, text.length)).isFalse();
    // copytruncate with a writer that kept its offset: the log starts with a run of NULs
    byte[] holed = new byte[4096 + text.length];
    System.arraycopy(text, 0, holed, 4096, text.length);
    assertThat(FileContent.isBinary(holed, holed.length)).isFalse();
    byte[] utf16 = "Nov 29 13:28:45 mx1 postfix/qmgr[1]: removed\n".getBytes(StandardCharsets.UTF_16LE);
    assertThat(FileContent.isBinary(utf16, utf16.length)).isFalse();
    byte[] packed = new byte[1024];
    new Random(7).nextBytes(packed);
    assertThat(FileContent.isBinary(packed, packed.length)).isTrue();
    Path gz = dir.resolve("mail.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(packed); // compressed noise: still a compressed file, read (and its problems counted)
    }
    assertThat(FileContent.isBinary(gz)).isFalse();
    assertThat(FileContent.isBinary(Files.write(dir.resolve("packed"), packed))).isTrue();
    assertThat(FileContent.isCompressed(Arrays.copyOf(Files.readAllBytes(gz), 2))).isTrue();
  }
}
