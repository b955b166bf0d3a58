package io.smtplog.core.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.SessionsReader;
import io.smtplog.core.report.format.SessionTextWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: every sample log's relay report must equal its reviewed {@code .expected.json}.
 * Run with {@code -Dsmtplog.updateGolden=true} to rewrite the expectations, then read every diff
 * before committing them.
 */
class SampleLogsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Path> sampleLogs() throws IOException {
    return Stream.of("postfix", "anonymised", "maillog-file", "exim", "transcripts", "corpus").flatMap(folder -> {
      try {
        return SampleLogs.logsUnder(folder).stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  static Stream<Path> sessionSamples() throws IOException {
    return Stream.concat(SampleLogs.logsUnder("transcripts").stream(),
        SampleLogs.logsUnder("corpus/transcripts").stream()).distinct();
  }

  static Stream<Path> brokenLogs() throws IOException {
    return SampleLogs.logsUnder("broken").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleLogs")
  void sampleLog_matchesReviewedExpectation(Path log) throws IOException {
    String written = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(SampleReports.json(
        SampleReports.relay(log, 1))) + "\n";
    JsonNode actual = MAPPER.readTree(written);
    Path expected = SampleLogs.expectedJson(log);
    String reviewed = SampleLogs.golden(expected, written);
    assertThat(actual).as("relay report of %s (rerun with -Dsmtplog.updateGolden=true and review the diff)", log)
        .isEqualTo(MAPPER.readTree(reviewed));
  }

  /** The reconstructed sessions of every transcript sample, as {@code smtplog sessions} prints them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sessionSamples")
  void transcript_sessionsMatchReviewedExpectation(Path log) throws IOException {
    StringWriter out = new StringWriter();
    SessionTextWriter writer = new SessionTextWriter(out, ReplyClassifier.standard(), ZoneOffset.UTC);
    IngestReport ingest = SessionsReader.read(List.of(SampleLogs.input(log)), SampleLogs.options(log, 1), writer);
    assertThat(writer.count()).as("sessions in %s", log).isPositive();
    assertThat(ingest.problems()).as("problems in %s: %s", log, ingest.samples()).isZero();
    Path expected = SampleLogs.sibling(log, ".sessions.txt");
    assertThat(out.toString()).as("sessions of %s (rerun with -Dsmtplog.updateGolden=true and review the diff)", log)
        .isEqualTo(SampleLogs.golden(expected, out.toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleLogs")
  void sampleLog_parallelReadEqualsSequentialRead(Path log) throws IOException {
    // With more than one thread the parsers, the correlator and the collector run as a pipeline.
    for (String report : List.of(Reports.RELAY, Reports.SUMMARY, Reports.CODES)) {
      assertThat(SampleReports.json(SampleReports.report(report, 4, 0, ReportFilter.ALL, log).document()))
          .as(report).isEqualTo(SampleReports.json(SampleReports.report(report, 1, 0, ReportFilter.ALL, log).document()));
    }
  }

  /** Every identity of the relay and summary reports, on every sample: per domain, in total, and between them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleLogs")
  void sampleLog_reportsAddUp(Path log) throws IOException {
    ReportDocument summary = SampleReports.report(Reports.SUMMARY, 1, 0, ReportFilter.ALL, log).document();
    Identities.assertSummary(summary, log.toString());
    Identities.assertRelay(SampleReports.relay(log, 1).sections().get(0), log.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleLogs")
  void sampleLog_hasNoUnknownPostfixLinesAndNoParserBugs(Path log) throws IOException {
    IngestReport report = new LogPipeline(SampleLogs.options(log, 1)).run(List.of(SampleLogs.input(log)), e -> { });
    assertThat(report.problemsByKind()).as("problems in %s: %s", log, report.samples())
        .doesNotContainKeys(ProblemKind.UNKNOWN_LINE, ProblemKind.PARSER_BUG);
    assertThat(report.linesRead()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenLogs")
  void brokenLog_neverThrowsAndHasNoParserBug(Path log) throws IOException {
    IngestReport report = assertDoesNotThrow(
        () -> new LogPipeline(SampleLogs.options(log, 2)).run(List.of(SampleLogs.input(log)), e -> { }));
    assertThat(report.problemsByKind()).doesNotContainKey(ProblemKind.PARSER_BUG);
    assertThat(report.problems()).as("a broken sample must contain problems").isPositive();
  }
}
