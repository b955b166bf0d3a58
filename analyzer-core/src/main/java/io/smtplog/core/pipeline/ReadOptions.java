package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to read logs.
 *
 * @param zone applied to timestamps that carry no offset (traditional syslog, Postfix maillog_file)
 * @param year the year of the first dated line read, for stamps without a year (it carries on
 *     through the inputs, see {@link YearTracker}); empty to choose it per input so that its newest
 *     stamp is not after the time of the run nor after the file's modification time
 * @param threads parser threads; 1 reads sequentially on the calling thread
 * @param maxProblemSamples how many problems to keep with their excerpt
 * @param format every input's format, when the user forces one; empty to detect it per file
 * @param notation the notation of transcripts, when the user forces one; empty to detect it
 * @param clock the time of the run: no stamp without a year is dated after it, and undated
 *     transcripts read from standard input get it
 * @param transcriptTime the time of undated transcript lines, when the user gives one; empty for
 *     the file's modification time (standard input: the run's)
 */
public record ReadOptions(ZoneId zone, OptionalInt year, int threads, int maxProblemSamples,
    Optional<InputFormat> format, Optional<TranscriptNotation> notation, Clock clock,
    Optional<Instant> transcriptTime) {
  public ReadOptions {
    Objects.requireNonNull(transcriptTime, "transcriptTime");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(notation, "notation");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(year, "year");
    Objects.requireNonNull(clock, "clock");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (year.isPresent() && (year.getAsInt() < 1970 || year.getAsInt() > 9999)) {
      throw new IllegalArgumentException("year must be 1970..9999, was " + year.getAsInt());
    }
  }

  /** Options read now, with a forced format or notation when present. */
  public ReadOptions(ZoneId zone, OptionalInt year, int threads, int maxProblemSamples,
      Optional<InputFormat> format, Optional<TranscriptNotation> notation) {
    this(zone, year, threads, maxProblemSamples, format, notation, Clock.systemUTC(), Optional.empty());
  }

  /** Options read now that detect every input's format. */
  public ReadOptions(ZoneId zone, OptionalInt year, int threads, int maxProblemSamples) {
    this(zone, year, threads, maxProblemSamples, Optional.empty(), Optional.empty());
  }

  /** A copy that reads every input as {@code format} (and transcripts in {@code notation}). */
  public ReadOptions withFormat(Optional<InputFormat> format, Optional<TranscriptNotation> notation) {
    return new ReadOptions(zone, year, threads, maxProblemSamples, format, notation, clock, transcriptTime);
  }

  /** A copy whose run happens at {@code clock}'s time (tests fix "now" with it). */
  public ReadOptions withClock(Clock clock) {
    return new ReadOptions(zone, year, threads, maxProblemSamples, format, notation, clock, transcriptTime);
  }

  /** A copy that gives undated transcript lines {@code time} instead of their file's modification time. */
  public ReadOptions withTranscriptTime(Instant time) {
    return new ReadOptions(zone, year, threads, maxProblemSamples, format, notation, clock, Optional.of(time));
  }

  /** System zone, inferred year, one thread per core, 20 problem samples. */
  public static ReadOptions defaults() {
    return new ReadOptions(ZoneId.systemDefault(), OptionalInt.empty(),
        Runtime.getRuntime().availableProcessors(), 20);
  }
}
