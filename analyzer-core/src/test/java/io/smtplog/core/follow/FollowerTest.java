package io.smtplog.core.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real log written in pieces while a follower reads it round by round (the rounds driven one by
 * one, no timing): appends, a partial last line completed later, rotation by rename and by copy and
 * truncate, a compressed rotation, the file gone and back, truncation in place. After each, the index
 * holds the documents and the relay report of one ingest of the same lines, and the listener of
 * fresh outcomes was told each recipient once.
 */
class FollowerTest {

  /** The sample's lines, written to a followed file in pieces. */
  private static final class Writer {
    final List<String> lines;
    final Path log;
    int next;
    String half;

    Writer(Path sample, Path log) throws IOException {
      this.lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
      this.log = log;
    }

    /** Appends the next {@code n} lines (all that are left when fewer) to {@code file}. */
    void append(Path file, int n) throws IOException {
      StringBuilder out = new StringBuilder();
      if (half != null) {
        out.append(half).append('\n');
        half = null;
      }
      for (int end = (int) Math.min(lines.size(), (long) next + n); next < end; next++) {
        out.append(lines.get(next)).append('\n');
      }
      write(file, out.toString());
    }

    void append(int n) throws IOException {
      append(log, n);
    }

    /** {@code n} lines of the postfix sample's 1,702, as many in proportion of this sample's. */
    int part(int n) {
      return Math.max(1, n * lines.size() / 1702);
    }

    /** Appends the first half of the next line, without its newline: a line still being written. */
    void appendHalf() throws IOException {
      String line = lines.get(next++);
      write(log, line.substring(0, line.length() / 2));
      half = line.substring(line.length() / 2);
    }

    private static void write(Path file, String text) throws IOException {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** A follower of one file, with what it told. */
  private static final class Followed {
    final Follower follower;
    final List<FollowCycle> cycles = new ArrayList<>();
    final Map<String, Long> fresh = new TreeMap<>();

    Followed(Path index, Path log, ReadOptions options) throws IOException {
      OutcomeListener counter = OutcomeListener.of(this::told, false);
      follower = Follower.open(IndexStore.local(index), List.of(log), null, options,
          new Follower.Options(Duration.ofMillis(10), Duration.ZERO), counter, cycles::add);
    }

    /** Told outcomes: recipients by status, the other kinds by kind. */
    final Map<String, Long> told = new TreeMap<>();

    private void told(Outcome outcome) {
      if (outcome instanceof RecipientOutcome r) {
        fresh.merge(r.status().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
      }
      told.merge(outcome instanceof RecipientOutcome r ? "recipient " + r.status() : outcome.getClass().getSimpleName(),
          1L, Long::sum);
    }

    FollowCycle round() throws IOException {
      return follower.round();
    }

    /** Stops: what is open is written, provisionally, and committed. */
    void end() throws IOException {
      follower.stop();
      follower.run();
      follower.close();
    }
  }

  private static ReadOptions options() throws IOException {
    return SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2);
  }

  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource({"appends, postfix/loopback-relay.log", "rename, postfix/loopback-relay.log",
    "copytruncate, postfix/loopback-relay.log", "compressed, postfix/loopback-relay.log",
    "goneAndBack, postfix/loopback-relay.log", "truncated, postfix/loopback-relay.log",
    "appends, exim/relay-mainlog.log", "rename, exim/relay-mainlog.log", "copytruncate, exim/relay-mainlog.log",
    "compressed, postfix/content-filter.log", "truncated, postfix/forward-bounce.log"})
  void aFollowedLog_givesTheIndexOfOneIngestOfItsLines(String scenario, String sample, @TempDir Path tmp)
      throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Path log = logs.resolve("mail.log");
    Writer w = new Writer(SampleLogs.path(sample), log);
    Followed f = new Followed(tmp.resolve("follow"), log, options());
    FollowCycle first = f.round();
    assertThat(first.inputsPresent()).as("the file is waited for").isZero();
    assertThat(first.linesRead()).isZero();
    switch (scenario) {
      case "appends" -> {
        w.append(w.part(300));
        assertThat(f.round().linesRead()).isEqualTo(w.part(300));
        w.append(w.part(200));
        w.appendHalf();
        FollowCycle partial = f.round();
        assertThat(partial.linesRead()).as("the half line waits").isEqualTo(w.part(200));
        assertThat(partial.lagBytes()).as("the half line is not read yet").isPositive();
        assertThat(f.round().linesRead()).as("nothing new").isZero();
        w.append(w.part(400));
        assertThat(f.round().linesRead()).as("the completed line and the new ones").isEqualTo(w.part(400) + 1);
      }
      case "rename" -> {
        w.append(w.part(500));
        f.round();
        w.append(w.part(100));
        Path rotated = logs.resolve("mail.log.1");
        Files.move(log, rotated);
        w.append(rotated, w.part(50)); // the daemon writes to the old file until it reopens its log
        w.append(w.part(200));
        FollowCycle after = f.round();
        assertThat(after.linesRead()).as("the rest of the old file, then the new file")
            .isEqualTo(w.part(100) + w.part(50) + w.part(200));
      }
      case "copytruncate" -> {
        w.append(w.part(600));
        f.round();
        w.append(w.part(100));
        Files.copy(log, logs.resolve("mail.log.1"));
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        w.append(w.part(300));
        assertThat(f.round().linesRead()).as("the rest of the copy, then the file from its start")
            .isEqualTo(w.part(100) + w.part(300));
      }
      case "compressed" -> {
        w.append(w.part(500));
        f.round();
        Path rotated = logs.resolve("mail.log.1");
        Files.move(log, rotated);
        w.append(rotated, w.part(100));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("mail.log.1.gz")))) {
          Files.copy(rotated, out);
        }
        Files.delete(rotated);
        w.append(w.part(300));
        assertThat(f.round().linesRead()).as("a new compressed copy waits a round (it may be in progress)").isZero();
        assertThat(f.round().linesRead()).as("the rest of the compressed copy, then the new file")
            .isEqualTo(w.part(100) + w.part(300));
      }
      case "goneAndBack" -> {
        w.append(w.part(500));
        f.round();
        Files.delete(log);
        assertThat(f.round().inputsPresent()).isZero();
        assertThat(f.round().linesRead()).isZero();
        w.append(w.part(300));
        FollowCycle back = f.round();
        assertThat(back.inputsPresent()).isEqualTo(1);
        assertThat(back.linesRead()).isEqualTo(w.part(300));
      }
      case "truncated" -> {
        w.append(w.part(600));
        f.round();
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        w.append(w.part(200));
        assertThat(f.round().linesRead()).as("the file read again from its start").isEqualTo(w.part(200));
      }
      default -> throw new IllegalArgumentException(scenario);
    }
    w.append(w.lines.size());
    FollowCycle last = f.round();
    assertThat(last.committed()).isTrue();
    assertThat(last.lagBytes()).isZero();
    assertThat(f.round().linesRead()).isZero();
    f.end();
    assertThat(f.cycles.stream().mapToLong(FollowCycle::linesRead).sum()).as("every line read once")
        .isEqualTo(w.lines.size());

    Path whole = tmp.resolve("whole.log");
    Files.write(whole, w.lines, StandardCharsets.UTF_8);
    Path once = tmp.resolve("once");
    LogIndexer.ingest(once, List.of(LogInput.of(whole)), options(), b -> { });
    SameIndex.assertSameIndex(tmp.resolve("follow"), once, options());
    assertThat(f.fresh).as("recipients told once, by status").isEqualTo(SameIndex.finalRecipients(once)).isNotEmpty();
  }

  /**
   * Followed, stopped with stories open (written provisionally), and followed again by a new
   * follower: the index is that of one ingest, and the two told each recipient once between them
   * (the second does not tell again the outcomes of open stories it writes again from their lines).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"postfix/loopback-relay.log, 900", "postfix/filter-race.log, 101", "exim/nopid-mainlog.log, 60"})
  void aFollowerStoppedAndStartedAgain_goesOnWhereItStopped(String sample, int cut, @TempDir Path tmp)
      throws Exception {
    Path log = tmp.resolve("mail.log");
    Writer w = new Writer(SampleLogs.path(sample), log);
    Followed before = new Followed(tmp.resolve("follow"), log, options());
    w.append(cut);
    before.round();
    before.end();
    Followed after = new Followed(tmp.resolve("follow"), log, options());
    assertThat(after.follower.replayedLines()).as("lines of stories open at the stop").isPositive();
    w.append(w.lines.size());
    assertThat(after.round().linesRead()).isEqualTo(w.lines.size() - cut);
    after.end();
    Path once = tmp.resolve("once");
    LogIndexer.ingest(once, List.of(LogInput.of(SampleLogs.path(sample))), options(), b -> { });
    SameIndex.assertSameIndex(tmp.resolve("follow"), once, options());
    Map<String, Long> told = new TreeMap<>(before.fresh);
    after.fresh.forEach((status, n) -> told.merge(status, n, Long::sum));
    assertThat(told).isEqualTo(SameIndex.finalRecipients(once));
    // Every kind of outcome (attempts, replies, observations too): as one follower reading all at once tells them.
    Map<String, Long> all = new TreeMap<>(before.told);
    after.told.forEach((kind, n) -> all.merge(kind, n, Long::sum));
    Path copy = tmp.resolve("copy.log");
    Files.copy(log, copy);
    Followed whole = new Followed(tmp.resolve("whole"), copy, options());
    whole.round();
    whole.end();
    assertThat(all).isEqualTo(whole.told).isNotEmpty();
  }

  /**
   * Standard input (the journal's JSON, as {@code journalctl -f -o json} writes it) is copied into a
   * spool file and followed like a file; the follower ends once it ended and all of it was read.
   */
  @Test
  void standardInput_isFollowedThroughASpool_andTheRunEndsWithIt(@TempDir Path tmp) throws Exception {
    Path sample = SampleLogs.path("journal/header-checks.journal.json");
    byte[] bytes = Files.readAllBytes(sample);
    List<FollowCycle> cycles = new ArrayList<>();
    Path index = tmp.resolve("follow");
    Follower follower = Follower.open(IndexStore.local(index), List.of(), new ByteArrayInputStream(bytes), options(),
        new Follower.Options(Duration.ofMillis(10), Duration.ZERO), OutcomeListener.of(o -> { }, false), cycles::add);
    follower.run();
    follower.close();
    assertThat(cycles).isNotEmpty().allSatisfy(c -> assertThat(c.inputsPresent()).isEqualTo(1));
    long lines = Files.readAllLines(sample).size();
    assertThat(cycles.stream().mapToLong(FollowCycle::linesRead).sum()).isEqualTo(lines);
    assertThat(cycles.stream().filter(c -> c.lastLogged().isPresent())).isNotEmpty();
    Path once = tmp.resolve("once");
    LogIndexer.ingest(once, List.of(LogInput.of(sample)), options(), b -> { });
    SameIndex.assertSameIndex(index, once, options());
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("smtplog-stdin-")))
          .as("the spool is deleted").isEmpty();
    }

    // Started again, its upstream sends the same entries again (and more): they are known by their content.
    byte[] more = Files.readAllBytes(SampleLogs.path("journal/header-checks.journal.json"));
    byte[] again = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
    System.arraycopy(more, 0, again, bytes.length, more.length);
    List<FollowCycle> second = new ArrayList<>();
    Follower restarted = Follower.open(IndexStore.local(index), List.of(), new ByteArrayInputStream(again), options(),
        new Follower.Options(Duration.ofMillis(10), Duration.ZERO), OutcomeListener.of(o -> { }, false), second::add);
    restarted.run();
    restarted.close();
    assertThat(second.stream().mapToLong(FollowCycle::linesRead).sum()).as("only the entries after those read")
        .isEqualTo(lines);
  }

  /**
   * Standard input shorter than a checkpoint's prefix, seen by a round while it was still open (so
   * waited for) and then ended without another byte: it is read once it ended, not left unread
   * because its copy did not change since that round.
   */
  @Test
  void shortStandardInput_seenOpenThenEnded_isRead(@TempDir Path tmp) throws Exception {
    List<String> lines = Files.readAllLines(SampleLogs.path("postfix/loopback-relay.log")).subList(0, 10);
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).as("shorter than a checkpoint's prefix").isLessThan(4096);
    java.io.PipedOutputStream upstream = new java.io.PipedOutputStream();
    java.io.PipedInputStream in = new java.io.PipedInputStream(upstream, 1 << 16);
    List<FollowCycle> cycles = new ArrayList<>();
    Follower follower = Follower.open(IndexStore.local(tmp.resolve("follow")), List.of(), in, options(),
        new Follower.Options(Duration.ofMillis(10), Duration.ZERO), OutcomeListener.of(o -> { }, false), cycles::add);
    java.lang.reflect.Field field = Follower.class.getDeclaredField("spool");
    field.setAccessible(true);
    Spool spool = (Spool) field.get(follower);
    upstream.write(bytes);
    upstream.flush();
    while (Files.size(spool.file()) < bytes.length) {
      Thread.sleep(5); // the copier thread writes them into the spool
    }
    follower.round(); // open: waited for
    upstream.close();
    while (!spool.ended()) {
      Thread.sleep(5);
    }
    follower.run(); // ended: read, then the run ends
    follower.close();
    assertThat(cycles.stream().mapToLong(FollowCycle::linesRead).sum()).isEqualTo(lines.size());
  }

  /**
   * Stopped, then the log rotated twice by rename before the follower started again: the rest of the
   * file it read (now mail.log.2), the whole generation it never saw (mail.log.1) and the new file
   * are read, each once; an older copy never read stays history.
   */
  @Test
  void twoRotationsWhileStopped_theGenerationNeverSeenIsRead(@TempDir Path tmp) throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Path log = logs.resolve("mail.log");
    Files.copy(SampleLogs.path("exim/relay-mainlog.log"), logs.resolve("mail.log.3")); // history, never read
    Writer w = new Writer(SampleLogs.path("postfix/loopback-relay.log"), log);
    Followed a = new Followed(tmp.resolve("follow"), log, options());
    w.append(w.part(500));
    a.round();
    a.end();
    w.append(w.part(100));
    Files.move(log, logs.resolve("mail.log.1"));
    w.append(w.part(200));
    Files.move(logs.resolve("mail.log.1"), logs.resolve("mail.log.2"));
    Files.move(log, logs.resolve("mail.log.1"));
    w.append(w.part(300));
    Followed b = new Followed(tmp.resolve("follow"), log, options());
    long read = b.round().linesRead() + b.round().linesRead();
    assertThat(read).isEqualTo(w.part(100) + w.part(200) + w.part(300));
    w.append(w.lines.size());
    b.round();
    b.end();
    Path whole = tmp.resolve("whole.log");
    Files.write(whole, w.lines, StandardCharsets.UTF_8);
    Path once = tmp.resolve("once");
    LogIndexer.ingest(once, List.of(LogInput.of(whole)), options(), bytes -> { });
    SameIndex.assertSameIndex(tmp.resolve("follow"), once, options());
  }

  /** A rotated file never read (older history beside the followed file) is not read. */
  @Test
  void aRotatedFileNeverRead_isLeftAlone(@TempDir Path tmp) throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Files.copy(SampleLogs.path("exim/relay-mainlog.log"), logs.resolve("mainlog.1"));
    Path log = logs.resolve("mainlog");
    Files.copy(SampleLogs.path("exim/nopid-mainlog.log"), log, StandardCopyOption.REPLACE_EXISTING);
    Followed f = new Followed(tmp.resolve("follow"), log, options());
    FollowCycle first = f.round();
    assertThat(first.linesRead()).isEqualTo(Files.readAllLines(log).size());
    assertThat(Follower.rotatedCopies(log)).containsExactly(logs.resolve("mainlog.1"));
    f.end();
  }
}
