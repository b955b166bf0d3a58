package io.smtplog.core.ingest;

import java.util.Comparator;

/**
 * A log file name split into its base and rotation: "mail.log.3.gz" is base "mail.log", generation
 * 3; "mail.log-20240501.xz" is base "mail.log", date 20240501; "mail.log" is the live file
 * (generation 0, no date). Compression suffixes are ignored.
 */
public record RotatedName(String base, int generation, long date) {
  /** Older files first: dated ones by date, then numbered ones from the highest, then the live file. */
  public static final Comparator<RotatedName> OLDEST_FIRST = Comparator
      .comparingInt((RotatedName r) -> r.isLive() ? 2 : r.date > 0 ? 0 : 1)
      .thenComparingLong(RotatedName::date)
      .thenComparing(Comparator.comparingInt(RotatedName::generation).reversed());

  public static RotatedName of(String fileName) {
    String name = stripCompression(fileName);
    int lastDot = name.lastIndexOf('.');
    if (lastDot > 0 && isDigits(name, lastDot + 1, name.length()) && name.length() - lastDot - 1 <= 4) {
      return new RotatedName(name.substring(0, lastDot), Integer.parseInt(name.substring(lastDot + 1)), 0);
    }
    int dash = name.lastIndexOf('-');
    if (dash > 0 && name.length() - dash - 1 == 8 && isDigits(name, dash + 1, name.length())) {
      return new RotatedName(name.substring(0, dash), 0, Long.parseLong(name.substring(dash + 1)));
    }
    return new RotatedName(name, 0, 0);
  }

  public boolean isLive() {
    return generation == 0 && date == 0;
  }

  private static String stripCompression(String name) {
    for (String suffix : new String[] {".gz", ".bz2", ".xz", ".zst", ".zstd"}) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static boolean isDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
