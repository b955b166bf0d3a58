package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.report.format.CsvFormat;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay section from aggregates over the index documents ({@link RelayAggregates}) is the one
 * the stored lines give when replayed through {@link RelayCollector}: the whole section, as JSON and
 * as CSV, for every Postfix, Exim and transcript sample alone and all together, with and without a
 * query.
 */
class RelayAggregatesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  /**
   * Every document, and queries on the fields of recipients and messages: by status, code, route,
   * writer, sender, TLS and time. Under a query that selects sessions or events (kind:session,
   * kind:event), or one whose stories share a Postfix queue id reused in the same log, the replay
   * also counts what it makes of the sessions' and events' own lines (refusals), which the
   * aggregates, by queue id and session, do not: see {@link io.smtplog.core.index.IndexSearch#storyFilter}.
   */
  private static final List<String> QUERIES = List.of("*", "status:delivered", "status:bounced OR status:deferred",
      "rcpt_code:251", "mta:exim", "mta:transcript", "time:[2026-01-01 TO 2026-06-01]", "route:local",
      "route:relayed", "sender:*example.org*", "tls:yes", "hops:[1 TO *]");

  static Stream<Path> samples() throws IOException {
    List<Path> logs = new ArrayList<>();
    for (String folder : List.of("postfix", "exim", "transcripts")) {
      logs.addAll(SampleLogs.logsUnder(folder));
    }
    return logs.stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eachSampleAlone_theSameSectionAsTheReplay(Path log, @TempDir Path dir) throws Exception {
    Path index = SampleLogs.indexed(log, dir.resolve("index"));
    assertSameUnderEveryQuery(index, log);
  }

  @Test
  void everySampleTogether_theSameSectionAsTheReplay(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index");
    List<Path> logs = samples().toList();
    List<LogInput> inputs = logs.stream().map(SampleLogs::input).toList();
    LogIndexer.ingest(index, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
    long rows = assertSameUnderEveryQuery(index, logs.get(0));
    assertThat(rows).as("domain rows over every query").isGreaterThan(QUERIES.size());
  }

  /** Both ways under every query; the number of domain rows they showed. */
  private static long assertSameUnderEveryQuery(Path index, Path log) throws Exception {
    long rows = 0;
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      for (String text : QUERIES) {
        Query query = IndexSearch.parse(text, ZoneOffset.UTC, NOW);
        Section replayed = ReportRun.fromStoredLines("relay", new RelayCollector(Pseudonymizer.NONE, ZoneOffset.UTC),
            Pseudonymizer.NONE, ReportFilter.ALL, search.replay(query), "index", SampleLogs.options(log, 2), 0)
            .document().sections().get(0);
        Section aggregated = ReportRun.fromCollector("relay", RelayAggregates.collector(
            search.aggregations(query, ZoneOffset.UTC, NOW), Pseudonymizer.NONE, ZoneOffset.UTC), Pseudonymizer.NONE,
            "index", 0).document().sections().get(0);
        assertThat(JsonFormat.sectionTree(aggregated).toPrettyString()).as("%s under %s", log, text)
            .isEqualTo(JsonFormat.sectionTree(replayed).toPrettyString());
        assertThat(csv(aggregated)).as("%s under %s", log, text).isEqualTo(csv(replayed));
        rows += replayed.rows().size() - 1;
      }
    }
    return rows;
  }

  private static String csv(Section section) throws IOException {
    StringWriter out = new StringWriter();
    CsvFormat.write(section, out);
    return out.toString();
  }
}
