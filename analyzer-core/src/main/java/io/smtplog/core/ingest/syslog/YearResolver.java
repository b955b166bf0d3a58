package io.smtplog.core.ingest.syslog;

import java.time.YearMonth;

/**
 * Supplies the year that traditional syslog stamps ("Nov  3 16:04:31") leave out. Stateless once
 * built, so lines can be parsed in any order and on any thread with the same result.
 */
public interface YearResolver {

  /** The year of a line stamped with {@code month} (1..12). */
  int yearFor(int month);

  /** The year of each month, January first: what {@link #ofTable} makes the resolver again from. */
  default int[] table() {
    int[] years = new int[12];
    for (int month = 1; month <= 12; month++) {
      years[month - 1] = yearFor(month);
    }
    return years;
  }

  /** The resolver whose year of month m is {@code years[m - 1]} (a stored {@link #table()}). */
  static YearResolver ofTable(int[] years) {
    int[] copy = years.clone();
    if (copy.length != 12) {
      throw new IllegalArgumentException("a year for each of 12 months, not " + copy.length);
    }
    return month -> copy[month - 1];
  }

  /**
   * For a log whose first dated line is in {@code firstYear}: months from the first line's month
   * on are in that year, earlier months belong to the next year (a December to January rollover).
   */
  static YearResolver startingIn(int firstYear, int firstMonth) {
    return month -> month >= firstMonth ? firstYear : firstYear + 1;
  }

  /**
   * For a log that ended at {@code end} (its modification time, or now for standard input): months
   * up to the end month are in the end year, later months are from the year before. Right for any
   * log that spans less than a year.
   */
  static YearResolver endingAt(YearMonth end) {
    int year = end.getYear();
    int lastMonth = end.getMonthValue();
    return month -> month <= lastMonth ? year : year - 1;
  }
}
