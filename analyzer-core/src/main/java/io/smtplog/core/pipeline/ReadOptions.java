package io.smtplog.core.pipeline;

import java.time.ZoneId;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How to read logs.
 *
 * @param zone applied to timestamps that carry no offset (traditional syslog, Postfix maillog_file)
 * @param year the year of the first dated line read, for stamps without a year (it carries on
 *     through the inputs, see {@link YearTracker}); empty to infer it from each file's modification
 *     time (standard input: now)
 * @param threads parser threads; 1 reads sequentially on the calling thread
 * @param maxProblemSamples how many problems to keep with their excerpt
 */
public record ReadOptions(ZoneId zone, OptionalInt year, int threads, int maxProblemSamples) {
  public ReadOptions {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(year, "year");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (year.isPresent() && (year.getAsInt() < 1970 || year.getAsInt() > 9999)) {
      throw new IllegalArgumentException("year must be 1970..9999, was " + year.getAsInt());
    }
  }

  /** System zone, inferred year, one thread per core, 20 problem samples. */
  public static ReadOptions defaults() {
    return new ReadOptions(ZoneId.systemDefault(), OptionalInt.empty(),
        Runtime.getRuntime().availableProcessors(), 20);
  }
}
