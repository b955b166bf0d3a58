package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.RelayAggregates;
import io.smtplog.core.report.RelayCollector;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Section;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, opt-in: the relay report of a generated Postfix log from the 2-node test SolrCloud
 * (aggregates computed by Solr) against the local index (the replay of its stored lines, and its
 * own aggregates), three interleaved runs after a warm-up, with and without a query; the sections
 * checked equal. Run with {@code -Dbench.log=FILE} (a log of {@code smtplog generate}); skipped
 * otherwise. Prints one line per way and run, and the medians' ratios.
 */
@ExtendWith(SolrCloudExtension.class)
class RelayReportBenchTest {
  private static final String LOG = System.getProperty("bench.log");
  private static final int RUNS = 3;

  @FunctionalInterface
  private interface Way {
    Section run(Query query) throws Exception;
  }

  @Test
  void relayReport_solrAgainstTheLocalIndex(SolrCloud cloud) throws Exception {
    Assumptions.assumeTrue(LOG != null, "a benchmark: give -Dbench.log=FILE (smtplog generate --lines 200000 -o FILE)");
    Path log = Path.of(LOG);
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 2, 20);
    List<LogInput> inputs = List.of(new LogInput("mail.log", Optional.of(log)));
    Path index = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench").resolve("index");
    long t0 = System.nanoTime();
    LogIndexer.ingest(index, inputs, options, bytes -> { });
    long t1 = System.nanoTime();
    cloud.createCollection("bench", SolrConfigset.NAME);
    try (SolrConnection c = SolrConnection.open(SolrTarget.parse("zk://" + cloud.zkAddress() + "/bench"), Optional.empty(),
        Optional.empty()); IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      long t2 = System.nanoTime();
      try (SolrIndexStore store = new SolrIndexStore(c, "mx1", new Retries(Duration.ofMinutes(2), (e, n, wait) -> { }))) {
        LogIndexer.ingest(store, inputs, options, bytes -> { });
      }
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "BENCH %s: %,d lines; ingest local %.1f s, Solr %.1f s%n", log.getFileName(),
          Files.lines(log).count(), (t1 - t0) / 1e9, (t3 - t2) / 1e9);
      Instant now = Instant.now();
      SolrAggregator solr = new SolrAggregator(c, ZoneOffset.UTC, now);
      Map<String, Way> ways = new LinkedHashMap<>();
      ways.put("local replay", q -> ReportRun.fromStoredLines("relay", new RelayCollector(Pseudonymizer.NONE, ZoneOffset.UTC),
          Pseudonymizer.NONE, ReportFilter.ALL, search.replay(q), "index", options, 0).document().sections().get(0));
      ways.put("local aggregate", q -> section(RelayAggregates.collector(search.aggregations(q, ZoneOffset.UTC, now),
          Pseudonymizer.NONE, ZoneOffset.UTC)));
      ways.put("Solr aggregate", q -> section(RelayAggregates.collector(solr.aggregations(q), Pseudonymizer.NONE,
          ZoneOffset.UTC)));
      for (String text : List.of("*", "status:bounced")) {
        Query query = IndexSearch.parse(text, ZoneOffset.UTC, now);
        Map<String, long[]> times = new LinkedHashMap<>();
        String expected = null;
        for (int run = -1; run < RUNS; run++) { // run -1: the warm-up
          for (Map.Entry<String, Way> way : ways.entrySet()) {
            if (text.equals("status:bounced") && way.getKey().equals("local replay")) {
              continue; // the replay of a query's stories counts refusals the aggregates do not (RelayAggregatesTest)
            }
            long start = System.nanoTime();
            Section section = way.getValue().run(query);
            long took = System.nanoTime() - start;
            String json = JsonFormat.sectionTree(section).toPrettyString();
            expected = expected == null ? json : expected;
            assertThat(json).as("%s under %s", way.getKey(), text).isEqualTo(expected);
            if (run >= 0) {
              times.computeIfAbsent(way.getKey(), k -> new long[RUNS])[run] = took;
              System.out.printf(Locale.ROOT, "BENCH %-16s %-15s run %d: %6.0f ms (%d rows)%n", text, way.getKey(), run + 1,
                  took / 1e6, section.rows().size());
            }
          }
        }
        long solrMedian = median(times.get("Solr aggregate"));
        times.forEach((way, t) -> System.out.printf(Locale.ROOT, "BENCH %-16s %-15s median %6.0f ms, %.2fx Solr's%n",
            text, way, median(t) / 1e6, (double) median(t) / solrMedian));
      }
    }
  }

  private static long median(long[] t) {
    long[] sorted = t.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static Section section(RelayCollector collector) {
    return ReportRun.fromCollector("relay", collector, Pseudonymizer.NONE, "index", 0).document().sections().get(0);
  }
}
