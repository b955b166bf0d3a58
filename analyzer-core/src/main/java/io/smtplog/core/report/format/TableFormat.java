package io.smtplog.core.report.format;

import io.smtplog.core.report.Column;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.Section;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as aligned terminal tables, one per section with its title and name, then the
 * section's notes. A narrow terminal shortens headers and cuts long text cells first, then hides
 * optional columns by their rank; never a key, the text people read the table for, or a kept figure
 * ({@link Column.Role}, {@link TableWriter}).
 */
public final class TableFormat {
  /**
   * Rows that set a table's column widths: a longer section (a million domains) is written as it
   * is read, later rows cut to the widths of the first.
   */
  static final int LAYOUT_ROWS = 10_000;

  private TableFormat() {}

  /** Writes one page of rows: the first lays the table out, the next are cut to its widths. */
  private static TableWriter.Streaming page(TableWriter.Streaming table, Writer out, List<String> header,
      List<List<String>> rows, int width, List<String> dropOrder, List<String> numeric,
      Map<String, String> shortHeaders) throws IOException {
    if (table == null) {
      return new TableWriter.Streaming(out, header, rows, width, dropOrder, numeric, shortHeaders);
    }
    table.rows(rows);
    return table;
  }

  /** Each section as a titled, aligned table fitted to {@code width}. Does not close {@code out}. */
  public static void write(ReportDocument document, Writer out, int width) throws IOException {
    boolean first = true;
    boolean titled = document.sections().size() > 1;
    for (Section section : document.sections()) {
      if (!first) {
        out.write('\n');
      }
      first = false;
      if (titled) {
        String title = section.title() + " [" + section.name() + "]";
        if (title.length() > width) {
          title = section.title().substring(0, Math.max(0, Math.min(section.title().length(),
              width - section.name().length() - 4))) + "\u2026 [" + section.name() + "]";
        }
        out.write(title + '\n' + "-".repeat(Math.min(title.length(), Math.max(20, Math.min(width, 200)))) + '\n');
      }
      write(section, out, width);
    }
    out.flush();
  }

  /** One section: the table (or "(none)"), then its notes. */
  public static void write(Section section, Writer out, int width) throws IOException {
    if (section.rows().isEmpty()) {
      out.write("(none)\n");
    } else {
      List<String> header = new ArrayList<>();
      List<String> numeric = new ArrayList<>();
      Map<String, String> shortHeaders = new HashMap<>();
      for (Column c : section.columns()) {
        header.add(c.name());
        if (c.type().isNumeric()) {
          numeric.add(c.name());
        }
        if (!c.shortName().equals(c.name())) {
          shortHeaders.put(c.name(), c.shortName());
        }
      }
      List<String> dropOrder = dropOrder(section.columns());
      // A page of rows at a time: a section of a million domains is laid out by its first page.
      TableWriter.Streaming table = null;
      List<List<String>> rows = new ArrayList<>();
      for (List<Object> row : section.rows()) {
        List<String> cells = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
          cells.add(Cells.shown(section, row, i));
        }
        rows.add(cells);
        if (rows.size() == LAYOUT_ROWS) {
          table = page(table, out, header, rows, width, dropOrder, numeric, shortHeaders);
          rows = new ArrayList<>();
        }
      }
      page(table, out, header, rows, width, dropOrder, numeric, shortHeaders).finish();
    }
    for (String note : section.notes()) {
      for (String line : wrap(SafeText.stripControls(note), width)) {
        out.write(line + '\n');
      }
    }
    out.flush();
  }

  /**
   * The columns a narrow table may hide, first to go first: the largest rank, and of equal ranks the
   * one further right (the figures nearer the row's name are read first). Keys, text and kept
   * figures are never in it.
   */
  static List<String> dropOrder(List<Column> columns) {
    List<Integer> optional = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).isAlwaysShown()) {
        optional.add(i);
      }
    }
    optional.sort(Comparator.<Integer>comparingInt(i -> columns.get(i).hideRank())
        .thenComparingInt(i -> i).reversed());
    return optional.stream().map(i -> columns.get(i).name()).toList();
  }

  /** Breaks {@code text} at spaces into lines of at most {@code width} characters (a longer word stands alone). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
