package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.Section;
import io.smtplog.core.report.SummaryAggregates;
import io.smtplog.core.report.format.CsvFormat;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The summary report computed by Solr ({@link SummaryAggregates} over {@link SolrAggregator}, JSON
 * Facet API over 2 shards) is the local index's ({@link io.smtplog.core.index.agg.LuceneAggregator},
 * which SummaryAggregatesTest proves equal to the replay): every section as JSON and as CSV, with
 * every value and with a top list of 2, for every sample under sample-logs (each ingested once under
 * a source of its own into one collection, and its aggregates taken over that source), and for all
 * of them in one ingest (another collection), in UTC and in a zone a quarter hour off the hour.
 */
@ExtendWith(SolrCloudExtension.class)
class SolrSummaryTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final String EACH = "summary_each";
  private static final String ALL = "summary_all";
  private static final int[] TOPS = {0, 2};
  private static SolrCloud cloud;
  private static Path work;

  static Stream<Path> samples() throws IOException {
    return SampleLogs.logsUnder(".").stream();
  }

  @BeforeAll
  static void ingest(SolrCloud solrCloud) throws Exception {
    cloud = solrCloud;
    work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "summary");
    cloud.createCollection(EACH, SolrConfigset.NAME);
    cloud.createCollection(ALL, SolrConfigset.NAME);
    List<Path> logs = samples().toList();
    // Sources ingest side by side, as hosts shipping their own logs do: the commits' waits overlap.
    java.util.concurrent.ExecutorService ingests = java.util.concurrent.Executors.newFixedThreadPool(4);
    try (SolrConnection c = connect(EACH)) {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (Path log : logs) {
        done.add(ingests.submit(() -> {
          try (SolrIndexStore store = new SolrIndexStore(c, SampleLogs.relative(log), retries())) {
            LogIndexer.ingest(store, List.of(SampleLogs.input(log)), SampleLogs.options(log, 2), bytes -> { });
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      ingests.shutdownNow();
    }
    List<LogInput> inputs = logs.stream().map(SampleLogs::input).toList();
    try (SolrConnection c = connect(ALL); SolrIndexStore store = new SolrIndexStore(c, "mx1", retries())) {
      LogIndexer.ingest(store, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
    }
    LogIndexer.ingest(work.resolve("all"), inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
  }

  @AfterAll
  static void clean() throws IOException {
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eachSample_theLocalIndexsReport(Path log) throws Exception {
    Path index = SampleLogs.indexed(log, work.resolve(SampleLogs.relative(log).replace('/', '_')));
    try (SolrConnection c = connect(EACH)) {
      SolrAggregator solr = new SolrAggregator(c, ZoneOffset.UTC, NOW);
      SolrAggregator.SolrFilter source = new SolrAggregator.SolrFilter(
          SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(SampleLogs.relative(log)), Map.of());
      Aggregations ofSource = (kind, groupBy, limit, sortBy, metrics) -> solr.run(source, kind, groupBy, limit, sortBy,
          metrics);
      assertSame(index, ofSource, ZoneOffset.UTC, log.toString());
    }
  }

  @Test
  void everySampleTogether_theLocalIndexsReport() throws Exception {
    try (SolrConnection c = connect(ALL)) {
      Aggregations solr = new SolrAggregator(c, ZoneOffset.UTC, NOW).aggregations(new MatchAllDocsQuery());
      List<Section> sections = assertSame(work.resolve("all"), solr, ZoneOffset.UTC, "every sample");
      assertThat(sections.get(0).rows()).as("grand totals").hasSizeGreaterThan(20);
      assertSame(work.resolve("all"), solr, ZoneId.of("Asia/Kathmandu"), "every sample, Asia/Kathmandu");
    }
  }

  /** The report from Solr and from the local index, with each --top; the local sections with every value. */
  private static List<Section> assertSame(Path index, Aggregations solr, ZoneId zone, String what) throws Exception {
    List<Section> all = null;
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      for (int top : TOPS) {
        List<Section> local = sections(search.aggregations(new MatchAllDocsQuery(), zone, NOW), zone, top);
        List<Section> fromSolr = sections(solr, zone, top);
        assertThat(fromSolr).extracting(Section::name).isEqualTo(local.stream().map(Section::name).toList());
        for (int i = 0; i < local.size(); i++) {
          assertThat(JsonFormat.sectionTree(fromSolr.get(i)).toPrettyString())
              .as("%s, --top %d, %s", what, top, local.get(i).name())
              .isEqualTo(JsonFormat.sectionTree(local.get(i)).toPrettyString());
          assertThat(csv(fromSolr.get(i))).as("%s, --top %d, %s", what, top, local.get(i).name())
              .isEqualTo(csv(local.get(i)));
        }
        if (top == 0) {
          all = local;
        }
      }
    }
    return all;
  }

  private static List<Section> sections(Aggregations source, ZoneId zone, int top) throws IOException {
    return ReportRun.fromCollector(Reports.SUMMARY, SummaryAggregates.collector(source, zone, top), Pseudonymizer.NONE,
        "index", top).document().sections();
  }

  private static Retries retries() {
    return new Retries(Duration.ofSeconds(30), (e, n, wait) -> { });
  }

  private static SolrConnection connect(String collection) throws SolrAccessException {
    return SolrConnection.open(SolrTarget.parse("zk://" + cloud.zkAddress() + "/" + collection), Optional.empty(),
        Optional.empty());
  }

  private static String csv(Section section) throws IOException {
    StringWriter out = new StringWriter();
    CsvFormat.write(section, out);
    return out.toString();
  }
}
