package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A run of whole lines of one input, as raw bytes, with the number of its first line and its line
 * count, and the offset just after it in the input's decompressed content, and how to read them: the input's format (and notation, for a transcript), the zone and
 * years for stamps that lack them, and the time given to undated transcript lines. {@code buffers}
 * takes {@code data} back once the lines are parsed (null for stored chunks read again).
 */
record Chunk(LogInput input, InputFormat format, TranscriptNotation notation, ZoneId zone, YearResolver years,
    Instant capturedAt, byte[] data, int length, long firstLine, int lineCount, long endOffset, ChunkBuffers buffers) {

  String file() {
    return input.displayName();
  }

  /** The lines were parsed: the bytes may be filled again. */
  void release() {
    if (buffers != null) { // null: stored bytes read again, not a reader's buffer
      buffers.give(data);
    }
  }
}
