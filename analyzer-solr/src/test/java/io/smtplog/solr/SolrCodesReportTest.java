package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.report.CodesAggregates;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codes report computed by Solr ({@link CodesAggregates} over {@link SolrAggregator}, 2 shards)
 * is the local index's, by every breakdown: for every sample under sample-logs, each ingested under
 * a source of its own in one collection (ingested once for the class), and all of them together.
 * The local aggregates equal the replay of the stored lines (CodesAggregatesTest); Solr's equal
 * the replay here too for all the samples together, plain and pseudonymised.
 */
@ExtendWith(SolrCloudExtension.class)
class SolrCodesReportTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final String COLLECTION = "codes_report";
  private static final String ALL = "all";
  private static SolrConnection connection;
  /** The local index of each source (a sample's name, or {@link #ALL}). */
  private static final Map<String, Path> INDEXES = new LinkedHashMap<>();

  static Stream<Path> samples() throws IOException {
    return SampleLogs.logsUnder(".").stream();
  }

  @BeforeAll
  static void ingest(SolrCloud cloud) throws Exception {
    cloud.createCollection(COLLECTION, SolrConfigset.NAME);
    connection = SolrConnection.open(SolrTarget.parse("zk://" + cloud.zkAddress() + "/" + COLLECTION), Optional.empty(),
        Optional.empty());
    Path target = Files.createTempDirectory(Files.createDirectories(Path.of("target")), COLLECTION);
    List<Path> logs = samples().toList();
    for (int n = 0; n < logs.size(); n++) {
      ingest("sample" + n, List.of(logs.get(n)), target);
    }
    ingest(ALL, logs, target);
  }

  /** {@code logs} into a local index and into the collection under {@code source}. */
  private static void ingest(String source, List<Path> logs, Path target) throws Exception {
    List<LogInput> inputs = logs.stream().map(SampleLogs::input).toList();
    Path index = target.resolve(source);
    LogIndexer.ingest(index, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
    try (SolrIndexStore store = new SolrIndexStore(connection, source,
        new Retries(Duration.ofSeconds(30), (e, attempt, wait) -> { }))) {
      LogIndexer.ingest(store, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
    }
    INDEXES.put(source, index);
  }

  @AfterAll
  static void close() throws Exception {
    if (connection != null) {
      connection.close();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eachSample_theLocalIndexsReport(Path log) throws Exception {
    int n = samples().toList().indexOf(log);
    assertSame("sample" + n, SampleLogs.relative(log));
  }

  @Test
  void everySampleTogether_theLocalIndexsReport_andTheReplays() throws Exception {
    long rows = assertSame(ALL, "every sample");
    assertThat(rows).as("rows of the three sections by every breakdown").isGreaterThan(300);
    try (IndexSearch search = IndexSearch.open(INDEXES.get(ALL)).orElseThrow()) {
      for (CodesCollector.By by : CodesCollector.By.values()) {
        String replayed = json(ReportRun.fromStoredLines(Reports.CODES, new CodesCollector(by, Pseudonymizer.NONE),
            Pseudonymizer.NONE, ReportFilter.ALL, search.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index",
            SampleLogs.options(samples().findFirst().orElseThrow(), 2), 0));
        assertThat(json(result(solr(ALL), by, 0, Pseudonymizer.NONE))).as("by %s", by).isEqualTo(replayed);
        Pseudonymizer pseudonyms = Pseudonymizer.withKey("solr-codes-report-test", true);
        assertThat(json(result(solr(ALL), by, 0, pseudonyms))).as("pseudonymised by %s", by)
            .isEqualTo(json(ReportRun.fromStoredLines(Reports.CODES, new CodesCollector(by, pseudonyms), pseudonyms,
                ReportFilter.ALL, search.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index",
                SampleLogs.options(samples().findFirst().orElseThrow(), 2), 0)));
      }
    }
  }

  /** Solr's report and the local index's, by every breakdown, whole and its first 3 rows; the rows shown. */
  private static long assertSame(String source, String what) throws Exception {
    long rows = 0;
    try (IndexSearch search = IndexSearch.open(INDEXES.get(source)).orElseThrow()) {
      Aggregations local = search.aggregations(IndexSearch.parse("*", ZoneOffset.UTC, NOW), ZoneOffset.UTC, NOW);
      for (CodesCollector.By by : CodesCollector.By.values()) {
        for (int top : List.of(0, 3)) {
          ReportRun.Result expected = result(local, by, top, Pseudonymizer.NONE);
          assertThat(json(result(solr(source), by, top, Pseudonymizer.NONE))).as("%s by %s, top %d", what, by, top)
              .isEqualTo(json(expected));
          rows += expected.document().sections().stream().mapToLong(s -> s.rows().size()).sum();
        }
      }
    }
    return rows;
  }

  /** The aggregations of one source's documents. */
  private static Aggregations solr(String source) {
    SolrAggregator aggregator = new SolrAggregator(connection, ZoneOffset.UTC, NOW);
    SolrAggregator.SolrFilter filter = new SolrAggregator.SolrFilter(
        SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source), Map.of());
    return (kind, groupBy, limit, sortBy, metrics) -> aggregator.run(filter, kind, groupBy, limit, sortBy, metrics);
  }

  private static ReportRun.Result result(Aggregations source, CodesCollector.By by, int top, Pseudonymizer pseudonyms)
      throws IOException {
    return ReportRun.fromCollector(Reports.CODES, CodesAggregates.collector(source, by, pseudonyms), pseudonyms,
        "index", top);
  }

  private static String json(ReportRun.Result result) {
    List<String> sections = new ArrayList<>();
    result.document().sections().forEach(s -> sections.add(JsonFormat.sectionTree(s).toPrettyString()));
    return String.join("\n", sections);
  }
}
