package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.index.IndexDocuments;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.index.agg.AggRequest;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.LuceneAggregator;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.RcptReply;
import io.smtplog.core.outcome.ReplySource;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.format.CsvFormat;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codes report from aggregates over the index documents ({@link CodesAggregates}) is the one
 * the stored lines give when replayed through {@link CodesCollector}: its three sections, as JSON
 * and as CSV, by every breakdown, whole and cut to a few rows, for every sample under sample-logs
 * alone and all together, for logs read in parts, and pseudonymised.
 */
class CodesAggregatesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final List<Integer> TOPS = List.of(0, 3);
  private static final Pseudonymizer PSEUDONYMS = Pseudonymizer.withKey("codes-aggregates-test", true);

  static Stream<Path> samples() throws IOException {
    return SampleLogs.logsUnder(".").stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eachSampleAlone_theSameReportAsTheReplay(Path log, @TempDir Path dir) throws Exception {
    Path index = SampleLogs.indexed(log, dir.resolve("index"));
    assertSameReport(index, SampleLogs.options(log, 2), SampleLogs.relative(log), Pseudonymizer.NONE);
  }

  @Test
  void everySampleTogether_theSameReportAsTheReplay(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index");
    List<Path> logs = samples().toList();
    assertThat(logs).as("samples under sample-logs").hasSizeGreaterThan(40);
    List<LogInput> inputs = logs.stream().map(SampleLogs::input).toList();
    ReadOptions options = SampleLogs.options(logs.get(0), 2);
    LogIndexer.ingest(index, inputs, options, bytes -> { });
    long rows = assertSameReport(index, options, "every sample", Pseudonymizer.NONE);
    assertThat(rows).as("rows of the three sections by every breakdown").isGreaterThan(300);
    assertSameReport(index, options, "every sample, pseudonymised", PSEUDONYMS);
  }

  /** Cut where stories are open (LogIndexerTest's cuts): the open stories' replies are rewritten, never doubled. */
  @ParameterizedTest(name = "{0} cut at {1} and {2}")
  @CsvSource({"postfix/filter-race.log, 101, 257", "postfix/forward-bounce.log, 63, 301",
      "postfix/header-checks.log, 49, 140", "postfix/debug-verbose.log, 500, 1000", "postfix/content-filter.log, 77, 400",
      "postfix/loopback-relay.log, 900, 1300", "exim/nopid-mainlog.log, 60, 200", "transcripts/swaks-sink.transcript, 40, 100"})
  void aLogReadInThreeParts_theReportOfOneReading(String sample, int cut1, int cut2, @TempDir Path tmp) throws Exception {
    Path source = SampleLogs.path(sample);
    List<String> lines = Files.readAllLines(source);
    Path log = tmp.resolve(source.getFileName());
    Path parts = tmp.resolve("parts");
    ReadOptions options = SampleLogs.options(source, 2);
    for (int cut : new int[] {cut1, cut2, lines.size()}) {
      Files.write(log, lines.subList(0, cut));
      LogIndexer.ingest(parts, List.of(new LogInput(SampleLogs.relative(source), Optional.of(log))), options, b -> { });
    }
    Path once = tmp.resolve("once");
    LogIndexer.ingest(once, List.of(SampleLogs.input(source)), options, b -> { });
    assertSameReport(parts, options, sample + " in parts", Pseudonymizer.NONE);
    try (IndexSearch a = IndexSearch.open(parts).orElseThrow(); IndexSearch b = IndexSearch.open(once).orElseThrow()) {
      for (CodesCollector.By by : CodesCollector.By.values()) {
        assertThat(json(aggregated(a, by, Pseudonymizer.NONE, 0))).as("%s by %s", sample, by)
            .isEqualTo(json(aggregated(b, by, Pseudonymizer.NONE, 0)));
      }
    }
  }

  /**
   * Past {@link CodesCollector#MAX_KEYS} rows, the rows after the first MAX_KEYS (in the order of
   * their first replies) are counted under "(other)", with the first of their replies as example,
   * from aggregates as from the outcomes; replies of a row that has its own keep counting there.
   */
  @Test
  void pastTheCapOnRows_theSameOtherRow() throws Exception {
    List<RcptReply> replies = new ArrayList<>();
    int keys = CodesCollector.MAX_KEYS + 40;
    for (int i = 0; i < keys; i++) {
      replies.add(rcpt(i, "d" + i + ".example", i % 3 == 0 ? 550 : 250, "reply " + i, i % 2 == 0));
      if (i % 1000 == 7) { // later replies of a row that has its own
        replies.add(rcpt(i, "d7.example", 250, "again " + i, false));
      }
      if (i > CodesCollector.MAX_KEYS + 3 && i % 10 == 0) { // and of one counted under "(other)"
        replies.add(rcpt(i, "d" + (CodesCollector.MAX_KEYS + 3) + ".example", 250, "later " + i, true));
      }
    }
    CodesCollector replayed = new CodesCollector(CodesCollector.By.DOMAIN, Pseudonymizer.NONE);
    IndexDocuments documents = new IndexDocuments(ReplyClassifier.standard());
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
        for (int n = 0; n < replies.size(); n++) {
          replayed.accept(replies.get(n));
          // Written out of order (the order field says which came first), over several segments.
          int at = (n * 7919) % replies.size();
          w.addDocument(documents.rcptReply(replies.get(at), at, at, at));
          if (n % 5000 == 0) {
            w.commit();
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        LuceneAggregator aggregator = new LuceneAggregator(new IndexSearcher(reader), q -> new MatchAllDocsQuery());
        Aggregations aggregations = (kind, groupBy, limit, sortBy, metrics) -> aggregator.run(
            new AggRequest(new MatchAllDocsQuery(), kind, groupBy, limit, sortBy, metrics));
        CodesCollector aggregated = CodesAggregates.collector(aggregations, CodesCollector.By.DOMAIN, Pseudonymizer.NONE);
        Section expected = replayed.sections(0).get(2);
        Section actual = aggregated.sections(0).get(2);
        assertThat(expected.rows()).hasSize(CodesCollector.MAX_KEYS + 1);
        List<Object> other = expected.rows().stream().filter(r -> r.get(0).equals("(other)")).findFirst().orElseThrow();
        assertThat(other.subList(5, 8)).as("in_logs, in_transcripts, example of (other)")
            .containsExactly(23L, 20L, "250 reply " + CodesCollector.MAX_KEYS);
        assertThat(csv(actual)).isEqualTo(csv(expected));
      }
    }
  }

  private static RcptReply rcpt(int n, String domain, int code, String text, boolean record) {
    SmtpReply reply = new SmtpReply(ReplyCode.of(code), Optional.empty(), text, Optional.of(SmtpCommand.RCPT));
    return new RcptReply(NOW, Mta.POSTFIX, "user@" + domain, domain, Optional.empty(), reply, Optional.empty(),
        record ? ReplySource.RECORD : ReplySource.TRANSCRIPT, new SourceRef("mail.log", n + 1));
  }

  /**
   * A query that matches refusals of no story (Exim rejects with no connection line, a rotated
   * log's first lines) selects their replies by their lines: the codes report under it counts them,
   * as the replay of those lines does, and as the summary counts the refusals.
   */
  @ParameterizedTest
  @MethodSource("samples")
  void aQueryMatchingRefusalsOfNoStory_countsTheirReplies(Path log, @TempDir Path dir) throws Exception {
    Path index = SampleLogs.indexed(log, dir.resolve("index"));
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      org.apache.lucene.search.Query refusals = IndexSearch.parse("event:reject", ZoneOffset.UTC, NOW);
      List<Section> replayed = ReportRun.fromStoredLines(Reports.CODES, new CodesCollector(CodesCollector.By.NONE,
          Pseudonymizer.NONE), Pseudonymizer.NONE, ReportFilter.ALL, search.replay(refusals), "index",
          SampleLogs.options(log, 2), 0).document().sections();
      List<Section> aggregated = ReportRun.fromCollector(Reports.CODES, CodesAggregates.collector(
          search.aggregations(refusals, ZoneOffset.UTC, NOW), CodesCollector.By.NONE, Pseudonymizer.NONE),
          Pseudonymizer.NONE, "index", 0).document().sections();
      // The refusals' own replies (in_logs) are counted alike; the replay of a verbose session's lines
      // also makes a dialogue of them again (in_transcripts), which the aggregates keep in its own story.
      for (int i = 0; i < replayed.size(); i++) {
        assertThat(total(aggregated.get(i), ReportKeys.IN_LOGS)).as("%s %s", log, replayed.get(i).name())
            .isEqualTo(total(replayed.get(i), ReportKeys.IN_LOGS));
      }
      if (replayed.stream().allMatch(section -> total(section, ReportKeys.IN_TRANSCRIPTS) == 0)) {
        assertThat(json(aggregated)).as(log.toString()).isEqualTo(json(replayed));
      }
      if (SampleLogs.relative(log).equals("corpus/exim/fail2ban-exim.log")) {
        // Exim rejects with no connection line: refusals of no story, which only their lines select
        assertThat(total(aggregated.get(0), ReportKeys.IN_LOGS)).as("their replies").isPositive();
      }
    }
  }

  private static long total(Section section, String column) {
    return section.rows().stream().mapToLong(row -> section.count(row, column)).sum();
  }

  /** Both ways, by every breakdown and top; the number of rows they showed. */
  private static long assertSameReport(Path index, ReadOptions options, String what, Pseudonymizer pseudonyms)
      throws Exception {
    long rows = 0;
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      for (CodesCollector.By by : CodesCollector.By.values()) {
        for (int top : TOPS) {
          List<Section> replayed = ReportRun.fromStoredLines(Reports.CODES, new CodesCollector(by, pseudonyms),
              pseudonyms, ReportFilter.ALL, search.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index",
              options, top).document().sections();
          List<Section> aggregated = aggregated(search, by, pseudonyms, top);
          assertThat(aggregated).hasSameSizeAs(replayed);
          for (int i = 0; i < replayed.size(); i++) {
            String as = what + " by " + by + " top " + top + ", " + replayed.get(i).name();
            assertThat(JsonFormat.sectionTree(aggregated.get(i)).toPrettyString()).as(as)
                .isEqualTo(JsonFormat.sectionTree(replayed.get(i)).toPrettyString());
            assertThat(csv(aggregated.get(i))).as(as).isEqualTo(csv(replayed.get(i)));
            rows += replayed.get(i).rows().size();
          }
        }
      }
    }
    return rows;
  }

  private static List<Section> aggregated(IndexSearch search, CodesCollector.By by, Pseudonymizer pseudonyms, int top)
      throws Exception {
    return ReportRun.fromCollector(Reports.CODES, CodesAggregates.collector(
        search.aggregations(IndexSearch.parse("*", ZoneOffset.UTC, NOW), ZoneOffset.UTC, NOW), by, pseudonyms),
        pseudonyms, "index", top).document().sections();
  }

  private static String json(List<Section> sections) {
    StringBuilder out = new StringBuilder();
    sections.forEach(s -> out.append(JsonFormat.sectionTree(s).toPrettyString()));
    return out.toString();
  }

  private static String csv(Section section) throws IOException {
    StringWriter out = new StringWriter();
    CsvFormat.write(section, out);
    return out.toString();
  }
}
