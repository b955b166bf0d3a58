package io.smtplog.core.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.format.JsonFormat;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real log written in pieces while a follower reads it round by round (the rounds driven one by
 * one, no timing): appends, a partial last line completed later, rotation by rename and by copy and
 * truncate, a compressed rotation, the file gone and back, truncation in place. After each, the index
 * holds the documents and the relay report of one ingest of the same lines, and the listener of
 * fresh outcomes was told each recipient once.
 */
class FollowerTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Set<String> WHERE_READ = Set.of("file", "line", "session", "sessions");

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

    private void told(Outcome outcome) {
      if (outcome instanceof RecipientOutcome r) {
        fresh.merge(r.status().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
      }
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"appends", "rename", "copytruncate", "compressed", "goneAndBack", "truncated"})
  void aFollowedLog_givesTheIndexOfOneIngestOfItsLines(String scenario, @TempDir Path tmp) throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Path log = logs.resolve("mail.log");
    Writer w = new Writer(SampleLogs.path("postfix/loopback-relay.log"), log);
    Followed f = new Followed(tmp.resolve("follow"), log, options());
    FollowCycle first = f.round();
    assertThat(first.inputsPresent()).as("the file is waited for").isZero();
    assertThat(first.linesRead()).isZero();
    switch (scenario) {
      case "appends" -> {
        w.append(300);
        assertThat(f.round().linesRead()).isEqualTo(300);
        w.append(200);
        w.appendHalf();
        FollowCycle partial = f.round();
        assertThat(partial.linesRead()).as("the half line waits").isEqualTo(200);
        assertThat(partial.lagBytes()).as("the half line is not read yet").isPositive();
        assertThat(f.round().linesRead()).as("nothing new").isZero();
        w.append(400);
        assertThat(f.round().linesRead()).as("the completed line and the new ones").isEqualTo(401);
      }
      case "rename" -> {
        w.append(500);
        f.round();
        w.append(100);
        Path rotated = logs.resolve("mail.log.1");
        Files.move(log, rotated);
        w.append(rotated, 50); // the daemon writes to the old file until it reopens its log
        w.append(200);
        FollowCycle after = f.round();
        assertThat(after.linesRead()).as("the old file's last 150 lines, then the new file").isEqualTo(350);
      }
      case "copytruncate" -> {
        w.append(600);
        f.round();
        w.append(100);
        Files.copy(log, logs.resolve("mail.log.1"));
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        w.append(300);
        assertThat(f.round().linesRead()).as("the copy's last 100 lines, then the file from its start").isEqualTo(400);
      }
      case "compressed" -> {
        w.append(500);
        f.round();
        Path rotated = logs.resolve("mail.log.1");
        Files.move(log, rotated);
        w.append(rotated, 100);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("mail.log.1.gz")))) {
          Files.copy(rotated, out);
        }
        Files.delete(rotated);
        w.append(300);
        assertThat(f.round().linesRead()).as("a new compressed copy waits a round (it may be in progress)").isZero();
        assertThat(f.round().linesRead()).as("the compressed copy's last 100 lines, then the new file").isEqualTo(400);
      }
      case "goneAndBack" -> {
        w.append(500);
        f.round();
        Files.delete(log);
        assertThat(f.round().inputsPresent()).isZero();
        assertThat(f.round().linesRead()).isZero();
        w.append(300);
        FollowCycle back = f.round();
        assertThat(back.inputsPresent()).isEqualTo(1);
        assertThat(back.linesRead()).isEqualTo(300);
      }
      case "truncated" -> {
        w.append(600);
        f.round();
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        w.append(200);
        assertThat(f.round().linesRead()).as("the file read again from its start").isEqualTo(200);
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
    assertSameIndex(tmp.resolve("follow"), once);
    assertThat(f.fresh).as("recipients told once, by status").isEqualTo(finalRecipients(once)).isNotEmpty();
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
    assertSameIndex(index, once);
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("smtplog-stdin-")))
          .as("the spool is deleted").isEmpty();
    }
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

  /** Recipients by status in an index, as the follower's listener counts them (final ones only). */
  private static Map<String, Long> finalRecipients(Path index) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      for (String status : List.of("delivered", "deferred", "bounced", "expired", "rejected", "discarded")) {
        long n = search.count(IndexSearch.parse("kind:recipient AND status:" + status + " AND NOT provisional:true",
            ZoneOffset.UTC, NOW));
        if (n > 0) {
          counts.put(status, n);
        }
      }
    }
    return counts;
  }

  /** The same documents (but where their lines were read: file, line, session names), the same relay report. */
  static void assertSameIndex(Path followed, Path once) throws Exception {
    try (IndexSearch a = IndexSearch.open(followed).orElseThrow(); IndexSearch b = IndexSearch.open(once).orElseThrow()) {
      assertThat(dump(a)).isEqualTo(dump(b)).isNotEmpty();
      assertThat(a.stats().lines()).isEqualTo(b.stats().lines());
      for (String q : List.of("kind:recipient", "provisional:true", "status:delivered", "rcpt_code:251",
          "deferrals:[1 TO *]")) {
        assertThat(count(a, q)).as(q).isEqualTo(count(b, q));
      }
      assertThat(relay(a)).isEqualTo(relay(b));
    }
  }

  private static long count(IndexSearch index, String q) throws Exception {
    return index.count(IndexSearch.parse(q, ZoneOffset.UTC, NOW));
  }

  /** Every document's values, but where it was read, sorted. */
  private static List<String> dump(IndexSearch index) throws Exception {
    List<String> docs = new ArrayList<>();
    IndexView.HitPages pages = index.hitPages(IndexSearch.parse("*", ZoneOffset.UTC, NOW), "", 0, 1000);
    for (List<IndexView.Hit> page = pages.next(); !page.isEmpty(); page = pages.next()) {
      for (IndexView.Hit hit : page) {
        Map<String, Object> values = new TreeMap<>(hit.values());
        values.keySet().removeAll(WHERE_READ);
        docs.add(values.toString());
      }
    }
    docs.sort(null);
    return docs;
  }

  /** The relay report of the whole index, from its stored lines, as {@code report relay --index} makes it. */
  private static JsonNode relay(IndexSearch index) throws Exception {
    return JsonFormat.tree(ReportRun.fromStoredLines(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC),
        Pseudonymizer.NONE, ReportFilter.ALL, index.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index",
        options(), 0).document()).get("sections");
  }
}
