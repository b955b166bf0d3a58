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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The summary report from aggregates over the index documents ({@link SummaryAggregates}) is the
 * one the stored lines give when replayed through {@link SummaryCollector} (what {@code report
 * summary --index} prints): every section, as JSON and as CSV, with every value (--top 0) and with
 * a short top list (--top 2), for every sample under sample-logs alone and all together, in UTC and
 * in a zone a quarter hour off the hour; and after a file grew between two ingests with stories
 * open across them, the same as one ingest of the whole file.
 */
class SummaryAggregatesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final int[] TOPS = {0, 2};

  static Stream<Path> samples() throws IOException {
    return SampleLogs.logsUnder(".").stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eachSampleAlone_theSameReportAsTheReplay(Path log, @TempDir Path dir) throws Exception {
    Path index = SampleLogs.indexed(log, dir.resolve("index"));
    assertSameAsReplay(index, log, ZoneOffset.UTC);
  }

  @Test
  void everySampleTogether_theSameReportAsTheReplay_inUtcAndInAQuarterHourZone(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index");
    List<Path> logs = samples().toList();
    assertThat(logs).hasSizeGreaterThan(30);
    List<LogInput> inputs = logs.stream().map(SampleLogs::input).toList();
    LogIndexer.ingest(index, inputs, SampleLogs.options(logs.get(0), 2), bytes -> { });
    SummaryCollector utc = assertSameAsReplay(index, logs.get(0), ZoneOffset.UTC);
    assertThat(utc.recipients).isGreaterThan(100);
    assertThat(utc.deferrals).isPositive();
    assertThat(utc.rejectRecords).isPositive();
    assertThat(utc.tlsInbound + utc.tlsOutbound).isPositive();
    assertThat(utc.sessions).isPositive();
    assertThat(utc.dialogues).isPositive();
    assertThat(utc.delays.count()).isPositive();
    assertSameAsReplay(index, logs.get(0), ZoneId.of("Asia/Kathmandu"));
  }

  /** The Postfix logs and Exim main logs: their stories span lines (a panic or reject log's lines stand alone). */
  static Stream<Path> grown() throws IOException {
    return Stream.concat(SampleLogs.logsUnder("postfix").stream(),
        SampleLogs.logsUnder("exim").stream().filter(p -> p.getFileName().toString().contains("mainlog")));
  }

  /**
   * A log that grew between two ingests (cut in its middle: messages deferred, sessions open at
   * the cut are taken up again and their documents rewritten) gives the aggregates one ingest of
   * the whole log gives, and the replay's report.
   */
  @ParameterizedTest
  @MethodSource("grown")
  void aGrownLog_theSameAggregatesAsOneIngest(Path log, @TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
    Path copy = dir.resolve(log.getFileName());
    int cut = lines.size() / 2;
    Files.write(copy, lines.subList(0, cut), java.nio.charset.StandardCharsets.ISO_8859_1);
    LogInput input = new LogInput(SampleLogs.relative(log), Optional.of(copy));
    Path twice = dir.resolve("twice");
    LogIndexer.ingest(twice, List.of(input), SampleLogs.options(log, 2), bytes -> { });
    Files.write(copy, lines.subList(cut, lines.size()), java.nio.charset.StandardCharsets.ISO_8859_1,
        StandardOpenOption.APPEND);
    LogIndexer.Result second = LogIndexer.ingest(twice, List.of(input), SampleLogs.options(log, 2), bytes -> { });
    assertThat(second.replayedLines()).as("lines of stories open at the cut, read again").isPositive();
    Path once = dir.resolve("once");
    LogIndexer.ingest(once, List.of(input), SampleLogs.options(log, 2), bytes -> { });
    for (int top : TOPS) {
      assertThat(texts(aggregated(twice, ZoneOffset.UTC, top))).as("%s cut at line %d, --top %d (%d lines read again)",
          log, cut, top, second.replayedLines()).isEqualTo(texts(aggregated(once, ZoneOffset.UTC, top)));
    }
    assertSameAsReplay(twice, log, ZoneOffset.UTC);
  }

  /** Both ways with each --top; returns the aggregated collector (every value). */
  private static SummaryCollector assertSameAsReplay(Path index, Path log, ZoneId zone) throws Exception {
    SummaryCollector all = null;
    for (int top : TOPS) {
      List<Section> replayed;
      try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
        replayed = ReportRun.fromStoredLines(Reports.SUMMARY, new SummaryCollector(zone, Pseudonymizer.NONE),
            Pseudonymizer.NONE, ReportFilter.ALL, search.replay(new MatchAllDocsQuery()), "index",
            SampleLogs.options(log, 2), top).document().sections();
      }
      SummaryCollector collector = collector(index, zone, top);
      List<Section> aggregated = ReportRun.fromCollector(Reports.SUMMARY, collector, Pseudonymizer.NONE, "index", top)
          .document().sections();
      assertThat(aggregated).extracting(Section::name).isEqualTo(replayed.stream().map(Section::name).toList());
      for (int i = 0; i < replayed.size(); i++) {
        assertThat(JsonFormat.sectionTree(aggregated.get(i)).toPrettyString())
            .as("%s, %s, --top %d, %s", log, zone, top, replayed.get(i).name())
            .isEqualTo(JsonFormat.sectionTree(replayed.get(i)).toPrettyString());
        assertThat(csv(aggregated.get(i))).as("%s, %s, --top %d, %s", log, zone, top, replayed.get(i).name())
            .isEqualTo(csv(replayed.get(i)));
      }
      assertThat(collector.recipients).as("recipients = delivered + deferred + bounced + expired + rejected + discarded")
          .isEqualTo(collector.delivered + collector.deferred + collector.bounced + collector.expired
              + collector.rejected + collector.discarded);
      if (top == 0) {
        all = collector;
      }
    }
    return all;
  }

  private static SummaryCollector collector(Path index, ZoneId zone, int top) throws IOException {
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      return SummaryAggregates.collector(search.aggregations(new MatchAllDocsQuery(), zone, NOW), zone, top);
    }
  }

  private static List<String> aggregated(Path index, ZoneId zone, int top) throws IOException {
    return ReportRun.fromCollector(Reports.SUMMARY, collector(index, zone, top), Pseudonymizer.NONE, "index", top)
        .document().sections().stream().map(s -> JsonFormat.sectionTree(s).toPrettyString()).toList();
  }

  private static List<String> texts(List<String> sections) {
    return new ArrayList<>(sections);
  }

  private static String csv(Section section) throws IOException {
    StringWriter out = new StringWriter();
    CsvFormat.write(section, out);
    return out.toString();
  }
}
