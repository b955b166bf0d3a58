package io.smtplog.core.report;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.InputNote;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.OtherLine;
import io.smtplog.core.ingest.ProblemKind;
import java.util.List;
import java.util.Map;

/**
 * What was read, for the "input" section of reports: {@code other} counts other programs' lines
 * ({@code otherPrograms}) and the mail programs' free text and verbose output, whose first lines
 * are {@code otherSamples}; {@code notes} are remarks about whole files (anonymised ids). Immutable.
 */
public record InputSummary(List<String> files, long lines, long bytes, long events, long ignored, long other,
    Map<String, Long> otherPrograms, List<OtherLine> otherSamples, long problems,
    Map<ProblemKind, Long> problemsByKind, List<LineProblem> problemSamples, List<InputNote> notes,
    Map<String, FormatCount> formats, Map<String, Long> eventsByMta) {

  /** Files, lines, events and problems of one input format. */
  public record FormatCount(long files, long lines, long events, long problems) {}

  public InputSummary {
    formats = Map.copyOf(formats);
    eventsByMta = Map.copyOf(eventsByMta);
    files = List.copyOf(files);
    otherPrograms = Map.copyOf(otherPrograms);
    problemsByKind = Map.copyOf(problemsByKind);
    problemSamples = List.copyOf(problemSamples);
    otherSamples = List.copyOf(otherSamples);
    notes = List.copyOf(notes);
  }

  public static InputSummary of(IngestReport report) {
    return new InputSummary(report.files(), report.linesRead(), report.bytesRead(), report.eventsParsed(),
        report.ignored(), report.other(), report.otherPrograms(), report.otherSamples(), report.problems(),
        report.problemsByKind(), report.samples(), report.notes(), formats(report), eventsByMta(report));
  }

  private static Map<String, FormatCount> formats(IngestReport report) {
    Map<String, FormatCount> out = new java.util.TreeMap<>();
    report.byFormat().forEach((format, c) ->
        out.put(format, new FormatCount(c.files(), c.lines(), c.events(), c.problems())));
    return out;
  }

  private static Map<String, Long> eventsByMta(IngestReport report) {
    Map<String, Long> out = new java.util.TreeMap<>();
    report.eventsByMta().forEach((mta, count) -> out.put(mta.name().toLowerCase(java.util.Locale.ROOT), count));
    return out;
  }
}
