package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smtplog.cli.option.Destination;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, section 1: output that fails is never taken for a complete one; -o never overwrites an input. */
class OutputIntegrityTest {
  private static final String LOG = CliRun.sample("postfix/content-filter.log").toString();

  /** Standard output on a full disk: every write fails as the kernel says. */
  private static final class FullDisk extends OutputStream {
    int writes;

    @Override
    public void write(int b) throws IOException {
      writes++;
      throw new IOException("No space left on device");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      write(0);
    }
  }

  private static CliRun run(OutputStream stdout, String... args) {
    StringWriter err = new StringWriter();
    int code = AnalyzerCli.run(stdout, new PrintWriter(err, true), args);
    return new CliRun(code, "", err.toString());
  }

  private static List<String> smtplogLines(String err) {
    return err.lines().filter(l -> l.startsWith("smtplog:")).toList();
  }

  @Test
  void standardOutputOnAFullDisk_exitsThreeWithOneLine() {
    FullDisk disk = new FullDisk();
    CliRun run = run(disk, "report", "relay", LOG);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(smtplogLines(run.err())).containsExactly(
        "smtplog: the output is incomplete: cannot write to standard output: no space left on device");
    assertThat(run.err()).contains("Read 575 lines in 1 file").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(disk.writes).isPositive();
  }

  @Test
  void standardOutputOnDevFull_exitsThree() throws IOException {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "no writable /dev/full on this system");
    try (FileOutputStream out = new FileOutputStream(full.toFile())) {
      CliRun run = run(out, "report", "relay", "--format", "json", LOG);
      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(smtplogLines(run.err())).containsExactly(
          "smtplog: the output is incomplete: cannot write to standard output: no space left on device");
    }
  }

  @Test
  void aReaderThatClosedThePipe_endsQuietly() {
    // `smtplog ... | head`: the reader has what it wanted; the run ends as it would have.
    OutputStream closedPipe = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    CliRun run = run(closedPipe, "report", "relay", LOG);
    assertThat(run.exitCode()).isZero();
    assertThat(smtplogLines(run.err())).isEmpty();
  }

  @Test
  void standardOutputThatWorks_getsTheWholeReport() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CliRun run = run(out, "report", "relay", "--format", "csv", "--section", "relay", LOG);
    assertThat(run.exitCode()).isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("domain,recipients,")
        .contains("\nsmtplog.test,5,2,").contains("\n*,15,9,5,2,0,2,7,2,0,4,1,1,0,");
  }

  @Test
  void outputFile_success_leavesExactlyTheFile(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("relay.json");
    CliRun run = CliRun.run("report", "relay", "--format", "json", "-o", report.toString(), LOG);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(names(dir)).containsExactly("relay.json");
    assertThat(CliRun.relayTotals(Files.readString(report)).path("recipients").asLong()).isEqualTo(15);
  }

  @Test
  void outputFile_aWriterThatFails_leavesNeitherTheFileNorATemporaryOne(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("report.txt");
    assertThatThrownBy(() -> {
      try (Destination d = Destination.file(report)) {
        d.writer().write("the first half of a report\n");
        d.writer().flush();
        assertThat(names(dir)).hasSize(1).allMatch(n -> n.startsWith(".report.txt.") && n.endsWith(".tmp"));
        throw new IllegalStateException("the formatter failed half-way");
      }
    }).hasMessage("the formatter failed half-way");
    assertThat(names(dir)).isEmpty();
  }

  @Test
  void outputFile_aFailedRewrite_leavesTheOldFileAsItWas(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("report.txt");
    Files.writeString(report, "last week's report\n");
    assertThatThrownBy(() -> {
      try (Destination d = Destination.file(report)) {
        d.writer().write("this week's, cut short");
        throw new IOException("No space left on device");
      }
    }).isInstanceOf(IOException.class);
    assertThat(names(dir)).containsExactly("report.txt");
    assertThat(Files.readString(report)).isEqualTo("last week's report\n");
  }

  @Test
  void outputFile_committed_replacesTheOldOne(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("report.txt");
    Files.writeString(report, "last week's report\n");
    try (Destination d = Destination.file(report)) {
      d.writer().write("this week's report\n");
      d.commit();
    }
    assertThat(names(dir)).containsExactly("report.txt");
    assertThat(Files.readString(report)).isEqualTo("this week's report\n");
  }

  @Test
  void outputFileInAFolderOneCannotWrite_isWrittenInPlace_andEmptiedOnFailure(@TempDir Path dir) throws IOException {
    Path folder = Files.createDirectory(dir.resolve("shared"));
    Path report = Files.writeString(folder.resolve("report.txt"), "last week's report\n");
    folder.toFile().setWritable(false);
    try {
      assumeTrue(!Files.isWritable(folder), "running as root: every folder is writable");
      try (Destination d = Destination.file(report)) {
        d.writer().write("this week's report\n");
        d.commit();
      }
      assertThat(Files.readString(report)).isEqualTo("this week's report\n");
      assertThatThrownBy(() -> {
        try (Destination d = Destination.file(report)) {
          d.writer().write("next week's, cut short");
          throw new IllegalStateException("the formatter failed half-way");
        }
      }).hasMessage("the formatter failed half-way");
      assertThat(Files.readString(report)).isEmpty();
    } finally {
      folder.toFile().setWritable(true);
    }
  }

  @Test
  void outputNamingAnInput_isRefusedBeforeReading(@TempDir Path dir) throws IOException {
    Path log = Files.copy(Path.of(LOG), dir.resolve("mail.log"));
    byte[] before = Files.readAllBytes(log);
    Path link = Files.createSymbolicLink(dir.resolve("link.log"), log);
    Files.createDirectories(dir.resolve("sub"));
    for (String output : List.of(log.toString(), link.toString(), dir.resolve("sub/../mail.log").toString())) {
      CliRun run = CliRun.run("report", "relay", "-o", output, log.toString());
      assertThat(run.exitCode()).as(output).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(output).isEqualTo("smtplog: --output " + output + " is the input " + log
          + ": writing it would overwrite what is read; write the output elsewhere\n");
      assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }
    // A directory input: its files are the inputs.
    CliRun fromDir = CliRun.run("sessions", "-o", log.toString(), dir.toString());
    assertThat(fromDir.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(fromDir.err()).startsWith("smtplog: --output " + log + " is the input ");
    assertThat(Files.readAllBytes(log)).isEqualTo(before);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The shell's own redirections and devices are written to as they are: never replaced, truncated or synced. */
  @Test
  void aDeviceOrDescriptor_isWrittenAsItIs() {
    assertThat(io.smtplog.cli.option.Destination.isDescriptor(java.nio.file.Path.of("/dev/stdout"))).isTrue();
    assertThat(io.smtplog.cli.option.Destination.isDescriptor(java.nio.file.Path.of("/proc/self/fd/1"))).isTrue();
    assertThat(io.smtplog.cli.option.Destination.isDescriptor(java.nio.file.Path.of("/tmp/report.csv"))).isFalse();
    assertThat(io.smtplog.cli.option.Destination.isDescriptor(java.nio.file.Path.of("/dev/shm/report.csv"))).isFalse();
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isWritable(java.nio.file.Path.of("/dev/null")),
        "no writable /dev/null here");
    CliRun run = CliRun.run("report", "relay", "--format", "csv", "-o", "/dev/null", LOG);
    assertThat(run.exitCode()).as(run.err()).isZero();
  }
}
