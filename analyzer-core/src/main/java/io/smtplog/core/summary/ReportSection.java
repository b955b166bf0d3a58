package io.smtplog.core.summary;

import java.util.List;
import java.util.Objects;

/**
 * One section of a report: a name (for {@code --section}, file names and JSON keys), a title for
 * people, column names, and rows of cells as text (numbers unformatted). Immutable.
 */
public record ReportSection(String name, String title, List<String> columns, List<List<String>> rows) {
  public ReportSection {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** The cell of {@code column} in {@code row}, or "" when there is no such column. */
  public String cell(List<String> row, String column) {
    int i = columns.indexOf(column);
    return i < 0 ? "" : row.get(i);
  }
}
