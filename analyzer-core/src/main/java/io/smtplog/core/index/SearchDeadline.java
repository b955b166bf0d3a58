package io.smtplog.core.index;

import java.time.Duration;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.QueryTimeout;

/**
 * The time the searches of one {@link IndexSearch} may take, from when it was opened: Lucene's
 * {@link QueryTimeout}, given to its IndexSearcher (which stops collecting) and to an
 * {@link ExitableDirectoryReader} (which stops enumerating terms, so a leading wildcard over
 * millions of terms stops too), and checked while documents are visited. Past it a search throws
 * {@link Exceeded} rather than answer in part. A zero duration is already past.
 */
public final class SearchDeadline implements QueryTimeout {
  private final Duration allowed;
  private final long deadline;

  private SearchDeadline(Duration allowed) {
    this.allowed = allowed;
    this.deadline = System.nanoTime() + allowed.toNanos();
  }

  /** {@code allowed} from now. */
  public static SearchDeadline after(Duration allowed) {
    if (allowed.isNegative()) {
      throw new IllegalArgumentException("a search time limit cannot be negative, was " + allowed);
    }
    return new SearchDeadline(allowed);
  }

  @Override
  public boolean shouldExit() {
    return System.nanoTime() - deadline >= 0;
  }

  /** Throws {@link Exceeded} once the time is up. */
  public void check() {
    if (shouldExit()) {
      throw new Exceeded(allowed);
    }
  }

  public Duration allowed() {
    return allowed;
  }

  /** True when {@code failure} or one of its causes is a search stopped by its deadline. */
  public static boolean stopped(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Exceeded || t instanceof ExitableDirectoryReader.ExitingReaderException) {
        return true;
      }
    }
    return false;
  }

  /** A search stopped by its deadline. */
  public static final class Exceeded extends RuntimeException {
    Exceeded(Duration allowed) {
      super("the search took longer than " + allowed.toMillis() + " ms");
    }
  }
}
