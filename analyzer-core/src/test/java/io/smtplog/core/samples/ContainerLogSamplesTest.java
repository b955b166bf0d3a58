package io.smtplog.core.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.Reports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The copies of sample-logs/maillog-file/postlogd.log that docker and a CRI runtime store give exactly
 * its reports: the prefix is read past and the inner (Postfix's) time wins. The plain sample's
 * relay report is reviewed in postlogd.expected.json (SampleLogsTest).
 */
class ContainerLogSamplesTest {
  private static final Path PLAIN = SampleLogs.path("maillog-file/postlogd.log");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"maillog-file/docker-timestamps.log", "maillog-file/cri.log"})
  void prefixedCopy_givesThePlainSamplesReports(String copy) throws IOException {
    Path prefixed = SampleLogs.path(copy);
    for (String report : List.of(Reports.RELAY, Reports.SUMMARY, Reports.CODES)) {
      JsonNode expected = SampleReports.json(SampleReports.report(report, 1, 0, ReportFilter.ALL, PLAIN).document());
      JsonNode actual = SampleReports.json(SampleReports.report(report, 1, 0, ReportFilter.ALL, prefixed).document());
      assertThat(expected.get("sections")).as("%s report of the plain sample", report).isNotEmpty();
      assertThat(actual.get("sections")).as("%s report of %s", report, copy).isEqualTo(expected.get("sections"));
      // the input block names the file and quotes its lines (with the prefix); its counts are the same
      for (String count : List.of("lines", "events", "ignored", "other", "problems", "formats", "eventsByMta")) {
        assertThat(actual.get("input").get(count)).as("%s: input.%s", copy, count)
            .isEqualTo(expected.get("input").get(count));
      }
    }
    IngestReport read = new LogPipeline(SampleLogs.options(prefixed, 1)).run(List.of(SampleLogs.input(prefixed)), e -> { });
    assertThat(read.linesRead()).isEqualTo(166);
    assertThat(read.problems()).as("problems in %s: %s", copy, read.samples()).isZero();
  }

  @Test
  void criPartialRecord_andItsRest_areTwoProblems_theFullRecordsAreRead() throws IOException {
    Path log = SampleLogs.path("broken/cri-partial.log");
    IngestReport read = new LogPipeline(SampleLogs.options(log, 1)).run(List.of(SampleLogs.input(log)), e -> { });
    assertThat(read.linesRead()).isEqualTo(4);
    assertThat(read.problemsByKind()).isEqualTo(Map.of(ProblemKind.TRUNCATED, 1L, ProblemKind.UNKNOWN_FORMAT, 1L));
  }
}
