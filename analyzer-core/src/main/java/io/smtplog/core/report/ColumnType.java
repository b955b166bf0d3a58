package io.smtplog.core.report;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What a column holds, and so the Java type of its cells and how each format writes them: numbers
 * as JSON numbers, right-aligned in tables; counts per value as JSON objects.
 */
public enum ColumnType {
  /** Free text or a name ({@link String}). */
  TEXT(String.class),
  /**
   * A host or domain name, alone or as {@code host[ip]:port} ({@link String}): written as text, and
   * pseudonymised as a name whatever its shape ("mx1" too), where free text only finds names by
   * their dots or their context.
   */
  HOST(String.class),
  /** An SMTP reply code, 200 to 599 ({@link Integer}): a JSON number, as {@code smtplog classify} writes it. */
  REPLY_CODE(Integer.class),
  /** A whole number: a count ({@link Long}). */
  COUNT(Long.class),
  /** A size in bytes ({@link Long}). */
  BYTES(Long.class),
  /** A decimal: seconds, a percentage ({@link BigDecimal}). */
  DECIMAL(BigDecimal.class),
  /** A point in time, with the report's offset ({@link OffsetDateTime}). */
  TIME(OffsetDateTime.class),
  /** Counts per value, most first ({@link Map} of String to Long, in order): "a=3;b=1" in text. */
  COUNTS(Map.class);

  private final Class<?> cellType;

  ColumnType(Class<?> cellType) {
    this.cellType = cellType;
  }

  /** True when {@code cell} (null = empty) may stand in a column of this type. */
  public boolean accepts(Object cell) {
    return cell == null || cellType.isInstance(cell);
  }

  /** True for the types written as numbers. */
  public boolean isNumeric() {
    return this == REPLY_CODE || this == COUNT || this == BYTES || this == DECIMAL;
  }
}
