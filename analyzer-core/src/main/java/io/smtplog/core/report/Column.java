package io.smtplog.core.report;

import java.util.Objects;

/**
 * One column of a report section: its name (CSV header, JSON key), the type of its cells, its role
 * in a table (what a narrow terminal may cut or hide), and a narrower header. Immutable.
 *
 * @param hideRank 0 for a column a table never hides (every role but {@link Role#OPTIONAL});
 *     otherwise larger ranks are hidden first, and of equal ranks the one further right
 * @param shortName a narrower header for narrow tables ("250" for "accepted_250"), or the name
 */
public record Column(String name, ColumnType type, Role role, int hideRank, String shortName) {

  /**
   * What a column is to a person reading the table on a narrow terminal (issue 12: a table must
   * never hide the column people read it for; it cuts long cells first, then hides figures).
   */
  public enum Role {
    /** The row's name (a domain, a code, a metric): never hidden; the first such column is cut last. */
    KEY,
    /**
     * The text people read the table for (a reason, a diagnostic, forward-paths): never hidden; its
     * long cells are cut with an ellipsis, keeping their start, before any column is hidden.
     */
    TEXT,
    /** A figure every row needs: never hidden. */
    KEPT,
    /**
     * The value of a metric table, never hidden: its unit is in the name of its row's metric (first
     * column), as {@link ReportKeys#BYTES_METRIC_PREFIX} says sizes in bytes.
     */
    VALUE,
    /** A figure or detail a narrow table may hide, by {@link #hideRank}. */
    OPTIONAL
  }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(shortName, "shortName");
    if ((role == Role.OPTIONAL) != (hideRank > 0)) {
      throw new IllegalArgumentException(name + ": a " + role + " column with hide rank " + hideRank
          + " (only optional columns have a rank, from 1)");
    }
  }

  /** The row's name: never hidden. */
  public static Column key(String name, ColumnType type) {
    return new Column(name, type, Role.KEY, 0, name);
  }

  /** The text people read the table for: never hidden, cut with an ellipsis when long. */
  public static Column text(String name, ColumnType type) {
    return new Column(name, type, Role.TEXT, 0, name);
  }

  /** A figure every row needs: never hidden. */
  public static Column kept(String name, ColumnType type) {
    return new Column(name, type, Role.KEPT, 0, name);
  }

  /** The value column of a metric table (a row per metric): never hidden. */
  public static Column value(String name, ColumnType type) {
    return new Column(name, type, Role.VALUE, 0, name);
  }

  /** A column a narrow table hides at {@code hideRank} (from 1; larger first). */
  public static Column of(String name, ColumnType type, int hideRank) {
    return new Column(name, type, Role.OPTIONAL, hideRank, name);
  }

  /** This column with a narrower header for narrow tables. */
  public Column shortened(String narrow) {
    return new Column(name, type, role, hideRank, narrow);
  }

  /** True for the roles a table never hides. */
  public boolean isAlwaysShown() {
    return role != Role.OPTIONAL;
  }
}
