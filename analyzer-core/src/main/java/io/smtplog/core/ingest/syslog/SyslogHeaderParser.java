package io.smtplog.core.ingest.syslog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Parses the syslog envelope of a line without regular expressions:
 * <ul>
 *   <li>RFC 3164 / BSD: {@code Mmm dd hh:mm:ss host tag[pid]: } (day space- or zero-padded; the
 *       latter is Postfix's own maillog_file), optionally with fractions or a year after the day;
 *   <li>RFC 3339 / ISO 8601 (rsyslog high precision, journalctl short-iso): {@code
 *       2024-05-01T10:00:00.123456+02:00 host tag[pid]: }, offset with or without a colon, or Z,
 *       or none (then the configured zone applies);
 *   <li>{@code 2013 Jun 12 06:35:24.123 host tag[pid]: } and other year-first templates;
 *   <li>seconds since the epoch (journalctl -o short-unix): {@code 1714550400.123456 host tag[pid]: };
 *   <li>RFC 5424: {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}, and a {@code <PRI>} before
 *       any of the above;
 *   <li>the additions of some syslog daemons: macOS's {@code tag[pid] <Info>:}, Solaris's
 *       {@code [ID 197553 mail.info]} after the colon;
 *   <li>any of the above after a container runtime's prefix ({@link ContainerPrefix}: {@code docker
 *       logs --timestamps}, CRI); in a container Postfix logs with {@code maillog_file =
 *       /dev/stdout}, so the inner line is postlogd's {@code Mmm dd hh:mm:ss host tag[pid]: }.
 * </ul>
 * Postfix's own logger (postlogd, {@code maillog_file}, 3.4 and later; msg_logger.c) writes the
 * RFC 3164 form with a zero-padded day and the short hostname, and no fraction in 3.7; it needs
 * nothing of its own here.
 * Not thread-safe (it caches zone offsets); use one per worker. Never throws for bad input:
 * {@link #parse} returns null and {@link #failure()} says why.
 */
public final class SyslogHeaderParser {
  /** Why the last {@link #parse} call returned null. */
  public enum Failure { NOT_SYSLOG, BAD_TIMESTAMP, NO_TAG, PARTIAL_LINE }

  private final ZoneId zone;
  private final ZoneRules rules;
  private final ZoneOffset fixedOffset;
  private final YearResolver years;
  private long cachedHourKey = Long.MIN_VALUE;
  private int cachedOffsetSeconds;
  private Failure failure;
  private final TextCache cache = new TextCache();
  /** The stamp of the line before: lines of the same second share it (a log writes many a second). */
  private Instant lastAt = Instant.MIN;
  /** The date of the last valid stamp, as yyyymmdd, and its epoch day: a log writes a day's lines in a row. */
  private long cachedDate = -1;
  private long cachedEpochDay;

  // Scratch fields of the timestamp being parsed.
  private int year;
  private int month;
  private int day;
  private int hour;
  private int minute;
  private int second;
  private int nanos;
  private boolean hasOffset;
  private int offsetSeconds;
  private int pos;

  public SyslogHeaderParser(ZoneId zone, YearResolver years) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    this.years = years;
  }

  public Failure failure() {
    return failure;
  }

  /** Returns the envelope, or null when the line does not start with one (see {@link #failure()}). */
  public SyslogHeader parse(String line) {
    ContainerPrefix prefix = line.length() > 20 && isDigit(line.charAt(0)) ? ContainerPrefix.of(line) : null;
    if (prefix != null) {
      if (prefix.partial()) {
        // A CRI "P" record is a fragment of a line the runtime cut; Postfix's records are far
        // shorter than the runtime's 16 KiB buffer, so this is rare, and a fragment's fields
        // cannot be trusted: it is counted as a problem, and so is its rest (no header).
        failure = Failure.PARTIAL_LINE;
        return null;
      }
      // The inner line's own time wins over the prefix: the prefix is when the runtime read the
      // line from the pipe (later, and different for the same record copied through another
      // runtime), the inner stamp is when Postfix wrote it, as in a plain maillog_file; so a log
      // gives the same report however it was collected.
      SyslogHeader inner = parseFrom(line, prefix.innerStart());
      if (inner != null || prefix.cri()) {
        return inner;
      }
    }
    return parseFrom(line, 0);
  }

  private SyslogHeader parseFrom(String line, int start) {
    failure = Failure.NOT_SYSLOG;
    pos = start;
    int n = line.length();
    if (n - start < 16) {
      return null;
    }
    boolean rfc5424 = false;
    if (line.charAt(start) == '<') {
      int close = line.indexOf('>', start + 1);
      if (close < start + 2 || close > start + 4 || !allDigits(line, start + 1, close)) {
        return null;
      }
      pos = close + 1;
      if (pos + 1 < n && line.charAt(pos) == '1' && line.charAt(pos + 1) == ' ') {
        rfc5424 = true;
        pos += 2;
      }
    }
    if (!parseTimestamp(line)) {
      return null;
    }
    Instant at = toInstant();
    if (at == null) {
      failure = Failure.BAD_TIMESTAMP;
      return null;
    }
    if (pos >= n || line.charAt(pos) != ' ') {
      failure = Failure.NOT_SYSLOG;
      return null;
    }
    pos++;
    int hostEnd = line.indexOf(' ', pos);
    if (hostEnd <= pos) {
      failure = Failure.NO_TAG;
      return null;
    }
    String host = cache.text(line, pos, hostEnd);
    pos = hostEnd + 1;
    return rfc5424 ? parse5424Rest(line, at, host) : parseTag(line, at, host);
  }

  private SyslogHeader parseTag(String line, Instant at, String host) {
    int n = line.length();
    int start = pos;
    int i = start;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '[' || c == ':' || c == ' ') {
        break;
      }
      i++;
    }
    if (i == start || i >= n) {
      failure = Failure.NO_TAG;
      return null;
    }
    SyslogTag tag = cache.tag(line, start, i);
    long pid = -1;
    if (line.charAt(i) == '[') {
      int close = line.indexOf(']', i + 1);
      if (close < 0 || !allDigits(line, i + 1, close) || close - i > 19) {
        failure = Failure.NO_TAG;
        return null;
      }
      pid = Long.parseLong(line, i + 1, close, 10);
      i = close + 1;
    }
    // macOS syslogd writes the level between pid and colon: "postfix/smtpd[123] <Info>: ..."
    if (i + 2 < n && line.charAt(i) == ' ' && line.charAt(i + 1) == '<') {
      int close = line.indexOf(">:", i + 2);
      if (close > 0 && close - i < 16) {
        i = close + 1;
      }
    }
    if (i >= n || line.charAt(i) != ':') {
      failure = Failure.NO_TAG;
      return null;
    }
    i++;
    if (i < n && line.charAt(i) == ' ') {
      i++;
    }
    // Solaris syslogd inserts a message id: "postfix/smtpd[123]: [ID 197553 mail.info] connect from ..."
    if (line.startsWith("[ID ", i)) {
      int close = line.indexOf("] ", i);
      if (close > 0 && close - i < 48) {
        i = close + 2;
      }
    }
    return new SyslogHeader(at, host, tag, pid, i);
  }

  /** RFC 5424 section 6: APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]. */
  private SyslogHeader parse5424Rest(String line, Instant at, String host) {
    int n = line.length();
    int appEnd = line.indexOf(' ', pos);
    if (appEnd < 0) {
      failure = Failure.NO_TAG;
      return null;
    }
    SyslogTag tag = cache.tag(line, pos, appEnd);
    int procEnd = line.indexOf(' ', appEnd + 1);
    if (procEnd < 0) {
      failure = Failure.NO_TAG;
      return null;
    }
    long pid = allDigits(line, appEnd + 1, procEnd) && procEnd - appEnd < 19
        ? Long.parseLong(line, appEnd + 1, procEnd, 10) : -1;
    int msgIdEnd = line.indexOf(' ', procEnd + 1);
    if (msgIdEnd < 0) {
      failure = Failure.NO_TAG;
      return null;
    }
    int i = msgIdEnd + 1;
    if (i < n && line.charAt(i) == '-') {
      i++;
    } else if (i < n && line.charAt(i) == '[') {
      // Structured data: one or more [id param="value"...] elements; values escape ] as \].
      while (i < n && line.charAt(i) == '[') {
        i++;
        while (i < n && line.charAt(i) != ']') {
          i += line.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      }
    }
    if (i < n && line.charAt(i) == ' ') {
      i++;
    }
    if (i < n && line.startsWith("\uFEFF", i)) {
      i++;
    }
    return new SyslogHeader(at, host, tag, pid, Math.min(i, n));
  }

  private boolean parseTimestamp(String s) {
    hasOffset = false;
    nanos = 0;
    int n = s.length();
    if (pos + 15 > n) {
      return false;
    }
    char c0 = s.charAt(pos);
    if (isLetter(c0)) {
      // "Mmm dd hh:mm:ss", "Mmm dd yyyy hh:mm:ss"
      month = monthOf(s, pos);
      if (month == 0 || s.charAt(pos + 3) != ' ') {
        return false;
      }
      pos += 4;
      if (!parseDay(s)) {
        return false;
      }
      year = 0;
      if (pos + 5 < n && isDigit(s.charAt(pos)) && s.charAt(pos + 4) == ' ' && allDigits(s, pos, pos + 4)) {
        year = digits(s, pos, 4);
        pos += 5;
      }
      if (!parseClock(s)) {
        return false;
      }
      if (year == 0) {
        year = years.yearFor(month);
      }
      return true;
    }
    if (!isDigit(c0) || !allDigits(s, pos, pos + 4)) {
      return false;
    }
    if (isDigit(s.charAt(pos + 4))) {
      return parseEpoch(s);
    }
    year = digits(s, pos, 4);
    char sep = s.charAt(pos + 4);
    if (sep == '-') {
      // ISO 8601 / RFC 3339: yyyy-mm-ddThh:mm:ss[.f][Z|+hh:mm|+hhmm]
      if (s.charAt(pos + 7) != '-' || !allDigits(s, pos + 5, pos + 7) || !allDigits(s, pos + 8, pos + 10)) {
        return false;
      }
      month = digits(s, pos + 5, 2);
      day = digits(s, pos + 8, 2);
      char t = s.charAt(pos + 10);
      if (t != 'T' && t != ' ') {
        return false;
      }
      pos += 11;
      if (!parseClock(s)) {
        return false;
      }
      return parseOffset(s);
    }
    if (sep == ' ') {
      // "yyyy Mmm dd hh:mm:ss[.fff]"
      pos += 5;
      if (pos + 4 > n) {
        return false;
      }
      month = monthOf(s, pos);
      if (month == 0 || s.charAt(pos + 3) != ' ') {
        return false;
      }
      pos += 4;
      return parseDay(s) && parseClock(s);
    }
    return false;
  }

  /** journalctl -o short-unix: "1714550400.123456 host tag[pid]: " (seconds since the epoch, UTC). */
  private boolean parseEpoch(String s) {
    int start = pos;
    long seconds = 0;
    while (pos < s.length() && isDigit(s.charAt(pos)) && pos - start < 12) {
      seconds = seconds * 10 + (s.charAt(pos++) - '0');
    }
    if (pos - start < 9 || pos >= s.length() || (s.charAt(pos) != '.' && s.charAt(pos) != ' ')) {
      return false;
    }
    int fraction = 0;
    if (s.charAt(pos) == '.') {
      int from = ++pos;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        if (pos - from < 9) {
          fraction = fraction * 10 + (s.charAt(pos) - '0');
        }
        pos++;
      }
      for (int i = Math.min(pos - from, 9); i < 9; i++) {
        fraction *= 10;
      }
    }
    java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    year = t.getYear();
    month = t.getMonthValue();
    day = t.getDayOfMonth();
    hour = t.getHour();
    minute = t.getMinute();
    second = t.getSecond();
    nanos = fraction;
    hasOffset = true;
    offsetSeconds = 0;
    return true;
  }

  private boolean parseDay(String s) {
    if (pos + 3 > s.length()) {
      return false;
    }
    char a = s.charAt(pos);
    char b = s.charAt(pos + 1);
    if (isDigit(a) && b == ' ') {
      // "Mar 7 02:09:33": some syslog daemons and hand-edited logs do not pad the day
      day = a - '0';
      pos += 2;
      return true;
    }
    if (!isDigit(b) || s.charAt(pos + 2) != ' ' || (a != ' ' && !isDigit(a))) {
      return false;
    }
    day = (a == ' ' ? 0 : (a - '0') * 10) + (b - '0');
    pos += 3;
    return true;
  }

  /** hh:mm:ss with optional .fraction (1..9 digits). */
  private boolean parseClock(String s) {
    int n = s.length();
    if (pos + 8 > n || s.charAt(pos + 2) != ':' || s.charAt(pos + 5) != ':'
        || !allDigits(s, pos, pos + 2) || !allDigits(s, pos + 3, pos + 5) || !allDigits(s, pos + 6, pos + 8)) {
      return false;
    }
    hour = digits(s, pos, 2);
    minute = digits(s, pos + 3, 2);
    second = digits(s, pos + 6, 2);
    pos += 8;
    if (pos < n && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
      int start = ++pos;
      int value = 0;
      while (pos < n && isDigit(s.charAt(pos))) {
        if (pos - start < 9) {
          value = value * 10 + (s.charAt(pos) - '0');
        }
        pos++;
      }
      int count = Math.min(pos - start, 9);
      if (count == 0) {
        return false;
      }
      for (int i = count; i < 9; i++) {
        value *= 10;
      }
      nanos = value;
    }
    return true;
  }

  private boolean parseOffset(String s) {
    int n = s.length();
    if (pos >= n) {
      return true;
    }
    char c = s.charAt(pos);
    if (c == 'Z') {
      pos++;
      hasOffset = true;
      offsetSeconds = 0;
      return true;
    }
    if (c != '+' && c != '-') {
      return true;
    }
    if (pos + 3 > n || !allDigits(s, pos + 1, pos + 3)) {
      return false;
    }
    int hours = digits(s, pos + 1, 2);
    int minutes;
    if (pos + 6 <= n && s.charAt(pos + 3) == ':' && allDigits(s, pos + 4, pos + 6)) {
      minutes = digits(s, pos + 4, 2);
      pos += 6;
    } else if (pos + 5 <= n && allDigits(s, pos + 3, pos + 5)) {
      minutes = digits(s, pos + 3, 2);
      pos += 5;
    } else {
      minutes = 0;
      pos += 3;
    }
    if (hours > 18 || minutes > 59) {
      return false;
    }
    offsetSeconds = (c == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    hasOffset = true;
    return true;
  }

  private Instant toInstant() {
    if (hour > 23 || minute > 59 || second > 60) {
      return null;
    }
    long date = ((long) year * 100 + month) * 100 + day;
    if (date != cachedDate) {
      if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return null;
      }
      cachedEpochDay = epochDay(year, month, day);
      cachedDate = date;
    }
    int sec = Math.min(second, 59); // a leap second is logged as :60
    long epochDay = cachedEpochDay;
    long localSeconds = epochDay * 86_400L + hour * 3600L + minute * 60L + sec;
    int offset;
    if (hasOffset) {
      offset = offsetSeconds;
    } else if (fixedOffset != null) {
      offset = fixedOffset.getTotalSeconds();
    } else {
      long hourKey = localSeconds / 3600;
      if (hourKey != cachedHourKey) {
        try {
          cachedOffsetSeconds = rules.getOffset(LocalDateTime.of(year, month, day, hour, minute, sec))
              .getTotalSeconds();
        } catch (DateTimeException e) {
          return null;
        }
        cachedHourKey = hourKey;
      }
      offset = cachedOffsetSeconds;
    }
    long epochSecond = localSeconds - offset;
    Instant last = lastAt;
    if (last.getEpochSecond() == epochSecond && last.getNano() == nanos) {
      return last;
    }
    return lastAt = Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The zone applied to stamps without an offset. */
  public ZoneId zone() {
    return zone;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of java.time.LocalDate). */
  static long epochDay(int y, int m, int d) {
    long total = 365L * y;
    if (y >= 0) {
      total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
      total -= y / -4 - y / -100 + y / -400;
    }
    total += (367L * m - 362) / 12;
    total += d - 1;
    if (m > 2) {
      total--;
      if (!isLeap(y)) {
        total--;
      }
    }
    return total - 719_528L;
  }

  private static boolean isLeap(int y) {
    return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
  }

  private static int daysInMonth(int y, int m) {
    return switch (m) {
      case 2 -> isLeap(y) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** 1..12 for "Jan".."Dec" (case as syslog writes it), 0 otherwise. */
  public static int monthOf(String s, int at) {
    if (at + 3 > s.length()) {
      return 0;
    }
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    char c = s.charAt(at + 2);
    return switch (a) {
      case 'J' -> b == 'a' && c == 'n' ? 1 : b == 'u' && c == 'n' ? 6 : b == 'u' && c == 'l' ? 7 : 0;
      case 'F' -> b == 'e' && c == 'b' ? 2 : 0;
      case 'M' -> b == 'a' && c == 'r' ? 3 : b == 'a' && c == 'y' ? 5 : 0;
      case 'A' -> b == 'p' && c == 'r' ? 4 : b == 'u' && c == 'g' ? 8 : 0;
      case 'S' -> b == 'e' && c == 'p' ? 9 : 0;
      case 'O' -> b == 'c' && c == 't' ? 10 : 0;
      case 'N' -> b == 'o' && c == 'v' ? 11 : 0;
      case 'D' -> b == 'e' && c == 'c' ? 12 : 0;
      default -> 0;
    };
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean allDigits(String s, int from, int to) {
    if (to > s.length() || from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
