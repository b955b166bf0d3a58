package io.smtplog.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One section of a report: a name (for {@code --section}, file names and JSON keys), a title for
 * people, typed columns, rows of typed cells (null for an empty cell), and notes that say what the
 * figures can and cannot show. Every cell is checked against its column's type when the section is
 * built, so writers never guess. Immutable.
 */
public record Section(String name, String title, List<Column> columns, List<List<Object>> rows, List<String> notes) {

  public Section {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    columns = List.copyOf(columns);
    // Rows too many to hold are built one at a time, by the code that builds the rows held in memory.
    rows = rows instanceof StreamedRows ? rows : checked(name, columns, rows);
    notes = List.copyOf(notes);
  }

  private static List<List<Object>> checked(String name, List<Column> columns, List<List<Object>> rows) {
    List<List<Object>> checked = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(name + ": a row of " + row.size() + " cells for " + columns.size()
            + " columns");
      }
      for (int i = 0; i < row.size(); i++) {
        if (!columns.get(i).type().accepts(row.get(i))) {
          throw new IllegalArgumentException(name + "." + columns.get(i).name() + ": "
              + row.get(i).getClass().getSimpleName() + " in a " + columns.get(i).type() + " column");
        }
      }
      checked.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    return Collections.unmodifiableList(checked);
  }

  /** A section without notes. */
  public Section(String name, String title, List<Column> columns, List<List<Object>> rows) {
    this(name, title, columns, rows, List.of());
  }

  /** The index of {@code column}, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The cell of {@code column} in {@code row}; empty when there is no such column or the cell is empty. */
  public Optional<Object> cell(List<Object> row, String column) {
    int i = indexOf(column);
    return i < 0 ? Optional.empty() : Optional.ofNullable(row.get(i));
  }

  /** The whole number in {@code column} of {@code row}, 0 when empty or absent. */
  public long count(List<Object> row, String column) {
    return cell(row, column).map(v -> v instanceof Long l ? l : 0L).orElse(0L);
  }

  /** The text in {@code column} of {@code row}, "" when empty or absent. */
  public String text(List<Object> row, String column) {
    return cell(row, column).map(v -> v instanceof String s ? s : String.valueOf(v)).orElse("");
  }

  /** A row of cells, for building sections. */
  public static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }
}
