package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.DelayBuckets;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.report.CodesAggregates;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.RelayAggregates;
import io.smtplog.core.report.RelayCollector;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportKeys;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.solr.client.solrj.SolrQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay report computed by Solr ({@link SolrAggregator}, JSON Facet API over 2 shards) is the
 * local index's: for the Postfix, Exim and transcript samples, each folder in its own collection and
 * all of them together, as JSON and as CSV, equal to the local aggregates ({@link
 * io.smtplog.core.index.agg.LuceneAggregator}) under every query, and to the replay of the stored
 * lines; the summary, read again from the stored lines, equal to the local index's replay; and
 * each query's translation ({@link SolrQueries}) finds as many documents as the local index.
 */
@ExtendWith(SolrCloudExtension.class)
class SolrAggregatorTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  /**
   * RelayAggregatesTest's queries (whose local aggregates equal the replay), and a phrase, ranges
   * over points and over doc values (whole numbers and decimals), a time window, a wildcard, a
   * negation, a query matching nothing and one of prohibited clauses alone (nothing, in Lucene).
   */
  private static final List<String> QUERIES = List.of("*", "status:delivered", "status:bounced OR status:deferred",
      "rcpt_code:251", "mta:exim", "mta:transcript", "time:[2026-01-01 TO 2026-06-01]", "route:local",
      "route:relayed", "sender:*example.org*", "tls:yes", "hops:[1 TO *]", "text:\"user unknown\"",
      "code:[500 TO 599]", "attempts:[2 TO *]", "delay:[0.5 TO *]", "time:[2020-01-01T00:00 TO 2025-06-30T12:00}",
      "domain:example.net AND NOT status:delivered", "status:nosuchstatus", "-mta:exim");
  /**
   * A log whose documents include identical ones (a message refused by header_checks with several
   * recipients the log does not name: one document each, equal in every field but the ingest order);
   * content-derived ids number them ({@link Repeats}), so each stays a document of its own.
   */
  private static final String IDENTICAL_DOCUMENTS = "postfix/header-checks.log";
  private static SolrCloud cloud;

  @BeforeAll
  static void start(SolrCloud solrCloud) {
    cloud = solrCloud;
  }

  private static List<Path> logs(String folder) throws IOException {
    return SampleLogs.logsUnder(folder);
  }

  @Test
  void identicalDocuments_stayApart() throws Exception {
    Path log = SampleLogs.path(IDENTICAL_DOCUMENTS);
    cloud.createCollection("agg_identical", SolrConfigset.NAME);
    Path index = SampleLogs.indexed(log,
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "agg_identical").resolve("index"));
    try (SolrConnection c = connect("agg_identical"); IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      try (SolrIndexStore store = new SolrIndexStore(c, "mx1", new Retries(Duration.ofSeconds(30), (e, n, wait) -> { }))) {
        LogIndexer.ingest(store, List.of(SampleLogs.input(log)), SampleLogs.options(log, 2), bytes -> { });
      }
      Query recipients = IndexSearch.parse("kind:recipient", ZoneOffset.UTC, NOW);
      long local = search.count(recipients);
      long solr = c.client().query(new SolrQuery(SolrQueries.toSolr(recipients)).setRows(0)).getResults().getNumFound();
      assertThat(solr).as("recipient documents, none merged by their content ids").isEqualTo(local).isEqualTo(125); // the relay report of the log counts 125 recipients
    }
  }

  @Test
  void postfix_sameAsTheLocalIndex() throws Exception {
    assertSame("agg_postfix", logs("postfix"));
  }

  @Test
  void exim_sameAsTheLocalIndex() throws Exception {
    assertSame("agg_exim", logs("exim"));
  }

  @Test
  void transcripts_sameAsTheLocalIndex() throws Exception {
    assertSame("agg_transcripts", logs("transcripts"));
  }

  @Test
  void everySampleTogether_sameAsTheLocalIndex_andQueriesCountAlike() throws Exception {
    List<Path> logs = new ArrayList<>();
    for (String folder : List.of("postfix", "exim", "transcripts")) {
      logs.addAll(logs(folder));
    }
    Path index = assertSame("agg_all", logs);
    try (SolrConnection c = connect("agg_all"); IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      for (String text : QUERIES) {
        Query query = IndexSearch.parse(text, ZoneOffset.UTC, NOW);
        SolrQuery solr = new SolrQuery(SolrQueries.toSolr(query)).setRows(0)
            .addFilterQuery("{!terms f=" + IndexFields.KIND + "}" + String.join(",", IndexFields.RECIPIENT,
                IndexFields.MESSAGE, IndexFields.SESSION_KIND, IndexFields.EVENT_KIND));
        assertThat(c.client().query(solr).getResults().getNumFound()).as(text).isEqualTo(search.count(query));
      }
      assertThat(search.count(IndexSearch.parse("code:[500 TO 599]", ZoneOffset.UTC, NOW))).isPositive();
    }
  }

  /**
   * The summary and the codes report under every query, and a few that select sessions and events:
   * over the documents of the stories the query selects, Solr's aggregates are the local index's
   * (the figures of a story are counted from its documents, not from its lines read again: see
   * {@link io.smtplog.core.index.IndexSearch#storyFilter}).
   */
  @Test
  void summaryAndCodes_underEveryQuery_sameAsTheLocalAggregates() throws Exception {
    List<Path> logs = new ArrayList<>();
    for (String folder : List.of("postfix", "exim", "transcripts")) {
      logs.addAll(logs(folder));
    }
    cloud.createCollection("agg_reports", SolrConfigset.NAME);
    List<LogInput> inputs = logs.stream().map(SampleLogs::input).toList();
    Path index = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "agg_reports").resolve("index");
    LogIndexer.ingest(index, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
    List<String> queries = new ArrayList<>(QUERIES);
    queries.addAll(List.of("kind:session", "kind:event", "mta:postfix", "event:warning OR event:reject"));
    try (SolrConnection c = connect("agg_reports"); IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      try (SolrIndexStore store = new SolrIndexStore(c, "mx1", new Retries(Duration.ofSeconds(30), (e, n, wait) -> { }))) {
        LogIndexer.ingest(store, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
      }
      SolrAggregator solr = new SolrAggregator(c, ZoneOffset.UTC, NOW);
      long rows = 0;
      for (String text : queries) {
        Query query = IndexSearch.parse(text, ZoneOffset.UTC, NOW);
        Aggregations local = search.aggregations(query, ZoneOffset.UTC, NOW);
        Aggregations remote = solr.aggregations(query);
        ReportDocument localSummary = ReportRun.fromCollector("summary", SummaryAggregates.collector(local,
            ZoneOffset.UTC, 5), Pseudonymizer.NONE, "index", 5).document();
        ReportDocument solrSummary = ReportRun.fromCollector("summary", SummaryAggregates.collector(remote,
            ZoneOffset.UTC, 5), Pseudonymizer.NONE, "index", 5).document();
        assertThat(json(solrSummary)).as("summary under %s", text).isEqualTo(json(localSummary));
        ReportDocument localCodes = ReportRun.fromCollector("codes", CodesAggregates.collector(local,
            CodesCollector.By.DOMAIN, Pseudonymizer.NONE), Pseudonymizer.NONE, "index", 0).document();
        ReportDocument solrCodes = ReportRun.fromCollector("codes", CodesAggregates.collector(remote,
            CodesCollector.By.DOMAIN, Pseudonymizer.NONE), Pseudonymizer.NONE, "index", 0).document();
        assertThat(json(solrCodes)).as("codes under %s", text).isEqualTo(json(localCodes));
        rows += localCodes.sections().get(0).rows().size();
      }
      assertThat(rows).as("code rows over every query").isGreaterThan(queries.size());
    }
  }

  /**
   * Two domains of more delivered recipients than a delay sketch keeps exactly: Solr counts their
   * delays per 1% bucket ({@link io.smtplog.core.index.agg.Metric.Delays}), and the percentiles
   * are the local index's and the replay's all the same.
   */
  @Test
  void manyDelaysInADomain_countedByBucket_sameAsTheLocalIndex() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "delays");
    Path log = GeneratedLog.write(dir.resolve("many-delays.log"), 2 * (DelayBuckets.EXACT_LIMIT + 300), 2);
    Path index = assertSame("agg_delays", List.of(log), List.of("*", "delay:[1800 TO *]", "domain:d1.example"));
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      RelayCollector local = RelayAggregates.collector(search.aggregations(IndexSearch.parse("*", ZoneOffset.UTC, NOW),
          ZoneOffset.UTC, NOW), Pseudonymizer.NONE, ZoneOffset.UTC);
      Section relay = section(local);
      assertThat(relay.rows()).as("two domains and the totals").hasSize(3);
      for (List<Object> row : relay.rows().subList(0, 2)) {
        assertThat(relay.count(row, ReportKeys.DELIVERED)).isGreaterThan(DelayBuckets.EXACT_LIMIT);
      }
    }
  }

  private static SolrConnection connect(String collection) throws SolrAccessException {
    return SolrConnection.open(SolrTarget.parse("zk://" + cloud.zkAddress() + "/" + collection), Optional.empty(),
        Optional.empty());
  }

  /** The logs ingested into a new collection and a local index alike; the report both ways under every query; the index. */
  private static Path assertSame(String collection, List<Path> logs) throws Exception {
    return assertSame(collection, logs, QUERIES);
  }

  private static Path assertSame(String collection, List<Path> logs, List<String> queries) throws Exception {
    cloud.createCollection(collection, SolrConfigset.NAME);
    List<LogInput> inputs = logs.stream().map(SampleLogs::input).toList();
    Path index = Files.createTempDirectory(Files.createDirectories(Path.of("target")), collection).resolve("index");
    LogIndexer.ingest(index, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
    long rows = 0;
    try (SolrConnection c = connect(collection); IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      try (SolrIndexStore store = new SolrIndexStore(c, "mx1", new Retries(Duration.ofSeconds(30), (e, n, wait) -> { }))) {
        LogIndexer.ingest(store, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
      }
      SolrAggregator solr = new SolrAggregator(c, ZoneOffset.UTC, NOW);
      for (String text : queries) {
        Query query = IndexSearch.parse(text, ZoneOffset.UTC, NOW);
        Section local = section(RelayAggregates.collector(search.aggregations(query, ZoneOffset.UTC, NOW),
            Pseudonymizer.NONE, ZoneOffset.UTC));
        Section fromSolr = section(RelayAggregates.collector(solr.aggregations(query), Pseudonymizer.NONE, ZoneOffset.UTC));
        assertThat(JsonFormat.sectionTree(fromSolr).toPrettyString()).as("%s under %s", collection, text)
            .isEqualTo(JsonFormat.sectionTree(local).toPrettyString());
        assertThat(csv(fromSolr)).as("%s under %s", collection, text).isEqualTo(csv(local));
        rows += local.rows().size() - 1;
        if (text.equals("*")) {
          Section replayed = ReportRun.fromStoredLines("relay", new RelayCollector(Pseudonymizer.NONE, ZoneOffset.UTC),
              Pseudonymizer.NONE, ReportFilter.ALL, search.replay(query), "index", SampleLogs.options(logs.get(0), 2), 0)
              .document().sections().get(0);
          assertThat(JsonFormat.sectionTree(fromSolr).toPrettyString()).as("%s replayed", collection)
              .isEqualTo(JsonFormat.sectionTree(replayed).toPrettyString());
          assertThat(csv(fromSolr)).isEqualTo(csv(replayed));
          // The summary reads the stored lines again: from Solr's chunk documents as from the local index's.
          ReportFilter oneDomain = new ReportFilter(Optional.empty(), Optional.empty(), Optional.of("example.com"),
              Optional.empty(), Optional.empty());
          for (ReportFilter filter : List.of(ReportFilter.ALL, oneDomain)) {
            ReportDocument solrSummary = ReportRun.fromStoredLines("summary", Reports.summary(Pseudonymizer.NONE,
                ZoneOffset.UTC), Pseudonymizer.NONE, filter, new SolrIndexView(c, Optional.empty()).replay(new MatchAllDocsQuery()), "index", SampleLogs.options(logs.get(0), 2),
                0).document();
            ReportDocument localSummary = ReportRun.fromStoredLines("summary", Reports.summary(Pseudonymizer.NONE,
                ZoneOffset.UTC), Pseudonymizer.NONE, filter, search.replay(query), "index", SampleLogs.options(logs.get(0),
                2), 0).document();
            assertThat(json(solrSummary)).as("%s summary", collection).isEqualTo(json(localSummary));
            assertThat(localSummary.input().lines()).isPositive();
          }
          assertThat(local.rows().size()).as("domain rows and the totals").isGreaterThan(1);
        }
      }
    }
    assertThat(rows).as("domain rows over every query").isGreaterThan(queries.size());
    return index;
  }

  private static Section section(RelayCollector collector) {
    return ReportRun.fromCollector("relay", collector, Pseudonymizer.NONE, "index", 0).document().sections().get(0);
  }

  private static String json(ReportDocument document) throws IOException {
    StringWriter out = new StringWriter();
    JsonFormat.write(document, out);
    return out.toString();
  }

  private static String csv(Section section) throws IOException {
    StringWriter out = new StringWriter();
    CsvFormat.write(section, out);
    return out.toString();
  }
}
