package io.smtplog.core.ingest.exim;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads Exim's time values ({@code QT=3m45s}, {@code DT=1s}, {@code DT=0.304s}, {@code D=2h1m};
 * {@code readconf_printtime()}: weeks, days, hours, minutes and seconds, the seconds with
 * milliseconds under {@code +millisec}). Stateless; never throws.
 */
final class EximDurations {
  private EximDurations() {}

  static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    long nanos = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      long whole = 0;
      int start = i;
      while (i < n && Character.isDigit(text.charAt(i)) && i - start < 12) {
        whole = whole * 10 + (text.charAt(i++) - '0');
      }
      long fraction = 0;
      long scale = 1_000_000_000L;
      if (i < n && text.charAt(i) == '.') {
        i++;
        while (i < n && Character.isDigit(text.charAt(i))) {
          if (scale > 1) {
            scale /= 10;
            fraction += (text.charAt(i) - '0') * scale;
          }
          i++;
        }
      }
      if (i == start || i >= n) {
        return Optional.empty();
      }
      long unit = switch (text.charAt(i)) {
        case 'w' -> 604_800L;
        case 'd' -> 86_400L;
        case 'h' -> 3_600L;
        case 'm' -> 60L;
        case 's' -> 1L;
        default -> -1L;
      };
      if (unit < 0) {
        return Optional.empty();
      }
      nanos += whole * unit * 1_000_000_000L + (fraction * unit);
      i++;
    }
    return Optional.of(Duration.ofNanos(nanos));
  }
}
