package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 1: what incremental ingest must never lose or read twice. A last line still
 * being written is read whole the next time; an input is known by more than its first 4 KiB (a
 * different file that starts alike is read whole, a file truncated and written again is read from
 * its start, a rotation by rename adds nothing); commits come on time as well as on size.
 */
class IngestInputsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final List<String> QUERIES = List.of("kind:recipient", "kind:message", "kind:session", "kind:event",
      "status:delivered", "status:deferred", "status:bounced", "provisional:true");

  @TempDir Path tmp;

  private static String text(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  private static LogIndexer.Result ingest(Path index, ReadOptions options, Path... logs) throws IOException {
    return LogIndexer.ingest(index, java.util.Arrays.stream(logs).map(LogInput::of).toList(), options, b -> { });
  }

  private static long count(IndexSearch index, String query) throws Exception {
    return index.count(IndexSearch.parse(query, ZoneOffset.UTC, NOW));
  }

  /** The index {@code parts} holds what one reading of {@code whole} gives: every count, every line once. */
  private void assertSameAsOneReading(Path parts, Path whole, ReadOptions options) throws Exception {
    Path once = tmp.resolve("once-" + whole.getFileName());
    ingest(once, options, whole);
    try (IndexSearch a = IndexSearch.open(parts).orElseThrow(); IndexSearch b = IndexSearch.open(once).orElseThrow()) {
      for (String q : QUERIES) {
        assertThat(count(a, q)).as(q).isEqualTo(count(b, q));
      }
      assertThat(a.stats().lines()).isEqualTo(b.stats().lines());
    }
  }

  /**
   * The writer was in the middle of line 50 (a qmgr line of message 4596220C66D) when the ingest
   * ran: the ingest stops before it, and the next one, after the line was finished, reads it whole.
   */
  @Test
  void aLastLineWrittenHalf_isLeftForTheNextIngest_whichReadsItWhole() throws Exception {
    Path source = SampleLogs.path("postfix/content-filter.log");
    List<String> lines = Files.readAllLines(source);
    String line50 = lines.get(49);
    assertThat(line50).contains("4596220C66D: from=<alice@smtplog.test>");
    int half = line50.indexOf("from=<") + 9;
    Path log = tmp.resolve("mail.log");
    Files.writeString(log, text(lines.subList(0, 49)) + line50.substring(0, half));
    Path index = tmp.resolve("index");
    ReadOptions options = SampleLogs.options(source, 2);

    LogIndexer.Result first = ingest(index, options, log);
    assertThat(first.ingest().linesRead()).isEqualTo(49);
    assertThat(first.ingest().problems()).isZero();
    // Said once, so a file that never gets its last newline is not silently short of a line.
    assertThat(first.ingest().notes()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(io.smtplog.core.ingest.NoteKind.UNFINISHED_LAST_LINE);
      assertThat(n.first().lineNumber()).isEqualTo(50);
      assertThat(n.excerpt()).startsWith(line50.substring(0, 40));
    });

    Files.writeString(log, line50.substring(half) + "\n" + text(lines.subList(50, lines.size())),
        StandardOpenOption.APPEND);
    LogIndexer.Result second = ingest(index, options, log);
    assertThat(second.ingest().linesRead()).isEqualTo(lines.size() - 49);
    assertThat(second.ingest().problems()).as("no tail of a line cut in two").isZero();
    assertThat(second.ingest().notes()).isEmpty();
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      List<IndexSearch.StoredLine> story = search.trace("4596220C66D").lines();
      assertThat(story).filteredOn(l -> l.line() == 50).extracting(IndexSearch.StoredLine::text)
          .containsExactly(line50);
    }
    assertSameAsOneReading(index, source, options);
  }

  /** A report (not an ingest) reads a finished file's last line without its newline as a line. */
  @Test
  void aReport_readsTheLastLineWithoutItsNewline() throws Exception {
    Path source = SampleLogs.path("postfix/content-filter.log");
    String text = Files.readString(source);
    Path log = tmp.resolve("finished.log");
    Files.writeString(log, text.substring(0, text.length() - 1));
    var report = new io.smtplog.core.pipeline.LogPipeline(SampleLogs.options(source, 2)).run(
        List.of(LogInput.of(log)), e -> { });
    assertThat(report.linesRead()).isEqualTo(575);
  }

  /**
   * Two files whose first 4 KiB are the same (the first 60 lines) but not what follows: the
   * second is another input, read whole; each is then known as itself (read again: nothing).
   */
  @Test
  void aFileThatStartsLikeAnother_isReadWhole() throws Exception {
    Path source = SampleLogs.path("postfix/loopback-relay.log");
    List<String> lines = Files.readAllLines(source);
    assertThat(text(lines.subList(0, 60)).length()).isGreaterThan(Checkpoints.PREFIX);
    Path a = tmp.resolve("a.log");
    Path b = tmp.resolve("b.log");
    Files.writeString(a, text(lines.subList(0, 600)));
    Files.writeString(b, text(lines.subList(0, 60)) + text(lines.subList(900, 1400)));
    Path index = tmp.resolve("index");
    ReadOptions options = SampleLogs.options(source, 2);
    assertThat(ingest(index, options, a).ingest().linesRead()).isEqualTo(600);
    assertThat(ingest(index, options, b).ingest().linesRead()).isEqualTo(560);
    LogIndexer.Result again = ingest(index, options, a, b);
    assertThat(again.ingest().linesRead()).isZero();
    assertThat(again.skippedBytes()).isEqualTo(Files.size(a) + Files.size(b));
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      assertThat(search.stats().lines()).isEqualTo(1160);
    }
  }

  /**
   * A file truncated and written again in place (same device and inode), shorter than the
   * position read to, then longer but with other lines before it: read from its start each time.
   */
  @Test
  void aFileTruncatedAndWrittenAgain_isReadFromItsStart() throws Exception {
    Path source = SampleLogs.path("postfix/loopback-relay.log");
    List<String> lines = Files.readAllLines(source);
    Path log = tmp.resolve("mail.log");
    Path index = tmp.resolve("index");
    ReadOptions options = SampleLogs.options(source, 2);
    Files.writeString(log, text(lines.subList(0, 800)));
    Object inode = Files.getAttribute(log, "unix:ino");
    assertThat(ingest(index, options, log).ingest().linesRead()).isEqualTo(800);

    Files.writeString(log, text(lines.subList(0, 100))); // truncated: shorter than the 800 lines read
    assertThat(Files.getAttribute(log, "unix:ino")).isEqualTo(inode);
    assertThat(ingest(index, options, log).ingest().linesRead()).isEqualTo(100);

    // Longer than before, the same first 60 lines, other lines before the position reached.
    Files.writeString(log, text(lines.subList(0, 60)) + text(lines.subList(700, 1702)));
    assertThat(Files.size(log)).isGreaterThan(Files.size(source) * 800 / 1702);
    assertThat(ingest(index, options, log).ingest().linesRead()).isEqualTo(60 + 1002);
  }

  /**
   * mail.log renamed mail.log.1 by a rotation, a new mail.log begun: the rotated file adds
   * nothing, the new one is read whole, and the index is that of one reading of the whole log.
   */
  @Test
  void aRotationByRename_addsNothing() throws Exception {
    Path source = SampleLogs.path("postfix/loopback-relay.log");
    List<String> lines = Files.readAllLines(source);
    Path log = tmp.resolve("mail.log");
    Path index = tmp.resolve("index");
    ReadOptions options = SampleLogs.options(source, 2);
    Files.writeString(log, text(lines.subList(0, 800)));
    assertThat(ingest(index, options, log).ingest().linesRead()).isEqualTo(800);
    Path rotated = tmp.resolve("mail.log.1");
    Files.move(log, rotated);
    Files.writeString(log, text(lines.subList(800, lines.size())));
    LogIndexer.Result next = ingest(index, options, rotated, log);
    assertThat(next.ingest().linesRead()).isEqualTo(lines.size() - 800);
    assertThat(next.skippedBytes()).isEqualTo(Files.size(rotated));
    Path whole = tmp.resolve("whole.log");
    Files.copy(source, whole);
    assertSameAsOneReading(index, whole, options);
  }

  /**
   * A rotation compressing the file: its archive, still being written when the next ingest runs,
   * ends before the position the plain file was read to. It is that input unfinished, not a new
   * one: nothing is read twice, then or once the archive is whole.
   */
  @Test
  void aCompressedRotationStillBeingWritten_addsNothing() throws Exception {
    Path source = SampleLogs.path("postfix/loopback-relay.log");
    byte[] content = Files.readAllBytes(source);
    Path log = tmp.resolve("mail.log");
    Path index = tmp.resolve("index");
    ReadOptions options = SampleLogs.options(source, 2);
    Files.write(log, content);
    assertThat(ingest(index, options, log).ingest().linesRead()).isEqualTo(1702);
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(content);
    }
    byte[] archive = gz.toByteArray();
    Files.delete(log);
    Path rotated = tmp.resolve("mail.log.1.gz");
    Files.write(rotated, java.util.Arrays.copyOf(archive, archive.length / 2)); // the copy in progress
    assertThat(ingest(index, options, rotated).ingest().linesRead()).isZero();
    Files.write(rotated, archive); // the copy done
    assertThat(ingest(index, options, rotated).ingest().linesRead()).isZero();
    Path whole = tmp.resolve("whole.log");
    Files.copy(source, whole);
    assertSameAsOneReading(index, whole, options);
  }

  /** The checkpoints of an index written before the tails were kept: an input is known by its prefix, as then. */
  @Test
  void checkpointsWithoutTails_knowAnInputByItsPrefix() throws Exception {
    byte[] head = "Nov 29 13:28:45 mx1 postfix/smtp[4935]: x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String sha = Checkpoints.sha256(head, head.length);
    Checkpoints old = Checkpoints.fromUserData(java.util.Map.of(Checkpoints.USER_DATA_KEY,
        "[{\"prefix\":" + head.length + ",\"sha256\":\"" + sha + "\",\"offset\":41,\"lines\":1,\"name\":\"mail.log\"}]"));
    Checkpoints.Known known = old.find(head, head.length, "1:2", (offset, n) -> null, id -> false);
    assertThat(known.identity()).isEqualTo("sha256:" + sha);
    assertThat(known.start()).isEqualTo(new io.smtplog.core.pipeline.Resume.Position(41, 1));
  }

  /**
   * A copytruncate rotation: mail.log, read to line 800, grew to 1,200 lines, was copied to
   * mail.log.1 and truncated, and new lines were written to it. The copy gives its 400 new lines,
   * the truncated file all of its own: every line once.
   */
  @Test
  void aCopytruncateRotation_readsEveryLineOnce() throws Exception {
    Path source = SampleLogs.path("postfix/loopback-relay.log");
    List<String> lines = Files.readAllLines(source);
    Path log = tmp.resolve("mail.log");
    Path index = tmp.resolve("index");
    ReadOptions options = SampleLogs.options(source, 2);
    Files.writeString(log, text(lines.subList(0, 800)));
    assertThat(ingest(index, options, log).ingest().linesRead()).isEqualTo(800);
    Files.writeString(log, text(lines.subList(800, 1200)), StandardOpenOption.APPEND);
    Path copy = tmp.resolve("mail.log.1");
    Files.copy(log, copy);
    Files.writeString(log, text(lines.subList(1200, lines.size())), StandardOpenOption.TRUNCATE_EXISTING);
    LogIndexer.Result next = ingest(index, options, copy, log);
    assertThat(next.ingest().linesRead()).isEqualTo(400 + lines.size() - 1200);
    Path whole = tmp.resolve("whole.log");
    Files.copy(source, whole);
    assertSameAsOneReading(index, whole, options);
  }

  /** 14 copies of the sample: more than two chunks of 1 MiB (LogPipeline.CHUNK_BYTES). */
  private Path bigLog() throws IOException {
    byte[] sample = Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log"));
    Path log = tmp.resolve("big.log");
    try (var out = Files.newOutputStream(log)) {
      for (int i = 0; i < 14; i++) {
        out.write(sample);
      }
    }
    return log;
  }

  /** An ingest killed (here: its progress callback throws) after it read two chunks. */
  private static void ingestKilledAtTheSecondChunk(Path index, Path log, LogIndexer.CommitPolicy commits) {
    AtomicInteger chunks = new AtomicInteger();
    assertThatThrownBy(() -> LogIndexer.ingest(index, List.of(LogInput.of(log)),
        SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2), bytes -> {
          if (chunks.incrementAndGet() == 2) {
            throw new IllegalStateException("killed");
          }
        }, commits)).hasMessage("killed");
  }

  @Test
  void anIngestKilledBeforeItsFirstCommitBySize_keepsWhatItReadBeforeTheTimeToCommit() throws Exception {
    Path log = bigLog();
    byte[] data = Files.readAllBytes(log);
    long firstChunkLines = 0;
    for (int i = 0; i < 1 << 20; i++) {
      firstChunkLines += data[i] == '\n' ? 1 : 0;
    }
    AtomicLong nanos = new AtomicLong();
    // Each look at the clock: 31 s later. After the first chunk, the 30 s are up: a commit.
    LogIndexer.CommitPolicy onTime = new LogIndexer.CommitPolicy(Long.MAX_VALUE, LogIndexer.COMMIT_INTERVAL,
        () -> nanos.addAndGet(Duration.ofSeconds(31).toNanos()));
    Path index = tmp.resolve("on-time");
    ingestKilledAtTheSecondChunk(index, log, onTime);
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      assertThat(search.stats().lines()).isEqualTo(firstChunkLines);
    }
    // The next ingest goes on from there and gives the index of one reading.
    LogIndexer.Result rest = LogIndexer.ingest(index, List.of(LogInput.of(log)),
        SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2), b -> { });
    assertThat(rest.ingest().linesRead()).isEqualTo(14 * 1702 - firstChunkLines);

    // A clock that stands still: nothing is committed before the size, and the kill loses it all.
    LogIndexer.CommitPolicy stopped = new LogIndexer.CommitPolicy(Long.MAX_VALUE, LogIndexer.COMMIT_INTERVAL, () -> 0L);
    Path lost = tmp.resolve("stopped");
    ingestKilledAtTheSecondChunk(lost, log, stopped);
    assertThat(IndexSearch.open(lost)).isEmpty();
  }

  @Test
  void theCommitPolicy_isDueOnSizeOrOnTime_neverWithNothingRead() {
    LogIndexer.CommitPolicy policy = LogIndexer.CommitPolicy.every(LogIndexer.COMMIT_BYTES);
    assertThat(LogIndexer.COMMIT_INTERVAL).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.isDue(LogIndexer.COMMIT_BYTES, 0)).isTrue();
    assertThat(policy.isDue(1, Duration.ofSeconds(30).toNanos())).isTrue();
    assertThat(policy.isDue(1, Duration.ofSeconds(29).toNanos())).isFalse();
    assertThat(policy.isDue(0, Duration.ofHours(1).toNanos())).isFalse();
  }
}
