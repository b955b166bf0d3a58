package io.smtplog.core.model;

import java.util.Locale;

/**
 * A count and its noun for people, "1 file", "2 files", "1,702 lines": the one place human output
 * chooses a noun's number (issue 12). Stateless.
 */
public final class Plural {
  private Plural() {}

  /** {@code count} with thousands separators and {@code one} when it is 1, else {@code many}. */
  public static String of(long count, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? one : many);
  }

  /** {@code count} and {@code noun}, with an "s" added unless the count is 1 ("1 line", "3 lines"). */
  public static String of(long count, String noun) {
    return of(count, noun, noun + "s");
  }
}
