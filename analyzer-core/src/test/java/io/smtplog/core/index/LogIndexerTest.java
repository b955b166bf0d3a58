package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ingest into a Lucene index, and read it back: queries, facets, sessions, reports. */
class LogIndexerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  static Stream<Path> samples() throws IOException {
    return Stream.of("postfix", "anonymised", "exim", "transcripts", "corpus/postfix", "corpus/exim", "corpus/transcripts")
        .flatMap(folder -> {
          try {
            return SampleLogs.logsUnder(folder).stream();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void reportFromTheIndex_equalsTheReportFromTheLog(Path log, @TempDir Path dir) throws Exception {
    ReadOptions options = SampleLogs.options(log, 2);
    LogIndexer.Result result = LogIndexer.ingest(dir, List.of(SampleLogs.input(log)), options, bytes -> { });
    assertThat(result.events()).isEqualTo(result.ingest().eventsParsed());
    for (String report : List.of(Reports.RELAY, Reports.SUMMARY, Reports.CODES)) {
      JsonNode fromLog = JsonFormat.tree(ReportRun.fromLogs(report, collector(report), ReportFilter.ALL,
          List.of(SampleLogs.input(log)), options, 0, b -> { }).document());
      try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
        JsonNode fromIndex = JsonFormat.tree(ReportRun.fromEvents(report, collector(report), ReportFilter.ALL,
            index.eventSource(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index", 0).document());
        assertThat(fromIndex.get("sections")).as("%s report of %s", report, log).isEqualTo(fromLog.get("sections"));
        assertThat(index.count(IndexSearch.parse("*", ZoneOffset.UTC, NOW))).isEqualTo(result.events());
      }
    }
  }

  private static ReportCollector collector(String report) {
    return switch (report) {
      case Reports.RELAY -> Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC);
      case Reports.SUMMARY -> Reports.summary(Pseudonymizer.NONE, ZoneOffset.UTC);
      default -> Reports.codes(CodesCollector.By.NONE, Pseudonymizer.NONE);
    };
  }

  private static Path indexOfSamples(Path dir) throws IOException {
    Path relay = SampleLogs.path("postfix/loopback-relay.log");
    Path exim = SampleLogs.path("exim/relay-mainlog.log");
    Path swaks = SampleLogs.path("transcripts/swaks-sink.transcript");
    LogIndexer.ingest(dir, List.of(SampleLogs.input(relay), SampleLogs.input(exim), SampleLogs.input(swaks)),
        SampleLogs.options(relay, 2), b -> { });
    return dir;
  }

  private static long count(IndexSearch index, String query) throws Exception {
    return index.count(IndexSearch.parse(query, ZoneOffset.UTC, NOW));
  }

  @Test
  void queries_ofEveryForm_countWhatTheLogsHold(@TempDir Path dir) throws Exception {
    try (IndexSearch index = IndexSearch.open(indexOfSamples(dir)).orElseThrow()) {
      long rcpt251 = count(index, "code:251");
      assertThat(rcpt251).as("251 replies: Postfix debug_peer and swaks").isGreaterThanOrEqualTo(5);
      assertThat(count(index, "tag:user-not-local-will-forward")).isEqualTo(rcpt251);
      assertThat(count(index, "code:[400 TO 499]")).isPositive();
      assertThat(count(index, "code:[400 TO 499]")).isEqualTo(count(index, "class:4"));
      assertThat(count(index, "domain:example.net AND status:deferred")).isPositive();
      assertThat(count(index, "domain:EXAMPLE.NET AND status:DEFERRED"))
          .as("addresses and domains match case-insensitively").isEqualTo(count(index, "domain:example.net AND status:deferred"));
      assertThat(count(index, "text:\"insufficient system storage\"")).isPositive();
      assertThat(count(index, "time:[2026-11-29 TO 2026-11-29]")).isEqualTo(count(index, "*"));
      assertThat(count(index, "time:[2026-11-30 TO *]")).isZero();
      assertThat(count(index, "time:[now-3d TO now]")).isEqualTo(count(index, "*"));
      assertThat(count(index, "time:[now-1h TO now]")).isZero();
      assertThat(count(index, "recipient:fwd.*")).isPositive();
      assertThat(count(index, "mta:exim AND event:delivery_attempt AND status:sent")).isEqualTo(34);
      assertThat(count(index, "mta:postfix")).isPositive();
      assertThat(count(index, "mta:transcript")).isPositive();
    }
  }

  @Test
  void facets_countPerValue_andSessionsComeBackWhole(@TempDir Path dir) throws Exception {
    try (IndexSearch index = IndexSearch.open(indexOfSamples(dir)).orElseThrow()) {
      Query sent = IndexSearch.parse("event:delivery_attempt AND status:sent", ZoneOffset.UTC, NOW);
      Map<String, Map<String, Long>> facets = index.facets(sent, List.of("domain", "code"));
      long total = index.count(sent);
      assertThat(facets.get("domain").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
      assertThat(facets.get("domain")).containsKey("example.org");
      assertThat(facets.get("code")).containsKey("250");
      var sessions = index.sessions(index.sessionIds(IndexSearch.parse("code:551", ZoneOffset.UTC, NOW), "", 100));
      assertThat(sessions).isNotEmpty();
      assertThat(sessions).allSatisfy(s -> assertThat(s.exchanges().stream()
          .anyMatch(x -> x.reply().map(r -> r.code().value() == 551).orElse(false))).isTrue());
      var stats = index.stats();
      assertThat(stats.events()).isEqualTo(count(index, "*"));
      assertThat(stats.sessions()).isPositive();
      assertThat(stats.byMta()).containsKeys("postfix", "exim", "transcript");
      assertThat(stats.first()).isPresent();
      assertThat(stats.bytesOnDisk()).isPositive();
    }
  }

  @Test
  void aQueryThatDoesNotParse_saysWhere() {
    assertThatThrownBy(() -> IndexSearch.parse("code:[400 TO", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class)
        .satisfies(e -> assertThat(((IndexSearch.QueryException) e).column()).isPositive());
    assertThatThrownBy(() -> IndexSearch.parse("code:abc", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class).hasMessageContaining("'abc' is not a number");
    assertThatThrownBy(() -> IndexSearch.parse("domian:example.org", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class).hasMessageContaining("there is no field 'domian'");
    assertThatThrownBy(() -> IndexSearch.parse("time:[yesterday TO now]", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class).hasMessageContaining("is not a time");
  }

  @Test
  void ingestingAgain_addsNothing_aGrownFileAddsItsNewLines_andARotatedCompressedCopyIsKnown(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("index");
    List<String> lines = Files.readAllLines(SampleLogs.path("postfix/loopback-relay.log"));
    Path log = tmp.resolve("mail.log");
    Files.write(log, lines.subList(0, 900));
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 2, 20);
    long first = LogIndexer.ingest(dir, List.of(LogInput.of(log)), options, b -> { }).events();
    assertThat(LogIndexer.ingest(dir, List.of(LogInput.of(log)), options, b -> { }).events()).isZero();
    Files.write(log, lines);
    long grown = LogIndexer.ingest(dir, List.of(LogInput.of(log)), options, b -> { }).events();
    Path whole = tmp.resolve("whole");
    long all = LogIndexer.ingest(whole, List.of(LogInput.of(SampleLogs.path("postfix/loopback-relay.log"))), options,
        b -> { }).events();
    assertThat(first + grown).isEqualTo(all);
    Path rotated = tmp.resolve("mail.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
      Files.copy(log, out);
    }
    Files.delete(log);
    assertThat(LogIndexer.ingest(dir, List.of(LogInput.of(rotated)), options, b -> { }).events()).isZero();
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      assertThat(index.count(IndexSearch.parse("*", ZoneOffset.UTC, NOW))).isEqualTo(all);
    }
  }

  @Test
  void aSecondIngestIntoTheSameIndex_failsNamingTheLock(@TempDir Path dir) throws Exception {
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
        var writer = new org.apache.lucene.index.IndexWriter(directory,
            new org.apache.lucene.index.IndexWriterConfig())) {
      assertThatThrownBy(() -> LogIndexer.ingest(dir, List.of(SampleLogs.input(SampleLogs.path("exim/relay-mainlog.log"))),
          SampleLogs.options(SampleLogs.path("exim/relay-mainlog.log"), 1), b -> { }))
          .isInstanceOf(LogIndexer.LockedException.class).hasMessageContaining("write.lock");
    }
  }

  @Test
  void aSearchOpenDuringAnIngest_seesTheLastCommit(@TempDir Path dir) throws Exception {
    Path exim = SampleLogs.path("exim/relay-mainlog.log");
    LogIndexer.ingest(dir, List.of(SampleLogs.input(exim)), SampleLogs.options(exim, 2), b -> { });
    Query all = IndexSearch.parse("*", ZoneOffset.UTC, NOW);
    try (IndexSearch before = IndexSearch.open(dir).orElseThrow()) {
      long count = before.count(all);
      Path relay = SampleLogs.path("postfix/loopback-relay.log");
      LogIndexer.ingest(dir, List.of(SampleLogs.input(relay)), SampleLogs.options(relay, 2), b -> { });
      assertThat(before.count(all)).as("an open search keeps its commit").isEqualTo(count);
      try (IndexSearch after = IndexSearch.open(dir).orElseThrow()) {
        assertThat(after.count(all)).isGreaterThan(count);
      }
    }
  }
}
