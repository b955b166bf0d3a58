package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A run of whole lines as the pipeline read them from one input, with everything needed to read
 * them again exactly as the first time: the input's name and format (and transcript notation),
 * the zone and the year of each month for stamps that lack them, the time given to undated
 * transcript lines, the number of the first line, and where the run ends in the input. The index
 * stores these, so that its reports parse the very lines a report from the logs would.
 *
 * @param years the year of a stamp without one, by month (index 0 for January)
 * @param data the lines' bytes, {@code data[0, length)}; not copied: do not change it
 */
public record RawChunk(String file, InputFormat format, Optional<TranscriptNotation> notation, ZoneId zone,
    int[] years, Instant capturedAt, byte[] data, int length, long firstLine, int lineCount, long endOffset) {
  public RawChunk {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(notation, "notation");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(capturedAt, "capturedAt");
    Objects.requireNonNull(data, "data");
    if (years.length != 12) {
      throw new IllegalArgumentException("years must have 12 months, has " + years.length);
    }
    if (length < 0 || length > data.length) {
      throw new IllegalArgumentException("length " + length + " outside the data (" + data.length + " bytes)");
    }
  }

  /** The number of the last line. */
  public long lastLine() {
    return firstLine + lineCount - 1;
  }
}
