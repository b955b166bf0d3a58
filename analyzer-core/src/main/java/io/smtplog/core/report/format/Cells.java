package io.smtplog.core.report.format;

import io.smtplog.core.report.Column;
import io.smtplog.core.report.ColumnType;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Section;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The text of a typed cell, the same in CSV and HTML, and in tables but for sizes ({@link #shown}):
 * the one place cells become text. Stateless.
 */
public final class Cells {
  /**
   * The longest cell a table or an HTML page shows, in characters: a 1 MB domain or reason would
   * make a page no one can read (CSV and JSON keep every cell whole, for programs).
   */
  public static final int MAX_SHOWN_CHARS = 1000;
  /** What ends a cell cut at {@link #MAX_SHOWN_CHARS}. */
  public static final String CUT_MARKER = "\u2026[cut]";

  /**
   * Sizes above this many bytes are shown in kibibytes, as pflogsumm prints them ({@code
   * $divByOneKAt}, 512k: {@code adj_int_units} in Debian's pflogsumm 1.1.5).
   */
  static final long KIB_ABOVE = 524_288;
  /** Sizes above this many bytes are shown in mebibytes ({@code $divByOneMegAt}, 512m). */
  static final long MIB_ABOVE = 536_870_912;

  private Cells() {}

  /**
   * The cell as a terminal table shows it: sizes in bytes as pflogsumm prints them ("17490m",
   * "600k", "11894"), everything else as {@link #text}. CSV, JSON and HTML keep exact bytes.
   */
  public static String shown(Column column, Object cell) {
    if (column.type() == ColumnType.BYTES && cell != null) {
      return humanBytes((Long) cell);
    }
    return text(column, cell);
  }

  /**
   * The cell of {@code column} in {@code row} of {@code section} as a table shows it: {@link
   * #shown(Column, Object)}, and a metric's value in bytes (its row's metric named so, {@link
   * ReportKeys#BYTES_METRIC_PREFIX}) as a size.
   */
  public static String shown(Section section, List<Object> row, int column) {
    Column c = section.columns().get(column);
    Object cell = row.get(column);
    if (c.role() == Column.Role.VALUE && cell instanceof BigDecimal size && row.get(0) instanceof String metric
        && metric.startsWith(ReportKeys.BYTES_METRIC_PREFIX) && size.scale() <= 0) {
      return humanBytes(size.longValueExact());
    }
    return shown(c, cell);
  }

  /**
   * {@code bytes} with pflogsumm's units: over 512m in whole mebibytes ("m"), over 512k in whole
   * kibibytes ("k"), cut down as its {@code printf "%d"} does; at most 512k exact.
   */
  public static String humanBytes(long bytes) {
    if (bytes > MIB_ABOVE) {
      return (bytes / 1_048_576) + "m";
    }
    if (bytes > KIB_ABOVE) {
      return (bytes / 1024) + "k";
    }
    return Long.toString(bytes);
  }

  /**
   * {@code text}, or its first {@link #MAX_SHOWN_CHARS} characters and {@link #CUT_MARKER}: what
   * tables ({@link TableWriter}) and HTML show of a cell.
   */
  public static String capped(String text) {
    if (text.length() <= MAX_SHOWN_CHARS) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN_CHARS - 1)) ? MAX_SHOWN_CHARS - 1 : MAX_SHOWN_CHARS;
    return text.substring(0, end) + CUT_MARKER;
  }

  /** The cell as text: numbers plain, times ISO 8601 with offset, counts as "a=3;b=1", empty as "". */
  public static String text(Column column, Object cell) {
    if (cell == null) {
      return "";
    }
    return switch (column.type()) {
      case TEXT, HOST -> (String) cell;
      case REPLY_CODE -> Integer.toString((Integer) cell);
      case COUNT, BYTES -> Long.toString((Long) cell);
      case DECIMAL -> ((BigDecimal) cell).toPlainString();
      case TIME -> iso((OffsetDateTime) cell);
      case COUNTS -> counts((Map<?, ?>) cell);
    };
  }

  public static String iso(OffsetDateTime t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  private static String counts(Map<?, ?> counts) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<?, ?> e : counts.entrySet()) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}
