package io.smtplog.core.ingest.exim;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.OtherLine;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads every expected log of Exim's own test suite (sample-logs/corpus/exim-testsuite: 835 main
 * logs, 154 reject logs, the panic logs; real Exim output normalised by the harness). No line may
 * break the parser, and every entry with a delivery flag or "Completed" must become an event. The
 * test configurations' own {@code logwrite} texts ("peer dn ...", "cipher ...", "rcpt for ...",
 * "event msg:complete ...") are free text, counted as {@code other}; the lines left unknown are
 * pinned: the harness's separators, logwrite texts that mimic a record of mail ("[127.0.0.1] ->
 * 'TESTSUITE/...'" without a message id, "U=CALLER ... tmp-reject from cutthrough after DATA"). A
 * change that makes a known line unknown, or parses a new kind, moves the counts and must be
 * looked at.
 */
class EximTestSuiteSweepTest {
  /** An entry with a message id and a flag, or Completed: these must always parse. */
  private static final Pattern FLAGGED = Pattern.compile(
      "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?( [-+]\\d{4})?( \\[\\S+\\])? "
          + "\\w{6}-\\w{6,11}-\\w{2,4} (<=|\\(=|=>|->|>>|\\*>|\\*\\*|==|Completed)( |$)");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"log, 835, 9, 2831", "rejectlog, 154, 0, 7", "paniclog, 60, 0, 0"})
  void everyTestSuiteLog_parsesWithoutBugs_andEveryDeliveryEntryIsAnEvent(String folder, int minFiles,
      int maxUnknown, int freeText) throws IOException {
    Path dir = SampleLogs.path("corpus/exim-testsuite/" + folder);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(minFiles);
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(1999), 2, Integer.MAX_VALUE,
        Optional.of(InputFormat.EXIM), Optional.empty());
    IngestReport report = new LogPipeline(options).run(
        files.stream().map(f -> new LogInput(folder + "/" + f.getFileName(), Optional.of(f))).toList(), e -> { });
    assertThat(report.linesRead()).isPositive();
    assertThat(report.problemsByKind()).doesNotContainKeys(ProblemKind.PARSER_BUG, ProblemKind.BAD_TIMESTAMP,
        ProblemKind.UNREADABLE_INPUT);
    for (LineProblem p : report.samples()) {
      assertThat(FLAGGED.matcher(p.excerpt()).find()).as("a delivery entry left unparsed: %s", p).isFalse();
      if (p.kind() == ProblemKind.UNKNOWN_FORMAT) {
        assertThat(p.excerpt()).as("only the harness's own lines lack a timestamp: %s", p)
            .matches("^(\\*{8} SERVER \\*{8}|\\*\\*NOTE: .*|=+)$");
      }
    }
    assertThat(report.problemsByKind().getOrDefault(ProblemKind.UNKNOWN_LINE, 0L))
        .as("lines left unknown in %s: %s", folder, report.samples()).isLessThanOrEqualTo(maxUnknown);
    assertThat(report.skipped(SkipReason.FREE_TEXT)).as("logwrite texts of %s", folder).isEqualTo(freeText);
    assertThat(report.other()).isEqualTo(freeText);
    assertThat(report.otherSamples()).as("one sample per kind of text").hasSizeLessThanOrEqualTo(freeText)
        .allSatisfy(o -> assertThat(o.reason()).isEqualTo(SkipReason.FREE_TEXT))
        .extracting(OtherLine::shape).doesNotHaveDuplicates();
    if (freeText > 0) {
      assertThat(report.otherSamples()).isNotEmpty();
    }
    for (OtherLine o : report.otherSamples()) {
      assertThat(FLAGGED.matcher(o.excerpt()).find()).as("a delivery entry taken for free text: %s", o).isFalse();
      assertThat(o.excerpt()).as("free text that starts like a reject: %s", o)
          .doesNotContainPattern("^\\S+ \\S+( \\[\\d+\\])?( \\w{6}-\\w{6,11}-\\w{2,4})? (temporarily )?rejected ");
    }
  }
}
