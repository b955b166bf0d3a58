package io.smtplog.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the time of one Postfix delivery attempt went: its {@code delays=a/b/c/d} field
 * (postfix-log-format reference, section 3; postconf(5) {@code delay_logging_resolution_limit}).
 * Each part is empty when the record has no {@code delays=} or the part is damaged; the total
 * {@code delay=} is kept apart and counts either way. Immutable.
 *
 * @param beforeQueueManager a: from arrival until the attempt entered the active queue (receiving
 *     the message, and on a retry the time in the deferred queue)
 * @param inQueueManager b: in the queue manager until the delivery agent got it (waiting for a
 *     concurrency slot)
 * @param connectionSetup c: DNS, connect, greeting, EHLO and STARTTLS (0 for local agents)
 * @param transmission d: the message transmission, from MAIL FROM on
 */
public record DelaySplit(Optional<Duration> beforeQueueManager, Optional<Duration> inQueueManager,
    Optional<Duration> connectionSetup, Optional<Duration> transmission) {

  /** No split: a record without {@code delays=} (Exim, Postfix before 2.3). */
  public static final DelaySplit NONE = new DelaySplit(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty());

  private static final int PARTS = 4;
  /**
   * The parts as Postfix mostly writes them, 0 to 9.99 seconds in hundredths ("0", "0.24"), made
   * once: four of them on every delivery record.
   */
  private static final List<Optional<Duration>> HUNDREDTHS = java.util.stream.IntStream.range(0, 1000)
      .mapToObj(h -> Optional.of(Duration.ofMillis(h * 10L))).toList();

  public DelaySplit {
    Objects.requireNonNull(beforeQueueManager, "beforeQueueManager");
    Objects.requireNonNull(inQueueManager, "inQueueManager");
    Objects.requireNonNull(connectionSetup, "connectionSetup");
    Objects.requireNonNull(transmission, "transmission");
  }

  /** The four parts in the order Postfix writes them (a, b, c, d). */
  public List<Optional<Duration>> parts() {
    return List.of(beforeQueueManager, inQueueManager, connectionSetup, transmission);
  }

  /** True when no part is known. */
  public boolean isUnknown() {
    return beforeQueueManager.isEmpty() && inQueueManager.isEmpty() && connectionSetup.isEmpty()
        && transmission.isEmpty();
  }

  /**
   * Reads {@code a/b/c/d} from {@code text[from, to)}: four decimal numbers of seconds ("0.04",
   * "17", "0"). A part that is not such a number is empty, the others are kept; a value that does
   * not have exactly four parts gives {@link #NONE}, since its parts cannot be told apart. Never
   * throws for malformed text.
   */
  public static DelaySplit parse(CharSequence text, int from, int to) {
    @SuppressWarnings("unchecked")
    Optional<Duration>[] parts = new Optional[PARTS];
    int start = from;
    for (int part = 0; part < PARTS; part++) {
      int end = start;
      while (end < to && text.charAt(end) != '/') {
        end++;
      }
      if ((end == to) != (part == PARTS - 1)) {
        return NONE; // three parts, or five
      }
      parts[part] = seconds(text, start, end);
      start = end + 1;
    }
    return new DelaySplit(parts[0], parts[1], parts[2], parts[3]);
  }

  /** Reads {@code a/b/c/d}; see {@link #parse(CharSequence, int, int)}. */
  public static DelaySplit parse(String text) {
    return text == null ? NONE : parse(text, 0, text.length());
  }

  /** Whole or decimal seconds ("17", "0.22", ".5" not): empty for anything else. */
  private static Optional<Duration> seconds(CharSequence s, int from, int to) {
    int i = from;
    long whole = 0;
    int digits = 0;
    while (i < to && s.charAt(i) != '.') {
      char c = s.charAt(i++);
      if (c < '0' || c > '9' || ++digits > 12) {
        return Optional.empty();
      }
      whole = whole * 10 + (c - '0');
    }
    if (digits == 0) {
      return Optional.empty();
    }
    long nanos = 0;
    if (i < to) {
      i++;
      if (i == to) {
        return Optional.empty(); // "3."
      }
      long scale = 100_000_000L;
      while (i < to) {
        char c = s.charAt(i++);
        if (c < '0' || c > '9') {
          return Optional.empty();
        }
        nanos += (c - '0') * scale;
        scale /= 10;
      }
    }
    if (whole < 10 && nanos % 10_000_000L == 0) {
      return HUNDREDTHS.get((int) (whole * 100 + nanos / 10_000_000L));
    }
    return Optional.of(Duration.ofSeconds(whole, nanos));
  }

  /** "a/b/c/d" in seconds as Postfix writes them, "?" for a part that is unknown. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(24);
    for (Optional<Duration> part : parts()) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part.map(DelaySplit::secondsText).orElse("?"));
    }
    return sb.toString();
  }

  private static String secondsText(Duration d) {
    return java.math.BigDecimal.valueOf(d.getSeconds()).add(java.math.BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros().toPlainString();
  }
}
