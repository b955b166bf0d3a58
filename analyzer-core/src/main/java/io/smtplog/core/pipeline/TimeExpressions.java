package io.smtplog.core.pipeline;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The times a user writes, in queries ({@code time:[now-1d TO now]}) and in report options
 * ({@code --since 24h}): an ISO 8601 date ({@code 2024-06-01}), a date and time with or without an
 * offset ({@code 2024-06-01T08:00}, {@code 2024-06-01 08:00:15}, {@code 2024-06-01T08:00:00+02:00},
 * {@code +0200}, {@code Z}; without one it is read in the given zone), or a time relative to now:
 * {@code now}, {@code now-1d}, {@code now+2h}, or a bare span back from now such as {@code 24h}
 * (units s, m, h, d, w). Stateless.
 */
public final class TimeExpressions {
  private TimeExpressions() {}

  /** True for a bare date, which stands for a whole day. */
  public static boolean isDate(String text) {
    return text.strip().length() == 10;
  }

  /**
   * The instant a time expression names.
   *
   * @param endOfDay read a bare date as the end of that day (the start of the next), not its start
   * @throws DateTimeException when the text is none of the forms above
   */
  public static Instant parse(String text, ZoneId zone, Instant now, boolean endOfDay) {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("now")) {
        return now.minus(relative(lower.substring(3)));
      }
      if (!lower.isEmpty() && Character.isDigit(lower.charAt(0)) && Character.isLetter(lower.charAt(lower.length() - 1))
          && lower.indexOf('-') < 0 && lower.indexOf(':') < 0) {
        return now.minus(relative("-" + lower)); // "24h": that long ago
      }
      if (isDate(t)) {
        LocalDate day = LocalDate.parse(t);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      String iso = t.replace(' ', 'T');
      if (iso.endsWith("z")) {
        iso = iso.substring(0, iso.length() - 1) + "Z";
      }
      if (iso.matches(".*[+-]\\d{4}$")) {
        iso = iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2); // +0200 -> +02:00
      }
      if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new DateTimeException("'" + text + "' is not a time", e);
    }
  }

  /** "-1d" is one day back; "" is now; "+2h" two hours ahead. */
  private static Duration relative(String offset) {
    if (offset.isEmpty()) {
      return Duration.ZERO;
    }
    char sign = offset.charAt(0);
    if ((sign != '-' && sign != '+') || offset.length() < 3) {
      throw new DateTimeException("no sign or no amount");
    }
    long amount = Long.parseLong(offset.substring(1, offset.length() - 1));
    Duration d = switch (offset.charAt(offset.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      case 'w' -> Duration.ofDays(7 * amount);
      default -> throw new DateTimeException("unit");
    };
    return sign == '-' ? d : d.negated();
  }
}
