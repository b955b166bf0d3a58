package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 1: inputs that are not plain files in readable directories. A named pipe (as
 * {@code <(cmd)} and {@code /dev/stdin} are) is read as a stream, once; a subdirectory that cannot
 * be listed is one unreadable input, with its reason, and the rest is read; a file that cannot be
 * opened is a problem with its reason.
 */
class InputResolverTest {
  private static final String ROOT_READS_ALL = "running as root: permissions do not stop root's reads"
      + " (.ci/run can run this test as an unprivileged user)";

  @TempDir Path dir;

  private static ReadOptions options() throws IOException {
    return SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2);
  }

  /** Makes a named pipe with mkfifo; skips the test where there is none. */
  private Path fifo(String name) throws Exception {
    Path fifo = dir.resolve(name);
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
      assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed: no named pipes here");
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo on this machine: " + e.getMessage());
    }
    return fifo;
  }

  /** Writes the Postfix sample into the pipe from another thread (the writer blocks until a reader opens it). */
  private static Thread writeSampleInto(Path fifo) {
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log")));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "fifo-writer");
    writer.setDaemon(true);
    writer.start();
    return writer;
  }

  @Test
  void aNamedPipe_isReadAsAStream() throws Exception {
    Path fifo = fifo("pipe");
    List<LogInput> inputs = InputResolver.resolve(List.of(fifo.toString()));
    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).isStream()).isTrue();
    Thread writer = writeSampleInto(fifo);
    List<MailEvent> events = new ArrayList<>();
    IngestReport report = new LogPipeline(options()).run(inputs, events::add);
    writer.join(10_000);
    assertThat(report.linesRead()).isEqualTo(1702);
    assertThat(events).hasSize(882);
    assertThat(report.problems()).isZero();
    assertThat(report.bytesRead()).isEqualTo(Files.size(SampleLogs.path("postfix/loopback-relay.log")));
  }

  /**
   * More than one chunk through a pipe, plain and gzip: every byte as from the file (the year of its
   * stamps once came from a second open of the pipe that took six bytes from it, past the first MiB).
   */
  @Test
  void aNamedPipe_ofManyChunks_losesNoByte() throws Exception {
    byte[] sample = Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log"));
    java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
    while (plain.size() < 3 << 20) { // three chunks
      plain.write(sample);
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      plain.writeTo(out);
    }
    // No --year: the year of stamps without one comes from the input's newest stamp.
    ReadOptions noYear = new ReadOptions(java.time.ZoneOffset.UTC, java.util.OptionalInt.empty(), 2, 20);
    Path file = dir.resolve("many.log");
    Files.write(file, plain.toByteArray());
    IngestReport expected = new LogPipeline(noYear).run(InputResolver.resolve(List.of(file.toString())), e -> { });
    for (byte[] content : List.of(plain.toByteArray(), gz.toByteArray())) {
      Path fifo = fifo("pipe" + content.length);
      Thread writer = new Thread(() -> {
        try (OutputStream out = Files.newOutputStream(fifo)) {
          out.write(content);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, "fifo-writer");
      writer.setDaemon(true);
      writer.start();
      IngestReport report = new LogPipeline(noYear).run(InputResolver.resolve(List.of(fifo.toString())), e -> { });
      writer.join(10_000);
      assertThat(report.linesRead()).isEqualTo(expected.linesRead());
      assertThat(report.bytesRead()).isEqualTo(plain.size());
      assertThat(report.eventsParsed()).isEqualTo(expected.eventsParsed());
      assertThat(report.problems()).isZero();
    }
  }

  /** The ingest reads a pipe once: its first bytes are not taken to know it (they would be gone). */
  @Test
  void aNamedPipe_isIngestedWhole() throws Exception {
    Path fifo = fifo("pipe");
    Thread writer = writeSampleInto(fifo);
    LogIndexer.Result result = LogIndexer.ingest(dir.resolve("index"), InputResolver.resolve(List.of(fifo.toString())),
        options(), b -> { });
    writer.join(10_000);
    assertThat(result.ingest().linesRead()).isEqualTo(1702);
    assertThat(result.recipients()).isEqualTo(47);
  }

  /** A device (as /dev/stdin and /dev/fd/N are) is an input, not "no such file". */
  @Test
  void aDevice_isReadAsAnEmptyStream() throws IOException {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull), "no /dev/null here");
    List<LogInput> inputs = InputResolver.resolve(List.of(devNull.toString()));
    assertThat(inputs).extracting(LogInput::isStream).containsExactly(true);
    IngestReport report = new LogPipeline(options()).run(inputs, e -> { });
    assertThat(report.linesRead()).isZero();
    assertThat(report.problems()).isZero();
    assertThat(report.files()).containsExactly("/dev/null");
  }

  @Test
  void aRegularFile_isNoStream() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.writeString(log, "x\n");
    assertThat(LogInput.of(log).isStream()).isFalse();
    assertThat(LogInput.stdin().isStream()).isTrue();
  }

  private Path logsWithALockedSubdirectory() throws IOException {
    byte[] sample = Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log"));
    Files.createDirectories(dir.resolve("logs/open"));
    Files.createDirectories(dir.resolve("logs/locked"));
    Files.write(dir.resolve("logs/mail.log"), sample);
    Files.write(dir.resolve("logs/open/mail.log"), sample);
    Files.write(dir.resolve("logs/locked/mail.log"), sample);
    return dir.resolve("logs");
  }

  /** As a user the permissions stop would see it (simulated: root is never refused). */
  @Test
  void aSubdirectoryThatCannotBeListed_isOneUnreadableInput_andTheRestIsRead() throws IOException {
    Path logs = logsWithALockedSubdirectory();
    Path locked = logs.resolve("locked");
    List<LogInput> inputs = InputResolver.resolve(List.of(logs.toString()),
        d -> d.equals(locked) ? Optional.of("permission denied") : Optional.empty());
    assertThat(inputs).extracting(LogInput::displayName)
        .containsExactlyInAnyOrder(locked.toString(), logs.resolve("mail.log").toString(),
            logs.resolve("open/mail.log").toString());
    assertThat(inputs).filteredOn(i -> i.unreadable().isPresent()).extracting(LogInput::displayName)
        .containsExactly(locked.toString());
    List<MailEvent> events = new ArrayList<>();
    IngestReport report = new LogPipeline(options()).run(inputs, events::add);
    assertThat(report.linesRead()).isEqualTo(2 * 1702);
    assertThat(events).hasSize(2 * 882);
    assertThat(report.problems()).isEqualTo(1);
    assertThat(report.inputsNotOpened()).isEqualTo(1);
    assertThat(report.samples().get(0).toString())
        .isEqualTo(locked + ":1 [UNREADABLE_INPUT] cannot read: permission denied");
  }

  /** The same with real permissions: needs a user whom they stop. */
  @Test
  void aSubdirectoryWithoutPermissions_isReportedAsUnreadable() throws IOException {
    Path logs = logsWithALockedSubdirectory();
    Path locked = logs.resolve("locked");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(Files.isReadable(locked), ROOT_READS_ALL);
      List<LogInput> inputs = InputResolver.resolve(List.of(logs.toString()));
      assertThat(inputs).filteredOn(i -> i.unreadable().isPresent())
          .extracting(i -> i.displayName() + ": " + i.unreadable().get())
          .containsExactly(locked + ": permission denied");
      assertThat(inputs).hasSize(3);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aFileWithoutPermissions_isAProblemSayingWhy() throws IOException {
    Path log = dir.resolve("mail.log");
    Files.writeString(log, "x\n");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(log), ROOT_READS_ALL);
    IngestReport report = new LogPipeline(options()).run(InputResolver.resolve(List.of(log.toString())), e -> { });
    assertThat(report.inputsNotOpened()).isEqualTo(1);
    assertThat(report.samples().get(0).toString())
        .isEqualTo(log + ":1 [UNREADABLE_INPUT] cannot read: permission denied");
  }

  /** A file named again, through its folder or a link beside it, is read once (its lines would count twice). */
  @Test
  void aFileNamedTwice_isOneInput() throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Path log = Files.copy(SampleLogs.path("postfix/loopback-relay.log"), logs.resolve("mail.log"));
    Files.createSymbolicLink(logs.resolve("maillog"), log);
    List<LogInput> inputs = InputResolver.resolve(List.of(log.toString(), logs.toString()));
    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).path()).contains(log);
  }
}
