package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Failures;
import io.smtplog.cli.UserError;
import io.smtplog.core.index.DamagedIndexException;
import io.smtplog.core.index.IndexSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * An ingest that failed, for people: a damaged index, a full disk or the heap exhausted (Lucene
 * closes its writer then, and what follows is an {@code AlreadyClosedException} with the real cause
 * inside), with what the index still holds: its last commit is intact, and the next ingest goes on
 * from it.
 */
final class IngestFailure {
  private IngestFailure() {}

  /** The user error for {@code failure} while ingesting into {@code dir}; empty when it is none of these (a bug). */
  static Optional<UserError> describe(Path dir, Throwable failure) {
    Optional<DamagedIndexException> damage = DamagedIndexException.of(dir, failure);
    if (damage.isPresent()) {
      return Optional.of(new UserError(ExitCodes.INPUT_UNREADABLE, damage.get().getMessage(), failure));
    }
    Throwable cause = Failures.resourceCause(failure).orElse(null);
    if (cause instanceof OutOfMemoryError) {
      return Optional.of(new UserError(ExitCodes.SOFTWARE, Failures.outOfMemory() + "; " + committed(dir), failure));
    }
    if (cause instanceof IOException io && (Failures.isDiskFull(io) || writerClosed(failure))) {
      String what = Failures.isDiskFull(io) ? "no space left on device at " + dir + "; " + committed(dir)
          + "; free some space and run the same ingest again: it goes on from there"
          : "cannot write the index at " + dir + ": " + Failures.reason(io) + "; " + committed(dir);
      return Optional.of(new UserError(ExitCodes.INPUT_UNREADABLE, what, failure));
    }
    return Optional.empty();
  }

  /** True when Lucene closed the writer after a failure (its "tragic event"): the index was being written. */
  private static boolean writerClosed(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof AlreadyClosedException) {
        return true;
      }
    }
    return false;
  }

  /** What the last commit holds, read from the index as a query would. */
  static String committed(Path dir) {
    try {
      Optional<IndexSearch> search = IndexSearch.open(dir);
      if (search.isEmpty()) {
        return "nothing was committed to the index at " + dir + " before";
      }
      try (IndexSearch s = search.get()) {
        return String.format(Locale.ROOT, "the index at %s still holds what was committed before: %,d lines", dir,
            s.stats().lines());
      }
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return "the index at " + dir + " could not be read after it: run `smtplog index check --index " + dir + "`";
    }
  }
}
