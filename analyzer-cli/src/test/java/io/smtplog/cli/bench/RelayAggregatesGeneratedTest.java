package io.smtplog.cli.bench;

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
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay section from aggregates equals the replayed one on generated Postfix and Exim logs
 * together (hundreds of domains, more than a thousand delays in the totals, so the delay sketch
 * turns to its histogram on both paths), for every document and for one writer.
 */
class RelayAggregatesGeneratedTest {
  private static final ZoneOffset UTC = ZoneOffset.UTC;

  @Test
  void generatedPostfixAndEximLogs_theSameSectionAsTheReplay(@TempDir Path dir) throws Exception {
    Path postfix = dir.resolve("mail.log");
    Path exim = dir.resolve("mainlog");
    try (Writer out = Files.newBufferedWriter(postfix, StandardCharsets.UTF_8)) {
      new PostfixLogGenerator(out, new GeneratorSettings(7, 300, 60)).generate(Long.MAX_VALUE, 20_000);
    }
    try (Writer out = Files.newBufferedWriter(exim, StandardCharsets.UTF_8)) {
      new EximLogGenerator(out, new GeneratorSettings(8, 300, 80)).generate(Long.MAX_VALUE, 10_000);
    }
    ReadOptions options = new ReadOptions(UTC, OptionalInt.of(2026), 2, 20);
    Path index = dir.resolve("index");
    LogIndexer.ingest(index, List.of(new LogInput("mail.log", Optional.of(postfix)),
        new LogInput("mainlog", Optional.of(exim))), options, bytes -> { });
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      for (String text : List.of("*", "mta:exim")) {
        var query = IndexSearch.parse(text, UTC, Instant.now());
        Section replayed = ReportRun.fromStoredLines("relay", new RelayCollector(Pseudonymizer.NONE, UTC),
            Pseudonymizer.NONE, ReportFilter.ALL, search.replay(query), "index", options, 0).document().sections()
            .get(0);
        Section aggregated = ReportRun.fromCollector("relay", RelayAggregates.collector(
            search.aggregations(query, UTC, Instant.now()), Pseudonymizer.NONE, UTC), Pseudonymizer.NONE, "index", 0)
            .document().sections().get(0);
        assertThat(JsonFormat.sectionTree(aggregated).toPrettyString()).as(text)
            .isEqualTo(JsonFormat.sectionTree(replayed).toPrettyString());
        if (text.equals("*")) {
          assertThat(replayed.rows()).hasSizeGreaterThan(100);
          assertThat(replayed.count(replayed.rows().get(replayed.rows().size() - 1), "delivered")).isGreaterThan(1024);
        }
      }
    }
  }
}
