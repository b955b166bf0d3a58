package io.smtplog.cli.command;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The time a command run on this thread may spend searching the local index (from when it opens
 * it): set by {@code smtplog serve} around the commands it runs for a request, absent otherwise
 * (a command typed in a terminal is stopped with Ctrl-C). Per thread, so concurrent requests each
 * have their own.
 */
public final class QueryDeadline {
  private static final ThreadLocal<Duration> CURRENT = new ThreadLocal<>();

  private QueryDeadline() {}

  /** Runs {@code work} with searches bounded to {@code timeout}. */
  public static <T> T within(Duration timeout, Callable<T> work) throws Exception {
    Duration before = CURRENT.get();
    CURRENT.set(timeout);
    try {
      return work.call();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  static Optional<Duration> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
