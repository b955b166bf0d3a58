package io.smtplog.core.report.format;

import io.smtplog.core.model.Plural;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes aligned text tables for terminals: control characters replaced ({@link SafeText}), numbers
 * right-aligned, and the table kept within a width: text cells are counted cut (to
 * {@link #FLEXIBLE_CELL}, or a third of a narrow table) and the columns of {@code dropOrder} are
 * dropped, first first, until it fits (a footer says which); then the widest cells are shortened
 * with an ellipsis that keeps their start.
 */
public final class TableWriter {
  private static final String GAP = "  ";
  private static final int MIN_CELL = 6;
  /**
   * How narrow a text column (a list of forward-paths, a reason) may be cut before a column is
   * hidden for it, at most: a long list must not push the figures off the screen.
   */
  private static final int FLEXIBLE_CELL = 30;
  /**
   * On a narrow terminal, the share of its width a text column keeps before a figure is hidden for
   * it (20 characters at 60 columns): cut to less, a reason no longer says anything.
   */
  private static final int FLEXIBLE_SHARE = 3;

  private TableWriter() {}

  /**
   * @param width the terminal width; {@link Integer#MAX_VALUE} for no limit
   * @param dropOrder column names that may be left out, least important first
   * @param numeric which columns to right-align
   */
  public static void write(Writer out, List<String> header, List<List<String>> rows, int width,
      List<String> dropOrder, List<String> numeric) throws IOException {
    write(out, header, rows, width, dropOrder, numeric, java.util.Map.of());
  }

  /**
   * As above; {@code shortHeaders} gives narrower names ("250" for "accepted_250"), used when they
   * let the table keep more columns, before any cell is shortened.
   */
  public static void write(Writer out, List<String> header, List<List<String>> rows, int width,
      List<String> dropOrder, List<String> numeric, java.util.Map<String, String> shortHeaders) throws IOException {
    Streaming table = new Streaming(out, header, rows, width, dropOrder, numeric, shortHeaders);
    table.finish();
  }

  /**
   * A table written as its rows come, for results too large to hold: the columns shown and their
   * widths are those the first rows need (the header and those rows are written at once); later
   * rows are cut to the same widths ("\u2026"). Not thread-safe.
   */
  public static final class Streaming {
    private final Writer out;
    private final List<String> header;
    private final List<String> numeric;
    private final int width;
    private final List<Integer> shown = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final int[] widths;

    /** Lays the table out for {@code firstRows} and writes the header and those rows. */
    public Streaming(Writer out, List<String> header, List<List<String>> firstRows, int width,
        List<String> dropOrder, List<String> numeric, java.util.Map<String, String> shortHeaders) throws IOException {
      this.out = out;
      this.header = header;
      this.numeric = numeric;
      this.width = width;
      for (int i = 0; i < header.size(); i++) {
        shown.add(i);
      }
      List<List<String>> safeRows = safe(firstRows);
      List<String> shortHeader = new ArrayList<>(header.size());
      for (String name : header) {
        shortHeader.add(shortHeaders.getOrDefault(name, name));
      }
      int[] longWidths = widths(header, safeRows);
      int[] shortWidths = widths(shortHeader, safeRows);
      // Drop the least important columns until the table fits with its full headers or its short
      // ones, text columns other than the first counted at most FLEXIBLE_CELL wide (cut below).
      int[] longFit = flexible(longWidths, header, numeric, width);
      int[] shortFit = flexible(shortWidths, header, numeric, width);
      for (String column : dropOrder) {
        if (total(longFit, shown) <= width || total(shortFit, shown) <= width) {
          break;
        }
        int index = header.indexOf(column);
        if (index >= 0 && shown.remove(Integer.valueOf(index))) {
          dropped.add(column);
        }
      }
      boolean useLong = total(longFit, shown) <= width;
      List<String> shownHeader = useLong ? header : shortHeader;
      widths = useLong ? longWidths : shortWidths;
      narrow();
      writeRow(out, shownHeader, shown, widths, numeric, header);
      for (List<String> row : safeRows) {
        writeRow(out, row, shown, widths, numeric, header);
      }
    }

    /**
     * Still too wide: shortens the widest cells, never below MIN_CELL; the first column (the row's
     * name) only when nothing else can give.
     */
    private void narrow() {
      while (total(widths, shown) > width) {
        int widest = -1;
        for (int i : shown) {
          if (i != shown.get(0) && widths[i] > MIN_CELL && (widest < 0 || widths[i] > widths[widest])) {
            widest = i;
          }
        }
        if (widest < 0) {
          widest = shown.get(0);
        }
        if (widths[widest] <= MIN_CELL) {
          break;
        }
        // Level the widest column down to the next widest before cutting both further.
        int next = MIN_CELL;
        for (int i : shown) {
          if (i != widest && i != shown.get(0) && widths[i] < widths[widest]) {
            next = Math.max(next, widths[i]);
          }
        }
        widths[widest] = Math.max(Math.max(MIN_CELL, next), widths[widest] - (total(widths, shown) - width));
      }
    }

    /** Writes more rows, cut to the widths of the first. */
    public void rows(List<List<String>> rows) throws IOException {
      for (List<String> row : safe(rows)) {
        writeRow(out, row, shown, widths, numeric, header);
      }
    }

    /** Writes the footer that names the hidden columns, if any, and flushes. */
    public void finish() throws IOException {
      if (!dropped.isEmpty()) {
        String columns = Plural.of(dropped.size(), "column");
        String note = "(" + columns + " hidden at this width: " + String.join(", ", dropped) + ")";
        out.write((note.length() <= width ? note : "(" + columns + " hidden; --format csv shows all)") + "\n");
      }
      out.flush();
    }
  }

  private static List<List<String>> safe(List<List<String>> rows) {
    List<List<String>> safeRows = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      List<String> safe = new ArrayList<>(row.size());
      for (String cell : row) {
        safe.add(Cells.capped(SafeText.stripControls(cell))); // a 1 MB cell would make every row 1 MB wide
      }
      safeRows.add(safe);
    }
    return safeRows;
  }

  private static void writeRow(Writer out, List<String> cells, List<Integer> shown, int[] widths,
      List<String> numeric, List<String> header) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int k = 0; k < shown.size(); k++) {
      int i = shown.get(k);
      String cell = fit(cells.get(i), widths[i]);
      boolean right = numeric.contains(header.get(i));
      boolean last = k == shown.size() - 1;
      if (k > 0) {
        line.append(GAP);
      }
      if (right) {
        line.append(" ".repeat(widths[i] - cell.length())).append(cell);
      } else {
        line.append(cell);
        if (!last) {
          line.append(" ".repeat(widths[i] - cell.length()));
        }
      }
    }
    out.write(line.toString().stripTrailing());
    out.write('\n');
  }

  /**
   * The cell, or its start and an ellipsis in {@code width} characters: the start of an address or a
   * reason says most. No space before the ellipsis, no half of a surrogate pair.
   */
  private static String fit(String cell, int width) {
    if (cell.length() <= width) {
      return cell;
    }
    int end = width - 1;
    if (end > 0 && Character.isHighSurrogate(cell.charAt(end - 1))) {
      end--;
    }
    return cell.substring(0, end).stripTrailing() + "\u2026";
  }

  private static int[] widths(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    return widths;
  }

  /**
   * The widths with every text column but the first capped at {@link #FLEXIBLE_CELL}, or a third of
   * a narrower table (never below its header): how far text is cut before a column is hidden.
   */
  private static int[] flexible(int[] widths, List<String> header, List<String> numeric, int width) {
    int[] fit = widths.clone();
    int cap = Math.min(FLEXIBLE_CELL, width / FLEXIBLE_SHARE);
    for (int i = 1; i < fit.length; i++) {
      if (!numeric.contains(header.get(i))) {
        fit[i] = Math.min(fit[i], Math.max(cap, header.get(i).length()));
      }
    }
    return fit;
  }

  private static int total(int[] widths, List<Integer> shown) {
    int sum = 0;
    for (int i : shown) {
      sum += widths[i];
    }
    return sum + GAP.length() * Math.max(0, shown.size() - 1);
  }
}
