package io.smtplog.core.report.format;

import io.smtplog.core.report.Column;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The text of a typed cell, the same in tables, CSV and HTML: the one place cells become text. Stateless. */
public final class Cells {
  /**
   * The longest cell a table or an HTML page shows, in characters: a 1 MB domain or reason would
   * make a page no one can read (CSV and JSON keep every cell whole, for programs).
   */
  public static final int MAX_SHOWN_CHARS = 1000;
  /** What ends a cell cut at {@link #MAX_SHOWN_CHARS}. */
  public static final String CUT_MARKER = "\u2026[cut]";

  private Cells() {}

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
