package io.smtplog.core.report;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkipReason;
import java.util.List;
import java.util.Map;

/** What was read, for the "input" section of reports. Immutable. */
public record InputSummary(List<String> files, long lines, long bytes, long events, long ignored, long other,
    Map<String, Long> otherPrograms, long problems, Map<ProblemKind, Long> problemsByKind,
    List<LineProblem> problemSamples) {

  public InputSummary {
    files = List.copyOf(files);
    otherPrograms = Map.copyOf(otherPrograms);
    problemsByKind = Map.copyOf(problemsByKind);
    problemSamples = List.copyOf(problemSamples);
  }

  public static InputSummary of(IngestReport report) {
    return new InputSummary(report.files(), report.linesRead(), report.bytesRead(), report.eventsParsed(),
        report.ignored(), report.skipped(SkipReason.OTHER_PROGRAM), report.otherPrograms(), report.problems(),
        report.problemsByKind(), report.samples());
  }
}
