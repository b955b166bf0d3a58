package io.smtplog.core.summary;

import io.smtplog.core.report.InputSummary;
import java.util.List;
import java.util.Optional;

/** A report of several sections (summary, codes) and what was read for it. Immutable. */
public record SummaryDocument(String report, InputSummary input, List<ReportSection> sections) {
  public SummaryDocument {
    sections = List.copyOf(sections);
  }

  public Optional<ReportSection> section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
