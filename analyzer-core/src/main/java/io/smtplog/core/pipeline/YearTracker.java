package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * Gives each input the year of its stamps that carry none ("Nov  3 16:04:31").
 * <ul>
 *   <li>With {@code --year Y}: Y is the year of the first input's first dated line. The year then
 *       carries on from input to input in reading order (oldest rotation first): an input whose
 *       first month is earlier than the previous input's last month starts a new year, so
 *       {@code mail.log.1} ending on Dec 31 and {@code mail.log} starting on Jan 1 are read right.
 *   <li>Without it, per input: its newest stamp (its last dated line) gets the latest year that
 *       does not put it after the limit, the time of the run or the file's modification time if
 *       that is earlier; the months after the newest stamp's month belong to the year before. So
 *       the newest line is never in the future, and lines stay in order across a New Year: read on
 *       Jan 5, a log from Dec 30 to Jan 2 is Dec 30 of last year to Jan 2 of this year; copied on
 *       Nov 20 (the copy's modification time), the same log is Dec 30 two years back to Jan 2 of
 *       last year. Right for any input that spans less than a year and ended less than a year
 *       before the limit. The newest stamp is found in the input's first chunk when that holds the
 *       whole input (standard input up to a chunk), else at the end of a file that is not
 *       compressed; a larger standard input or compressed file, whose end is not known before its
 *       lines are read, takes its first stamp instead: the latest year that does not put it after
 *       the limit, and a month earlier than the first one starts the next year.
 * </ul>
 * Used by the one reader thread; not thread-safe.
 */
final class YearTracker {
  private static final int SCANNED_LINES = 1000;
  /** How much of a file's end is read to find its last dated line. */
  private static final int TAIL_BYTES = 64 << 10;

  private final ReadOptions options;
  private int year;
  private int lastMonth;

  YearTracker(ReadOptions options) {
    this.options = options;
    this.year = options.year().orElse(0);
  }

  /**
   * The resolver for an input whose first bytes are {@code data[0, length)}; {@code whole} when
   * those are all of it.
   */
  YearResolver start(LogInput input, byte[] data, int length, boolean whole) {
    if (options.year().isEmpty()) {
      return fromNewestStamp(input, data, length, whole);
    }
    int firstMonth = firstMonth(data, length);
    if (firstMonth == 0) {
      firstMonth = lastMonth == 0 ? 1 : lastMonth;
    }
    if (lastMonth != 0 && firstMonth < lastMonth) {
      year++;
    }
    return YearResolver.startingIn(year, firstMonth);
  }

  /** Records the last dated line of the input just read, ending in {@code data[0, length)}. */
  void finish(YearResolver years, byte[] data, int length) {
    int month = lastMonth(data, length);
    if (month != 0 && years != null) {
      year = years.yearFor(month);
      lastMonth = month;
    }
  }

  private YearResolver fromNewestStamp(LogInput input, byte[] data, int length, boolean whole) {
    LocalDateTime limit = limit(input);
    // A pipe or device is never opened twice: a second reader would take bytes from the first.
    Stamp newest = whole ? lastStamp(data, 0, length, true)
        : input.isStream() ? null : input.path().map(YearTracker::lastStampOfFile).orElse(null);
    if (newest != null) {
      return YearResolver.endingAt(YearMonth.of(newest.latestYearNotAfter(limit), newest.month()));
    }
    Stamp first = firstStamp(data, length);
    if (first != null) {
      return YearResolver.startingIn(first.latestYearNotAfter(limit), first.month());
    }
    return YearResolver.endingAt(YearMonth.from(limit)); // no traditional stamp at all
  }

  /** The time of the run, or the file's modification time when that is earlier, in the stamps' zone. */
  private LocalDateTime limit(LogInput input) {
    java.time.Instant limit = options.clock().instant();
    if (input.path().isPresent()) {
      try {
        java.time.Instant modified = Files.getLastModifiedTime(input.path().get()).toInstant();
        if (modified.isBefore(limit)) {
          limit = modified;
        }
      } catch (IOException e) {
        // keep the time of the run: the read itself will report the file if it really cannot be read
      }
    }
    return LocalDateTime.ofInstant(limit, options.zone());
  }

  /** The last traditional stamp at the end of a file that is not compressed, or null. */
  private static Stamp lastStampOfFile(Path path) {
    try (SeekableByteChannel channel = Files.newByteChannel(path)) {
      long size = channel.size();
      ByteBuffer head = ByteBuffer.allocate(6);
      while (head.hasRemaining() && channel.read(head) > 0) {
        // the magic bytes
      }
      if (CompressedInputs.isCompressed(head.array())) {
        return null;
      }
      long from = Math.max(0, size - TAIL_BYTES);
      ByteBuffer tail = ByteBuffer.allocate((int) (size - from));
      channel.position(from);
      while (tail.hasRemaining() && channel.read(tail) > 0) {
        // the last bytes
      }
      return lastStamp(tail.array(), 0, tail.position(), from == 0);
    } catch (IOException | RuntimeException e) {
      return null; // a file that cannot be read this way (a pipe, a device): the first stamp decides
    }
  }

  /**
   * A traditional stamp's month, day and time of day, which order the lines of one year. The
   * year is what is missing.
   */
  record Stamp(int month, int day, int secondOfDay) {
    /** The latest year in which this stamp is not after {@code limit}. */
    int latestYearNotAfter(LocalDateTime limit) {
      int limitMonth = limit.getMonthValue();
      int limitDay = limit.getDayOfMonth();
      boolean notAfter = month < limitMonth || month == limitMonth && (day < limitDay
          || day == limitDay && secondOfDay <= limit.toLocalTime().toSecondOfDay());
      return notAfter ? limit.getYear() : limit.getYear() - 1;
    }
  }

  /** The stamp of the first line that starts with a traditional "Mmm dd hh:mm:ss", or null. */
  static Stamp firstStamp(byte[] data, int length) {
    int start = 0;
    for (int lines = 0; lines < SCANNED_LINES && start < length; lines++) {
      int end = Newlines.indexOf(data, start, length);
      Stamp stamp = stampAt(data, start, end);
      if (stamp != null) {
        return stamp;
      }
      start = end + 1;
    }
    return null;
  }

  /**
   * The stamp of the last line of {@code data[from, to)} that starts with a traditional stamp, or
   * null; {@code fromLineStart} when {@code from} starts a line (else the first, cut line is skipped).
   */
  static Stamp lastStamp(byte[] data, int from, int to, boolean fromLineStart) {
    int end = to;
    for (int lines = 0; lines < SCANNED_LINES && end > from; lines++) {
      int start = end - 1;
      while (start > from && data[start - 1] != '\n') {
        start--;
      }
      if (start == from && !fromLineStart) {
        return null;
      }
      Stamp stamp = stampAt(data, start, end);
      if (stamp != null) {
        return stamp;
      }
      end = start;
    }
    return null;
  }

  /** The month of the first line that starts with a traditional "Mmm dd" stamp, or 0. */
  static int firstMonth(byte[] data, int length) {
    int start = 0;
    for (int lines = 0; lines < SCANNED_LINES && start < length; lines++) {
      int month = monthAt(data, start, length);
      if (month > 0) {
        return month;
      }
      start = Newlines.indexOf(data, start, length) + 1;
    }
    return 0;
  }

  /** The month of the last line that starts with a traditional stamp, or 0. */
  static int lastMonth(byte[] data, int length) {
    int end = length;
    for (int lines = 0; lines < SCANNED_LINES && end > 0; lines++) {
      int start = end - 1;
      while (start > 0 && data[start - 1] != '\n') {
        start--;
      }
      int month = monthAt(data, start, end);
      if (month > 0) {
        return month;
      }
      end = start;
    }
    return 0;
  }

  /** Where a line's stamp starts: after a "&lt;PRI&gt;" when there is one. */
  private static int stampStart(byte[] data, int start, int end) {
    int at = start;
    if (at < end && data[at] == '<') { // <PRI>
      while (at < end && data[at] != '>' && at - start < 5) {
        at++;
      }
      at++;
    }
    return at;
  }

  private static int monthAt(byte[] data, int start, int end) {
    int at = stampStart(data, start, end);
    if (at + 4 > end || data[at + 3] != ' ') {
      return 0;
    }
    return SyslogHeaderParser.monthOf(new String(data, at, 3, StandardCharsets.ISO_8859_1), 0);
  }

  /**
   * "Mmm dd hh:mm:ss" at the start of a line (the day space- or zero-padded, as syslogd and
   * Postfix's own maillog_file write it), or null; a stamp with a year ("Mmm dd yyyy hh:mm:ss")
   * needs none and is null too.
   */
  private static Stamp stampAt(byte[] data, int start, int end) {
    int month = monthAt(data, start, end);
    if (month == 0) {
      return null;
    }
    int at = stampStart(data, start, end) + 4;
    if (at + 10 > end) {
      return null;
    }
    int day;
    int colon;
    if (data[at + 1] == ' ') { // "Jan 1 00:00:00", as some converters write it
      day = digit(data[at]);
      colon = at + 2;
    } else {
      day = digitOrSpace(data[at]) * 10 + digit(data[at + 1]);
      colon = at + 3;
      if (data[at + 2] != ' ') {
        return null;
      }
    }
    if (colon + 8 > end || day < 1 || day > 31 || data[colon + 2] != ':' || data[colon + 5] != ':') {
      return null;
    }
    int hour = digit(data[colon]) * 10 + digit(data[colon + 1]);
    int minute = digit(data[colon + 3]) * 10 + digit(data[colon + 4]);
    int second = digit(data[colon + 6]) * 10 + digit(data[colon + 7]);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return null;
    }
    return new Stamp(month, day, hour * 3600 + minute * 60 + Math.min(second, 59));
  }

  private static int digit(byte b) {
    return b >= '0' && b <= '9' ? b - '0' : -100;
  }

  private static int digitOrSpace(byte b) {
    return b == ' ' ? 0 : digit(b);
  }
}
