package io.smtplog.core.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole report: its name ("relay", "summary", "codes"), what was read for it, and its sections in
 * order. Every output format is one writer over this document. Immutable.
 */
public record ReportDocument(String report, InputSummary input, List<Section> sections) {
  public ReportDocument {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(input, "input");
    sections = List.copyOf(sections);
  }

  public Optional<Section> section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The same report with only the section {@code name} (which must exist). */
  public ReportDocument only(String name) {
    return new ReportDocument(report, input, List.of(section(name).orElseThrow()));
  }
}
