package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.YearMonth;
import java.time.ZonedDateTime;

/**
 * Gives each input the year of its stamps that carry none ("Nov  3 16:04:31").
 * <ul>
 *   <li>With {@code --year Y}: Y is the year of the first input's first dated line. The year then
 *       carries on from input to input in reading order (oldest rotation first): an input whose
 *       first month is earlier than the previous input's last month starts a new year, so
 *       {@code mail.log.1} ending on Dec 31 and {@code mail.log} starting on Jan 1 are read right.
 *   <li>Without it: from each file's modification time (standard input: now); months after that
 *       month belong to the year before. Right for any file that spans less than a year.
 * </ul>
 * Used by the one reader thread; not thread-safe.
 */
final class YearTracker {
  private static final int SCANNED_LINES = 1000;

  private final ReadOptions options;
  private int year;
  private int lastMonth;

  YearTracker(ReadOptions options) {
    this.options = options;
    this.year = options.year().orElse(0);
  }

  /** The resolver for an input whose first bytes are {@code data[0, length)}. */
  YearResolver start(LogInput input, byte[] data, int length) {
    if (options.year().isEmpty()) {
      return fromModificationTime(input);
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

  private YearResolver fromModificationTime(LogInput input) {
    ZonedDateTime end = ZonedDateTime.now(options.zone());
    if (input.path().isPresent()) {
      try {
        end = Files.getLastModifiedTime(input.path().get()).toInstant().atZone(options.zone());
      } catch (IOException e) {
        // keep "now": the read itself will report the file if it really cannot be read
      }
    }
    return YearResolver.endingAt(YearMonth.from(end));
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

  private static int monthAt(byte[] data, int start, int end) {
    int at = start;
    if (at < end && data[at] == '<') { // <PRI>
      while (at < end && data[at] != '>' && at - start < 5) {
        at++;
      }
      at++;
    }
    if (at + 4 > end || data[at + 3] != ' ') {
      return 0;
    }
    return SyslogHeaderParser.monthOf(new String(data, at, 3, StandardCharsets.ISO_8859_1), 0);
  }
}
