package io.smtplog.core.ingest.exim;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Reads the line prefix Exim writes before every entry (exim-log-format reference section 2,
 * {@code tod.c}): {@code YYYY-MM-DD HH:MM:SS}, then {@code .mmm} with {@code +millisec}, then
 * {@code +ZZZZ}/{@code -ZZZZ} with {@code log_timezone}, then {@code [PID]} with {@code +pid}.
 * Stamps without a zone are local time in the zone given. Not thread-safe (it caches the offset
 * of the last hour seen); one per worker.
 */
final class EximTimestamp {
  /** Length of "YYYY-MM-DD HH:MM:SS". */
  static final int STAMP_LENGTH = 19;
  static final long NO_PID = -1;

  private final ZoneRules rules;
  private final ZoneOffset fixed;
  private long cachedHour = Long.MIN_VALUE;
  private int cachedOffset;
  /** The date of the last stamp, as yyyymmdd, and its epoch day: a log writes a day's lines in a row. */
  private int cachedDate = -1;
  private long cachedEpochDay;

  // Results of the last successful parse.
  private Instant at;
  private long pid;
  private int end;

  EximTimestamp(ZoneId zone) {
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
  }

  /** True when {@code line} starts with "YYYY-MM-DD HH:MM:SS" (digits and separators only). */
  static boolean startsWithStamp(CharSequence line, int from) {
    if (line.length() < from + STAMP_LENGTH) {
      return false;
    }
    for (int i = 0; i < STAMP_LENGTH; i++) {
      char c = line.charAt(from + i);
      char want = switch (i) {
        case 4, 7 -> '-';
        case 10 -> ' ';
        case 13, 16 -> ':';
        default -> '0';
      };
      if (want == '0' ? c < '0' || c > '9' : c != want) {
        return false;
      }
    }
    return line.length() == from + STAMP_LENGTH || line.charAt(from + STAMP_LENGTH) == ' '
        || line.charAt(from + STAMP_LENGTH) == '.';
  }

  /**
   * Parses the prefix at {@code from} (which {@link #startsWithStamp} accepted). Returns false when
   * the date or time is out of range; otherwise {@link #at}, {@link #pid} and {@link #end} (the
   * index of the entry's text) describe it.
   */
  boolean parse(String line, int from) {
    int year = digits(line, from, 4);
    int month = digits(line, from + 5, 2);
    int day = digits(line, from + 8, 2);
    int hour = digits(line, from + 11, 2);
    int minute = digits(line, from + 14, 2);
    int second = digits(line, from + 17, 2);
    int i = from + STAMP_LENGTH;
    int n = line.length();
    int nanos = 0;
    if (i < n && line.charAt(i) == '.') {
      int scale = 100_000_000;
      i++;
      while (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
        nanos += (line.charAt(i) - '0') * scale;
        scale /= 10;
        i++;
      }
    }
    int offsetSeconds = Integer.MIN_VALUE;
    if (i + 5 < n && line.charAt(i) == ' ' && (line.charAt(i + 1) == '+' || line.charAt(i + 1) == '-')
        && isDigits(line, i + 2, 4) && (i + 6 == n || line.charAt(i + 6) == ' ')) {
      int hh = digits(line, i + 2, 2);
      int mm = digits(line, i + 4, 2);
      if (hh > 18 || mm > 59) {
        return false;
      }
      offsetSeconds = (hh * 3600 + mm * 60) * (line.charAt(i + 1) == '-' ? -1 : 1);
      i += 6;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
      return false;
    }
    int date = (year * 100 + month) * 100 + day;
    if (date != cachedDate) {
      try {
        cachedEpochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
      } catch (DateTimeException e) {
        return false; // February 30th and the like
      }
      cachedDate = date;
    }
    long epochDay = cachedEpochDay;
    long local = epochDay * 86_400 + hour * 3600L + minute * 60L + Math.min(second, 59);
    if (offsetSeconds == Integer.MIN_VALUE) {
      offsetSeconds = offsetAt(epochDay, year, month, day, hour);
    }
    at = Instant.ofEpochSecond(local - offsetSeconds, nanos);
    pid = NO_PID;
    if (i < n && line.charAt(i) == ' ') {
      i++;
    }
    if (i < n && line.charAt(i) == '[') {
      int close = line.indexOf(']', i);
      if (close > i && close - i < 24 && (close + 1 == n || line.charAt(close + 1) == ' ')) {
        pid = isDigits(line, i + 1, close - i - 1) && close - i - 1 < 19
            ? Long.parseLong(line, i + 1, close, 10) : NO_PID;
        i = close + 1 < n ? close + 2 : close + 1;
      }
    }
    end = i;
    return true;
  }

  private int offsetAt(long epochDay, int year, int month, int day, int hour) {
    if (fixed != null) {
      return fixed.getTotalSeconds();
    }
    long key = epochDay * 24 + hour;
    if (key != cachedHour) {
      cachedOffset = rules.getOffset(LocalDateTime.of(year, month, day, hour, 0)).getTotalSeconds();
      cachedHour = key;
    }
    return cachedOffset;
  }

  Instant at() {
    return at;
  }

  long pid() {
    return pid;
  }

  int end() {
    return end;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  private static boolean isDigits(String s, int from, int count) {
    if (count <= 0 || from + count > s.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
