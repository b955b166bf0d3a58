package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, sections 1 and 3, on a disk that really fills up: an ingest says so and what the index
 * still holds, and a report written with {@code -o} leaves no file. Needs a small file system of its
 * own (filling the machine's disk is not an option): {@code SMTPLOG_TEST_SMALL_FS} names an empty,
 * writable one of a few megabytes, which {@code .ci/run} mounts (a tmpfs) when it runs as root.
 */
class DiskFullTest {
  private static final String SMALL_FS = "SMTPLOG_TEST_SMALL_FS";
  /** What is left free on the small file system once it is filled: less than an ingest or a report needs. */
  private static final long LEFT_FREE = 4 * 1024;

  private Path work;

  @BeforeEach
  void smallFileSystem() throws IOException {
    String root = System.getenv(SMALL_FS);
    assumeTrue(root != null && Files.isDirectory(Path.of(root)) && Files.isWritable(Path.of(root)),
        SMALL_FS + " names no writable folder: set it to a small file system of its own (e.g. mount -t tmpfs -o"
            + " size=2m tmpfs DIR as root; .ci/run does) to run the disk-full tests");
    long size = Files.getFileStore(Path.of(root)).getTotalSpace();
    assumeTrue(size < 64L << 20, SMALL_FS + " is " + size + " bytes: these tests fill it, so it must be small");
    work = Files.createTempDirectory(Path.of(root), "disk-full");
  }

  @AfterEach
  void cleanUp() throws IOException {
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void fill() throws IOException {
    long free = Files.getFileStore(work).getUsableSpace();
    try (RandomAccessFile f = new RandomAccessFile(work.resolve("fill").toFile(), "rw")) {
      byte[] block = new byte[64 * 1024];
      long left = free - LEFT_FREE;
      while (left > 0) {
        int n = (int) Math.min(block.length, left);
        f.write(block, 0, n);
        left -= n;
      }
    }
  }

  @Test
  void ingestOnAFullDisk_saysSoAndWhatTheIndexStillHolds() throws IOException {
    Path index = work.resolve("index");
    CliRun first = CliRun.run("ingest", "--index", index.toString(), CliRun.sample("postfix/content-filter.log")
        .toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    fill();
    CliRun full = CliRun.run("ingest", "--index", index.toString(), CliRun.sample("postfix").toString());
    assertThat(full.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(full.err().lines().filter(l -> l.startsWith("smtplog:")).toList()).containsExactly("smtplog: no space"
        + " left on device at " + index + "; the index at " + index + " still holds what was committed before: 575"
        + " lines; free some space and run the same ingest again: it goes on from there");
    Files.delete(work.resolve("fill"));
    CliRun count = CliRun.run("query", "--index", index.toString(), "--count", "kind:recipient");
    assertThat(count.exitCode()).as(count.err()).isZero();
    assertThat(count.out()).isEqualTo("15\n");
  }

  @Test
  void reportToAFileOnAFullDisk_leavesNoFile() throws IOException {
    fill();
    Path report = work.resolve("summary.html");
    CliRun run = CliRun.run("report", "summary", "--format", "html", "-o", report.toString(),
        CliRun.sample("postfix").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err().lines().filter(l -> l.startsWith("smtplog:")).toList()).containsExactly("smtplog: cannot"
        + " write " + report + ": no space left on device; it was not written (" + report + " is as it was)");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("fill"));
    }
  }
}
