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
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ingest into the index, and read it back: documents per outcome, queries, stories, reports, increments. */
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

  private static ReportCollector collector(String report) {
    return switch (report) {
      case Reports.RELAY -> Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC);
      case Reports.SUMMARY -> Reports.summary(Pseudonymizer.NONE, ZoneOffset.UTC);
      default -> Reports.codes(CodesCollector.By.NONE, Pseudonymizer.NONE);
    };
  }

  private static long count(IndexSearch index, String query) throws Exception {
    return index.count(IndexSearch.parse(query, ZoneOffset.UTC, NOW));
  }

  /** The reviewed relay report of a sample (its *.expected.json), row by domain ("*" for the totals). */
  private static Map<String, JsonNode> expectedRows(Path log) throws IOException {
    String name = log.getFileName().toString();
    Path expected = log.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.json");
    Map<String, JsonNode> rows = new java.util.LinkedHashMap<>();
    MAPPER.readTree(expected.toFile()).get("sections").get("relay").get("rows")
        .forEach(r -> rows.put(r.get("domain").asText(), r));
    return rows;
  }

  /**
   * On every sample: the index holds one recipient document per recipient of the reviewed relay
   * report, with its status, route and RCPT reply, so that queries count per domain what the
   * report counts; and every report read back from the index equals the report from the log.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theIndex_countsWhatTheReviewedReportCounts_andItsReportsEqualTheLogs(Path log, @TempDir Path dir)
      throws Exception {
    ReadOptions options = SampleLogs.options(log, 2);
    LogIndexer.Result result = LogIndexer.ingest(dir, List.of(SampleLogs.input(log)), options, bytes -> { });
    Map<String, JsonNode> expected = expectedRows(log);
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      assertThat(count(index, "kind:recipient")).isEqualTo(result.recipients())
          .isEqualTo(expected.get("*").get("recipients").asLong());
      for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
        String domain = e.getKey();
        JsonNode row = e.getValue();
        String inDomain = domain.equals("*") ? "kind:recipient" : domain.startsWith("(")
            ? "kind:recipient AND NOT domain:*" : "kind:recipient AND domain:\"" + domain + "\"";
        if (domain.equals("(unnamed)") || domain.equals("(no domain)")) {
          continue; // counted together below: neither has a domain to query
        }
        for (String status : List.of("delivered", "deferred", "bounced", "expired", "rejected", "discarded")) {
          assertThat(count(index, inDomain + " AND status:" + status)).as("%s %s in %s", domain, status, log)
              .isEqualTo(row.get(status).asLong());
        }
        assertThat(count(index, inDomain + " AND route:relayed")).as("%s relayed", domain)
            .isEqualTo(row.get("relayed").asLong());
        assertThat(count(index, inDomain + " AND status:delivered AND rcpt_code:251")).as("%s 251", domain)
            .isEqualTo(row.get("forwarded_251").asLong());
        assertThat(count(index, inDomain + " AND status:delivered AND rcpt_code:252")).as("%s 252", domain)
            .isEqualTo(row.get("accepted_252").asLong());
        assertThat(count(index, inDomain + " AND status:delivered AND NOT rcpt_code:*")).as("%s unseen", domain)
            .isEqualTo(row.get("rcpt_reply_unseen").asLong());
      }
      long withoutDomain = expected.entrySet().stream().filter(e -> e.getKey().startsWith("("))
          .mapToLong(e -> e.getValue().get("recipients").asLong()).sum();
      assertThat(count(index, "kind:recipient AND NOT domain:*")).isEqualTo(withoutDomain);
      for (String report : List.of(Reports.RELAY, Reports.SUMMARY, Reports.CODES)) {
        JsonNode fromLog = JsonFormat.tree(ReportRun.fromLogs(report, collector(report), Pseudonymizer.NONE,
            ReportFilter.ALL, List.of(SampleLogs.input(log)), options, 0, b -> { }).document());
        JsonNode fromIndex = JsonFormat.tree(ReportRun.fromStoredLines(report, collector(report), Pseudonymizer.NONE,
            ReportFilter.ALL, index.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index", options, 0).document());
        assertThat(fromIndex.get("sections")).as("%s report of %s", report, log).isEqualTo(fromLog.get("sections"));
      }
      assertThat(index.stats().lines()).as("every line stored").isEqualTo(result.ingest().linesRead());
    }
  }

  /** The Postfix, Exim and swaks samples of one relay, in one index. */
  private static Path indexOfSamples(Path dir) throws IOException {
    Path relay = SampleLogs.path("postfix/loopback-relay.log");
    Path exim = SampleLogs.path("exim/relay-mainlog.log");
    Path swaks = SampleLogs.path("transcripts/swaks-sink.transcript");
    LogIndexer.ingest(dir, List.of(SampleLogs.input(relay), SampleLogs.input(exim), SampleLogs.input(swaks)),
        SampleLogs.options(relay, 2), b -> { });
    return dir;
  }

  @Test
  void relayQuestions_haveExactAnswers(@TempDir Path dir) throws Exception {
    try (IndexSearch index = IndexSearch.open(indexOfSamples(dir)).orElseThrow()) {
      // 47 + 45 recipients in the reviewed relay reports of the two logs, 10 in the swaks transcript.
      assertThat(count(index, "kind:recipient")).isEqualTo(47 + 45 + 10);
      assertThat(count(index, "kind:recipient AND mta:exim AND status:delivered")).isEqualTo(33);
      // The 251s: two debug_peer_list RCPT replies of loopback-relay.log and swaks' fwd.erin, all for example.net,
      // and one to smtplog.test (the transcript's fwd.walter is refused later, so it is no delivered 251).
      assertThat(count(index, "rcpt_code:251")).isEqualTo(4);
      assertThat(count(index, "rcpt_code:251 AND domain:example.net")).isEqualTo(3);
      Map<String, Long> byDomain = index.facets(IndexSearch.parse("rcpt_code:251", ZoneOffset.UTC, NOW),
          List.of("domain"), ZoneOffset.UTC).get("domain");
      assertThat(byDomain).containsExactlyInAnyOrderEntriesOf(Map.of("example.net", 3L, "smtplog.test", 1L));
      assertThat(count(index, "rcpt_tag:user-not-local-will-forward")).isEqualTo(4);
      assertThat(count(index, "status:bounced")).isEqualTo(20);
      assertThat(count(index, "status:bounced AND enhanced:5.1.1")).isEqualTo(2);
      assertThat(count(index, "domain:EXAMPLE.NET AND status:DEFERRED")).as("keywords match without case")
          .isEqualTo(count(index, "domain:example.net AND status:deferred")).isEqualTo(1);
      assertThat(count(index, "text:\"insufficient system storage\"")).isEqualTo(2);
      assertThat(count(index, "recipient:fwd.*")).isEqualTo(7);
      assertThat(count(index, "kind:recipient AND deferrals:[1 TO *]")).isEqualTo(8);
      assertThat(count(index, "kind:message")).isEqualTo(79);
      assertThat(count(index, "kind:session")).isEqualTo(111);
      assertThat(count(index, "kind:session AND direction:outbound")).isEqualTo(42);
      assertThat(count(index, "kind:event AND event:reject")).isEqualTo(11);
      long all = count(index, "*");
      assertThat(all).isEqualTo(102 + 79 + 111 + 39);
      assertThat(count(index, "time:[2026-11-29 TO 2026-11-29]")).isEqualTo(all);
      assertThat(count(index, "time:[2026-11-30 TO *]")).isZero();
      Map<String, Map<String, Long>> facets = index.facets(IndexSearch.parse("kind:recipient", ZoneOffset.UTC, NOW),
          List.of("status", "hour", "day"), ZoneOffset.UTC);
      assertThat(facets.get("status")).containsExactly(Map.entry("delivered", 58L), Map.entry("bounced", 20L),
          Map.entry("rejected", 13L), Map.entry("expired", 8L), Map.entry("deferred", 3L));
      assertThat(facets.get("day")).containsExactly(Map.entry("2026-11-29", 102L));
      assertThat(facets.get("hour").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(102);
    }
  }

  @Test
  void hits_showTheirValues_andSayHowManyMatchedInAll(@TempDir Path dir) throws Exception {
    try (IndexSearch index = IndexSearch.open(indexOfSamples(dir)).orElseThrow()) {
      IndexSearch.Hits hits = index.hits(IndexSearch.parse("rcpt_code:251", ZoneOffset.UTC, NOW), "", 2);
      assertThat(hits.total()).isEqualTo(4);
      assertThat(hits.hits()).hasSize(2).allSatisfy(h -> {
        assertThat(h.kind()).isEqualTo("recipient");
        assertThat(h.values().get("rcpt_code")).isEqualTo(251L);
        assertThat(h.values().get("rcpt_tag")).isEqualTo("user-not-local-will-forward");
      });
      assertThat(index.hits(IndexSearch.parse("rcpt_code:251", ZoneOffset.UTC, NOW), "", 0).hits()).hasSize(4);
      IndexSearch.Hits sorted = index.hits(IndexSearch.parse("kind:recipient", ZoneOffset.UTC, NOW), "-deferrals", 1);
      assertThat(sorted.hits().get(0).values().get("deferrals")).isEqualTo(5L);
    }
  }

  @Test
  void theStoryOfAMessage_isItsLinesAcrossTheContentFilter(@TempDir Path dir) throws Exception {
    Path log = SampleLogs.path("postfix/content-filter.log");
    LogIndexer.ingest(dir, List.of(SampleLogs.input(log)), SampleLogs.options(log, 2), b -> { });
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      // 4596220C66D was handed to the filter, which re-injected it as 4670E20C66E (lines 46 to 93).
      IndexSearch.Trace trace = index.trace("4596220C66D");
      assertThat(trace.messages()).extracting(m -> m.get("queue_id")).containsExactly("4596220C66D", "4670E20C66E"); // one second: by queue id
      assertThat(trace.recipients()).extracting(r -> r.get("recipient") + " " + r.get("status") + " " + r.get("hops"))
          .containsExactlyInAnyOrder("carol@example.com delivered 1", "fwd.dave@example.net delivered 1",
              "erin@example.org delivered 1");
      List<Long> lines = trace.lines().stream().map(IndexSearch.StoredLine::line).toList();
      assertThat(lines).startsWith(46L, 47L, 48L, 50L, 52L, 53L, 55L, 56L, 57L, 58L, 59L).contains(89L, 90L, 91L, 93L)
          .isSorted();
      assertThat(trace.lines().get(0).text()).endsWith("postfix/smtpd[29658]: connect from unknown[127.0.0.1]");
      // The same story by its Message-ID, and by an address.
      assertThat(index.trace("<20261129142234.029663@vm>").lines()).isEqualTo(trace.lines());
      assertThat(index.trace("fwd.dave@example.net").messages()).extracting(m -> m.get("queue_id"))
          .contains("4670E20C66E", "4596220C66D");
      assertThat(index.trace("nothing-like-this").isEmpty()).isTrue();
    }
  }

  @Test
  void aReportOfAQuery_isTheReportOfTheStoriesItFinds(@TempDir Path dir) throws Exception {
    try (IndexSearch index = IndexSearch.open(indexOfSamples(dir)).orElseThrow()) {
      Query exim = IndexSearch.parse("mta:exim", ZoneOffset.UTC, NOW);
      Path mainlog = SampleLogs.path("exim/relay-mainlog.log");
      JsonNode fromIndex = JsonFormat.tree(ReportRun.fromStoredLines(Reports.RELAY, collector(Reports.RELAY),
          Pseudonymizer.NONE, ReportFilter.ALL, index.replay(exim), "index", SampleLogs.options(mainlog, 2), 0).document());
      JsonNode fromLog = JsonFormat.tree(ReportRun.fromLogs(Reports.RELAY, collector(Reports.RELAY), Pseudonymizer.NONE,
          ReportFilter.ALL, List.of(SampleLogs.input(mainlog)), SampleLogs.options(mainlog, 2), 0, b -> { }).document());
      assertThat(fromIndex.get("sections")).isEqualTo(fromLog.get("sections"));
    }
  }

  @Test
  void aQueryThatDoesNotParse_saysWhere() {
    assertThatThrownBy(() -> IndexSearch.parse("code:[400 TO", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class)
        .satisfies(e -> assertThat(((IndexSearch.QueryException) e).column()).isEqualTo(13));
    assertThatThrownBy(() -> IndexSearch.parse("code:abc", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class).hasMessageContaining("'abc' is not a number");
    assertThatThrownBy(() -> IndexSearch.parse("domian:example.org", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class).hasMessageContaining("there is no field 'domian'");
    assertThatThrownBy(() -> IndexSearch.parse("time:[yesterday TO now]", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class).hasMessageContaining("is not a time");
    assertThatThrownBy(() -> IndexSearch.parse("code:25*", ZoneOffset.UTC, NOW))
        .isInstanceOf(IndexSearch.QueryException.class).hasMessageContaining("code holds numbers");
  }

  /**
   * A log read in two parts (a story open across the cut is taken up again), then rotated and
   * compressed: the index is the index of the whole log read once.
   */
  @Test
  void aLogReadInParts_givesTheIndexOfTheWholeLog(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("index");
    Path sample = SampleLogs.path("postfix/loopback-relay.log");
    List<String> lines = Files.readAllLines(sample);
    Path log = tmp.resolve("mail.log");
    Files.write(log, lines.subList(0, 900));
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 2, 20);
    LogIndexer.Result first = LogIndexer.ingest(dir, List.of(LogInput.of(log)), options, b -> { });
    long open;
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      open = index.stats().openStories();
      assertThat(open).as("stories open at line 900").isPositive();
      assertThat(count(index, "provisional:true")).isPositive();
    }
    assertThat(LogIndexer.ingest(dir, List.of(LogInput.of(log)), options, b -> { }).ingest().linesRead())
        .as("read again: nothing new").isZero();
    Files.write(log, lines);
    LogIndexer.Result second = LogIndexer.ingest(dir, List.of(LogInput.of(log)), options, b -> { });
    assertThat(first.ingest().linesRead() + second.ingest().linesRead()).isEqualTo(lines.size());
    Path rotated = tmp.resolve("mail.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
      Files.copy(log, out);
    }
    Files.delete(log);
    assertThat(LogIndexer.ingest(dir, List.of(LogInput.of(rotated)), options, b -> { }).ingest().linesRead()).isZero();

    Path whole = tmp.resolve("whole");
    LogIndexer.ingest(whole, List.of(LogInput.of(sample)), options, b -> { });
    try (IndexSearch parts = IndexSearch.open(dir).orElseThrow(); IndexSearch once = IndexSearch.open(whole).orElseThrow()) {
      for (String q : List.of("kind:recipient", "kind:message", "kind:session", "kind:event", "provisional:true",
          "status:delivered", "status:deferred", "rcpt_code:251", "deferrals:[1 TO *]")) {
        assertThat(count(parts, q)).as(q).isEqualTo(count(once, q));
      }
      assertThat(parts.stats().lines()).isEqualTo(lines.size());
      for (String report : List.of(Reports.RELAY, Reports.SUMMARY)) {
        JsonNode a = JsonFormat.tree(ReportRun.fromStoredLines(report, collector(report), Pseudonymizer.NONE,
            ReportFilter.ALL, parts.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index", options, 0).document());
        JsonNode b = JsonFormat.tree(ReportRun.fromLogs(report, collector(report), Pseudonymizer.NONE,
            ReportFilter.ALL, List.of(LogInput.of(sample)), options, 0, x -> { }).document());
        assertThat(a.get("sections")).as(report).isEqualTo(b.get("sections"));
      }
    }
  }

  /**
   * Real logs of hops that race their copies, forwards that bounce, refusals of whole messages,
   * debug dialogues and Exim without pids, each read in three parts cut at lines where stories are
   * open: the index and its reports are those of one reading.
   */
  @ParameterizedTest(name = "{0} cut at {1} and {2}")
  @org.junit.jupiter.params.provider.CsvSource({
    "postfix/filter-race.log, 101, 257", "postfix/forward-bounce.log, 63, 301", "postfix/header-checks.log, 49, 140",
    "postfix/debug-verbose.log, 500, 1000", "postfix/content-filter.log, 77, 400", "exim/nopid-mainlog.log, 60, 200",
    "transcripts/swaks-sink.transcript, 40, 100"})
  void aLogReadInThreeParts_givesTheIndexOfOneReading(String sample, int cut1, int cut2, @TempDir Path tmp)
      throws Exception {
    Path source = SampleLogs.path(sample);
    List<String> lines = Files.readAllLines(source);
    Path log = tmp.resolve(source.getFileName());
    Path dir = tmp.resolve("parts");
    ReadOptions options = SampleLogs.options(source, 2);
    for (int cut : new int[] {cut1, cut2, lines.size()}) {
      Files.write(log, lines.subList(0, cut));
      LogIndexer.ingest(dir, List.of(new LogInput(SampleLogs.relative(source), java.util.Optional.of(log))), options,
          b -> { });
    }
    Path once = tmp.resolve("once");
    LogIndexer.ingest(once, List.of(SampleLogs.input(source)), options, b -> { });
    try (IndexSearch parts = IndexSearch.open(dir).orElseThrow(); IndexSearch whole = IndexSearch.open(once).orElseThrow()) {
      for (String q : List.of("kind:recipient", "kind:message", "kind:session", "kind:event", "status:delivered",
          "status:deferred", "status:bounced", "status:expired", "status:rejected", "status:discarded", "hops:[1 TO *]",
          "forwards:[1 TO *]", "rcpt_code:*", "deferrals:[1 TO *]")) {
        assertThat(count(parts, q)).as("%s of %s", q, sample).isEqualTo(count(whole, q));
      }
      for (String report : List.of(Reports.RELAY, Reports.SUMMARY, Reports.CODES)) {
        JsonNode a = JsonFormat.tree(ReportRun.fromStoredLines(report, collector(report), Pseudonymizer.NONE,
            ReportFilter.ALL, parts.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index", options, 0).document());
        JsonNode b = JsonFormat.tree(ReportRun.fromLogs(report, collector(report), Pseudonymizer.NONE,
            ReportFilter.ALL, List.of(SampleLogs.input(source)), options, 0, x -> { }).document());
        assertThat(a.get("sections")).as("%s of %s", report, sample).isEqualTo(b.get("sections"));
      }
    }
  }

  @Test
  void aSecondIngestIntoTheSameIndex_failsNamingTheLock(@TempDir Path dir) throws Exception {
    try (var directory = FSDirectory.open(dir); var writer = new IndexWriter(directory, new IndexWriterConfig())) {
      assertThatThrownBy(() -> LogIndexer.ingest(dir, List.of(SampleLogs.input(SampleLogs.path("exim/relay-mainlog.log"))),
          SampleLogs.options(SampleLogs.path("exim/relay-mainlog.log"), 1), b -> { }))
          .isInstanceOf(LogIndexer.LockedException.class).hasMessageContaining("write.lock");
    }
  }

  @Test
  void anIndexOfAnotherFormat_isRefused_sayingWhatToDo(@TempDir Path dir) throws Exception {
    try (var directory = FSDirectory.open(dir); var writer = new IndexWriter(directory, new IndexWriterConfig())) {
      Document old = new Document(); // an index of smtplog before its format 2: events, and no format key
      old.add(new StringField("doc", "event", org.apache.lucene.document.Field.Store.YES));
      writer.addDocument(old);
      writer.commit();
    }
    assertThatThrownBy(() -> IndexSearch.open(dir)).isInstanceOf(LogIndexer.FormatException.class)
        .hasMessageContaining("index format 1, this one reads " + LogIndexer.FORMAT).hasMessageContaining("run smtplog ingest again");
    assertThatThrownBy(() -> LogIndexer.ingest(dir, List.of(SampleLogs.input(SampleLogs.path("exim/relay-mainlog.log"))),
        SampleLogs.options(SampleLogs.path("exim/relay-mainlog.log"), 1), b -> { }))
        .isInstanceOf(LogIndexer.FormatException.class);
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
