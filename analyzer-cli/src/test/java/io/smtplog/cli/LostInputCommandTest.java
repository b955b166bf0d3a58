package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 1, as the user sees it: a cut archive is reported with every line it still
 * holds and one problem line; a named pipe is read like a file; a subdirectory that cannot be
 * read is named with its reason, the rest is reported, and the exit code is 3 (docs/commands.md, "Exit codes").
 */
class LostInputCommandTest {
  private static final String LOG = CliRun.sample("postfix/loopback-relay.log").toString();

  @TempDir Path temp;

  @Test
  void aCutGzip_isReportedWithEveryWholeLine_andOneProblemLine() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      out.write(Files.readAllBytes(Path.of(LOG)));
    }
    Path cut = temp.resolve("mail.log.1.gz");
    Files.write(cut, java.util.Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2));
    // What gzip itself still gives (zcat): every byte up to the cut.
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(cut))) {
      for (int b; (b = in.read()) >= 0; ) {
        whole.write(b);
      }
    } catch (java.io.EOFException expected) {
      // the cut
    }
    long lines = whole.toString(java.nio.charset.StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
    assertThat(lines).isBetween(500L, 1200L);

    CliRun run = CliRun.run("report", "relay", "--format", "json", "--year", "2026", "--timezone", "UTC", cut.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode input = new ObjectMapper().readTree(run.out()).get("input");
    assertThat(input.get("lines").asLong()).isEqualTo(lines);
    assertThat(input.get("bytes").asLong()).isEqualTo(whole.size());
    assertThat(run.err()).contains(cut + ":" + (lines + 1) + " [UNREADABLE_INPUT] the compressed data ends early after "
        + lines + " lines (a cut or unfinished copy?): the lines before were read\n");
  }

  @Test
  void aNamedPipe_isReadLikeAFile() throws Exception {
    Path fifo = temp.resolve("pipe");
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
      assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed: no named pipes here");
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo on this machine: " + e.getMessage());
    }
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        Files.copy(Path.of(LOG), out);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.setDaemon(true);
    writer.start();
    CliRun run = CliRun.run("report", "relay", "--format", "json", "--year", "2026", "--timezone", "UTC", fifo.toString());
    writer.join(10_000);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(CliRun.relayTotals(run.out()).get("recipients").asInt()).isEqualTo(47);
  }

  @Test
  void anUnreadableSubdirectory_isNamed_theRestIsReported_andTheExitCodeIs3() throws IOException {
    Path logs = temp.resolve("logs");
    Files.createDirectories(logs.resolve("locked"));
    Files.copy(Path.of(LOG), logs.resolve("mail.log"));
    Files.copy(Path.of(LOG), logs.resolve("locked/mail.log"));
    Path locked = logs.resolve("locked");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(Files.isReadable(locked), "running as root: permissions do not stop root's reads"
          + " (.ci/run can run this test as an unprivileged user)");
      CliRun run = CliRun.run("report", "relay", "--format", "json", "--year", "2026", "--timezone", "UTC",
          logs.toString());
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(CliRun.relayTotals(run.out()).get("recipients").asInt()).isEqualTo(47);
      assertThat(run.err()).contains(locked + ":1 [UNREADABLE_INPUT] cannot read: permission denied");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
