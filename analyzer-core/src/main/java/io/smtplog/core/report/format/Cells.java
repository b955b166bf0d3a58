package io.smtplog.core.report.format;

import io.smtplog.core.report.Column;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The text of a typed cell, the same in tables, CSV and HTML: the one place cells become text. Stateless. */
public final class Cells {
  private Cells() {}

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
