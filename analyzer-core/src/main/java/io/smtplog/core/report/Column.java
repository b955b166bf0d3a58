package io.smtplog.core.report;

import java.util.Objects;

/**
 * One column of a report section: its name (CSV header, JSON key), the type of its cells, and how
 * readily a narrow terminal table may hide it. Immutable.
 *
 * @param hideRank 0 for a column a table never hides (the row's name, the text people read the
 *     table for); otherwise larger ranks are hidden first
 * @param shortName a narrower header for narrow tables ("250" for "accepted_250"), or the name
 */
public record Column(String name, ColumnType type, int hideRank, String shortName) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(shortName, "shortName");
  }

  /** A column a table never hides. */
  public static Column kept(String name, ColumnType type) {
    return new Column(name, type, 0, name);
  }

  /** A column a narrow table hides at {@code hideRank} (larger first). */
  public static Column of(String name, ColumnType type, int hideRank) {
    return new Column(name, type, hideRank, name);
  }

  /** This column with a narrower header for narrow tables. */
  public Column shortened(String narrow) {
    return new Column(name, type, hideRank, narrow);
  }
}
