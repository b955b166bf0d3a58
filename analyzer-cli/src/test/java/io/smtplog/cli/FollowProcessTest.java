package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.follow.SameIndex;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smtplog follow} as a process of its own (java -cp, AnalyzerCli's main), while a writer
 * thread appends real log lines: killed with SIGKILL mid-way and started again, then stopped with
 * SIGTERM, its index is that of one ingest of the whole log (nothing lost, nothing twice); a file
 * that does not exist yet is waited for, and said so once.
 */
class FollowProcessTest {
  private static final int BATCH = 10;
  private static final long PATIENCE_SECONDS = 120;

  /** Appends the lines in batches, a little apart, on its own thread; fails the test if writing fails. */
  private static final class Appender extends Thread {
    final List<String> lines;
    final Path log;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Past two thirds of the lines the writer waits for this (the follower killed): the kill comes mid-way. */
    final java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
    volatile int written;

    Appender(List<String> lines, Path log) {
      super("test-appender");
      this.lines = lines;
      this.log = log;
    }

    @Override
    public void run() {
      try {
        while (written < lines.size()) {
          if (written >= lines.size() * 2 / 3) {
            killed.await();
          }
          int end = Math.min(lines.size(), written + BATCH);
          StringBuilder batch = new StringBuilder();
          lines.subList(written, end).forEach(l -> batch.append(l).append('\n'));
          Files.writeString(log, batch, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          written = end;
          Thread.sleep(5);
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        failure.set(e);
      }
    }
  }

  private static Process follow(Path index, Path log, Path err) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AnalyzerCli.class.getName(),
        "follow", "--index", index.toString(), "--poll", "50", "--commit-every", "0.2", "--timezone", "UTC",
        "--year", "2026", log.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()))
        .start();
  }

  /** Lines the index's last commit holds (0 before the first commit). */
  private static long committedLines(Path index) throws IOException {
    if (!Files.exists(index) || Files.list(index).noneMatch(f -> f.getFileName().toString().startsWith("segments_"))) {
      return 0;
    }
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      return search.stats().lines();
    } catch (IndexSearch.BuildingException e) {
      return 0;
    }
  }

  private static void waitUntil(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited too long for " + what).isLessThan(deadline);
      Thread.sleep(100); // stats() verifies every segment: not too often
    }
  }

  private static long committedOrZero(Path index) {
    try {
      return committedLines(index);
    } catch (IOException e) {
      return 0; // a commit being written: read again
    }
  }

  @Test
  void killedMidway_andStartedAgain_theIndexIsThatOfOneIngest(@TempDir Path tmp) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String sample : List.of("postfix/loopback-relay.log", "postfix/debug-verbose.log",
        "postfix/forward-bounce.log")) {
      lines.addAll(Files.readAllLines(CliRun.sample(sample), StandardCharsets.UTF_8));
    }
    Path log = tmp.resolve("mail.log");
    Path index = tmp.resolve("idx");
    Path err = tmp.resolve("follow.err");
    Appender appender = new Appender(lines, log);
    appender.start();
    Process first = follow(index, log, err);
    waitUntil("a first commit", () -> committedOrZero(index) > 0);
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
    assertThat(first.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(appender.written).as("the log is still being written").isLessThan(lines.size());
    appender.killed.countDown();
    long atKill = committedLines(index);
    assertThat(atKill).as("lines committed before the kill").isPositive().isLessThan(lines.size());

    Process second = follow(index, log, err);
    appender.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
    assertThat(appender.failure.get()).isNull();
    waitUntil("every line committed", () -> committedOrZero(index) == lines.size());
    second.destroy(); // SIGTERM: stops after its round, writes what is open, commits
    assertThat(second.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    String said = Files.readString(err);
    assertThat(said.split("Following 1 input into " + index + "; Ctrl-C stops.\n", -1)).as(said).hasSize(3);
    assertThat(said).as("the killed one said nothing more").containsOnlyOnce("Stopped: read ")
        .doesNotContain("Exception")
        .as("the stories open at the last commit before the kill were taken up from their lines")
        .containsPattern("; [1-9][0-9,]* lines? of the index's stories read again at the start\\.\n$");

    Path once = tmp.resolve("once");
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 2, 20);
    LogIndexer.ingest(once, List.of(LogInput.of(log)), options, b -> { });
    SameIndex.assertSameIndex(index, once, options);
  }

  @Test
  void aMissingFile_isWaitedFor_andSaidOnce(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("mail.log");
    Path index = tmp.resolve("idx");
    Path err = tmp.resolve("follow.err");
    Process follower = follow(index, log, err);
    waitUntil("the follower to start", () -> readOrEmpty(err).contains("Ctrl-C stops."));
    List<String> lines = Files.readAllLines(CliRun.sample("exim/relay-mainlog.log"), StandardCharsets.UTF_8);
    Files.write(log, lines, StandardCharsets.UTF_8);
    waitUntil("the lines of the file once it appeared", () -> committedOrZero(index) == lines.size());
    follower.destroy();
    assertThat(follower.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    long recipients;
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      recipients = search.count(IndexSearch.parse("kind:recipient AND NOT provisional:true", ZoneOffset.UTC,
          java.time.Instant.now()));
    }
    assertThat(recipients).isPositive();
    String said = Files.readString(err);
    assertThat(said).isEqualTo("Waiting for " + log + ", which does not exist yet.\n"
        + "Following 1 input into " + index + "; Ctrl-C stops.\n"
        + "Stopped: read " + lines.size() + " lines in " + roundsOf(said) + " rounds; " + recipients
        + " recipient outcomes; 0 lines of the index's stories read again at the start.\n");
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String roundsOf(String said) {
    return said.replaceAll("(?s).* lines in ([0-9,]+) rounds;.*", "$1");
  }
}
