package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts inputs into {@link Chunk}s of whole lines (about {@link LogPipeline#CHUNK_BYTES} each) and
 * emits, per input, its chunks then {@link InputDone}, or {@link InputFailed} when it cannot be
 * opened. An input that stops before its end (a cut archive, a read error, a truncation while it
 * is read) gives every whole line before that point, and its {@link InputDone} says what stopped
 * it. Runs on one thread.
 */
final class ChunkReader {
  /**
   * An input was read to its end, or to where it stopped: {@code problem} (else null) says what
   * stopped it (a cut archive) or what it lost while read (it was truncated).
   */
  /** An input was read to its end; {@code leftLine}: the unfinished last line an ingest left for the next (null: none). */
  record InputDone(String name, long bytes, InputFormat format, LineProblem problem, SourceRef leftAt, String leftLine) {}

  /** An input could not be opened. */
  record InputFailed(LineProblem problem) {}

  /** A line longer than {@link #MAX_LINE_BYTES} was skipped: one line read, one problem. */
  record LineSkipped(LineProblem problem) {}

  /** No log line is this long; a longer one is skipped rather than buffered (memory stays bounded). */
  static final int MAX_LINE_BYTES = 8 << 20;

  private final ReadOptions options;
  private final Consumer<Object> out;
  private final YearTracker years;

  private final Resume resume;
  /**
   * Buffers of parsed chunks, filled again: chunks in flight are bounded by the pipeline's queue
   * (parser threads + 1), plus one being parsed per thread and one being handed over.
   */
  private final ChunkBuffers buffers;

  ChunkReader(ReadOptions options, Consumer<Object> out) {
    this(options, out, Resume.NONE);
  }

  ChunkReader(ReadOptions options, Consumer<Object> out, Resume resume) {
    this.options = options;
    this.out = out;
    this.years = new YearTracker(options);
    this.resume = resume;
    this.buffers = new ChunkBuffers(LogPipeline.CHUNK_BYTES, 2 * options.threads() + 2);
  }

  void readAll(List<LogInput> inputs) {
    for (LogInput input : inputs) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      read(input);
    }
  }

  private void read(LogInput input) {
    if (input.unreadable().isPresent()) {
      fail(input, 1, "cannot read: " + input.unreadable().get());
      return;
    }
    Resume.Position start = resume.startOf(input);
    long line = start.lines() + 1;
    long bytes = 0;
    long bufferStart = start.offset(); // the offset of buffer[0] in the decompressed content
    YearResolver resolver = null;
    FormatDetector.Detected detected = null;
    Instant capturedAt = null;
    byte[] lastData = null;
    int lastLength = 0;
    IOException damage = null; // what stopped the read before the end (lines before it are kept)
    try (CompressedInputs.Decoded in = LogPipeline.open(input)) {
      boolean compressed = in.isCompressed();
      if (start.offset() > 0) {
        try {
          long skipped = in.skip(start.offset());
          skipRest(in, start.offset() - skipped);
        } catch (IOException e) {
          damage = e;
        }
      }
      byte[] buffer = buffers.take(LogPipeline.CHUNK_BYTES);
      int filled = 0;
      boolean skipping = false;
      while (damage == null) {
        int n;
        try {
          n = in.read(buffer, filled, buffer.length - filled);
        } catch (IOException e) {
          damage = e; // a cut or damaged archive: what the codec delivered before is read below
          break;
        }
        if (n < 0) {
          break;
        }
        filled += n;
        bytes += n;
        if (skipping) {
          int end = Newlines.indexOf(buffer, 0, filled);
          if (end == filled) {
            bufferStart += filled;
            filled = 0; // still inside the over-long line
            continue;
          }
          System.arraycopy(buffer, end + 1, buffer, 0, filled - end - 1);
          bufferStart += end + 1;
          filled -= end + 1;
          line++;
          skipping = false;
        }
        if (filled < buffer.length) {
          continue;
        }
        if (detected == null) {
          detected = detect(buffer, filled);
          capturedAt = capturedAt(input, options);
        }
        int cut = lastCut(buffer, filled, detected.format());
        if (cut < 0) {
          if (buffer.length >= MAX_LINE_BYTES) {
            out.accept(new LineSkipped(new LineProblem(new SourceRef(input.displayName(), line), ProblemKind.TRUNCATED,
                "line longer than " + (MAX_LINE_BYTES >> 20) + " MiB skipped (not a log line?)",
                new String(buffer, 0, 120, java.nio.charset.StandardCharsets.UTF_8))));
            skipping = true;
            bufferStart += filled;
            filled = 0;
            buffer = new byte[LogPipeline.CHUNK_BYTES];
            continue;
          }
          buffer = Arrays.copyOf(buffer, buffer.length * 2); // a long line: make room for it
          continue;
        }
        if (resolver == null) {
          resolver = years.start(input, buffer, filled, false);
        }
        byte[] next = buffers.take(filled - cut - 1 + 1024);
        System.arraycopy(buffer, cut + 1, next, 0, filled - cut - 1);
        int lines = LogPipeline.countLines(buffer, cut + 1);
        bufferStart += cut + 1;
        out.accept(new Chunk(input, detected.format(), detected.notation(), options.zone(), resolver,
            capturedAt, buffer, cut + 1, line, lines, bufferStart, buffers));
        // Given back once parsed, but filled again only by this thread's next take, which comes
        // after the read below (years.finish) when this is the input's last chunk: safe to read.
        lastData = buffer;
        lastLength = cut + 1;
        line += lines;
        filled -= cut + 1;
        buffer = next;
      }
      // The last line without its newline is a line when the file is finished; not when the codec
      // stopped in it (damage), nor when a file still written is ingested (the rest is to come).
      long position = start.offset() + bytes;
      long sizeNow = damage != null || compressed ? Long.MAX_VALUE : sizeNow(input);
      boolean truncated = sizeNow < position; // what was read last may be a line cut by the truncation
      int end = filled == 0 || skipping ? 0
          : damage != null || truncated || buffer[filled - 1] != '\n' && leavesPartialLine(input, compressed)
          ? lastNewline(buffer, filled) + 1 : filled;
      // An unfinished last line an ingest leaves for the next one: said once, in the notes.
      String leftLine = damage == null && !truncated && end < filled && !skipping
          ? new String(buffer, end, filled - end, java.nio.charset.StandardCharsets.UTF_8) : null;
      long leftAt = line + (end > 0 ? LogPipeline.countLines(buffer, end) : 0);
      if (end > 0) {
        if (resolver == null) {
          resolver = years.start(input, buffer, end, true); // the input's only chunk: all of it
        }
        if (detected == null) {
          detected = detect(buffer, end);
          capturedAt = capturedAt(input, options);
        }
        bufferStart += end;
        int lines = LogPipeline.countLines(buffer, end);
        out.accept(new Chunk(input, detected.format(), detected.notation(), options.zone(), resolver,
            capturedAt, buffer, end, line, lines, bufferStart, buffers));
        lastData = buffer;
        lastLength = end;
        line += lines;
      }
      if (lastData != null) {
        years.finish(resolver, lastData, lastLength);
      }
      LineProblem problem = damage != null ? damaged(input, line, damage, in, bytes)
          : truncated ? truncatedWhileRead(input, line, sizeNow, position) : null;
      out.accept(new InputDone(input.displayName(), bytes,
          detected == null ? options.format().orElse(InputFormat.SYSLOG) : detected.format(), problem,
          leftLine == null ? null : new SourceRef(input.displayName(), leftAt), leftLine));
    } catch (NoSuchFileException e) {
      fail(input, line, "no such file");
    } catch (AccessDeniedException e) {
      fail(input, line, "cannot read: permission denied");
    } catch (IOException e) {
      fail(input, line, "cannot read: " + e.getMessage()
          + (bytes > 0 ? " (after " + bytes + " bytes; lines before this point were read)" : ""));
    }
  }

  /** True when a last line without a newline is left for later: an uncompressed file (still written) being ingested. */
  private boolean leavesPartialLine(LogInput input, boolean compressed) {
    return resume.leavesPartialLastLine() && !compressed && input.path().isPresent()
        && Files.isRegularFile(input.path().get());
  }

  /**
   * The problem of an input whose reading stopped at {@code damage}: every whole line before it
   * was read. An archive whose file ran out is cut (a copy in progress, an interrupted rotation);
   * one that fails before its end is damaged.
   */
  private static LineProblem damaged(LogInput input, long line, IOException damage, CompressedInputs.Decoded in,
      long bytes) {
    long whole = line - 1;
    String lines = whole + (whole == 1 ? " line" : " lines");
    String detail;
    if (in.isCompressed() && in.sourceEnded()) {
      detail = "the compressed data ends early after " + lines + " (a cut or unfinished copy?): the lines before"
          + " were read";
    } else if (in.isCompressed()) {
      detail = "the compressed data is damaged after " + lines + " (" + reasonOf(damage) + "): the lines before"
          + " were read";
    } else {
      detail = "cannot read after " + lines + " (" + bytes + " bytes): " + reasonOf(damage)
          + "; the lines before were read";
    }
    return new LineProblem(new SourceRef(input.displayName(), line), ProblemKind.UNREADABLE_INPUT, detail, "");
  }

  private static String reasonOf(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** The size of a file input now; {@code Long.MAX_VALUE} for a stream, or a file gone (rotated away). */
  private static long sizeNow(LogInput input) {
    if (input.path().isEmpty() || !Files.isRegularFile(input.path().get())) {
      return Long.MAX_VALUE;
    }
    try {
      return Files.size(input.path().get());
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The problem of a file that is now shorter than the position read to: it was truncated (a
   * copytruncate rotation) while it was read, so what was read ends where the truncation came.
   */
  private LineProblem truncatedWhileRead(LogInput input, long line, long size, long position) {
    return new LineProblem(new SourceRef(input.displayName(), line), ProblemKind.UNREADABLE_INPUT,
        "the file was truncated while it was read (it has " + size + " bytes now, " + position + " were read): "
            + (resume.leavesPartialLastLine() ? "the next ingest reads it again from its start"
                : "the report covers only the part read"), "");
  }

  private void fail(LogInput input, long line, String detail) {
    out.accept(new InputFailed(new LineProblem(new SourceRef(input.displayName(), line),
        ProblemKind.UNREADABLE_INPUT, detail, "")));
  }

  /** Skips what {@link InputStream#skip} left: decompressing streams skip in steps. */
  private static void skipRest(InputStream in, long offset) throws IOException {
    long left = offset;
    byte[] sink = new byte[8192];
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        return; // shorter than the position: nothing new to read
      }
      left -= n;
    }
  }

  /** The input's format: as the options force it, else detected from its first bytes. */
  private FormatDetector.Detected detect(byte[] data, int length) {
    if (options.format().isPresent()) {
      InputFormat forced = options.format().get();
      TranscriptNotation notation = forced != InputFormat.TRANSCRIPT ? null
          : options.notation().orElseGet(() -> FormatDetector.detect(data, length).notation());
      return new FormatDetector.Detected(forced, notation == null ? TranscriptNotation.BARE : notation);
    }
    return FormatDetector.detect(data, length);
  }

  /**
   * The time of undated transcript lines: the one the user gave, else the file's modification
   * time, or the run's for standard input.
   */
  private static Instant capturedAt(LogInput input, ReadOptions options) {
    if (options.transcriptTime().isPresent()) {
      return options.transcriptTime().get();
    }
    if (input.path().isPresent()) {
      try {
        return Files.getLastModifiedTime(input.path().get()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      } catch (IOException e) {
        // fall through: the read itself reports an unreadable file
      }
    }
    return options.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /**
   * Where to end a chunk: after the last newline, and in an Exim log after the last newline that
   * a timestamped line follows, so that an entry and its continuation lines (a reject-log header
   * dump) stay in one chunk. An entry longer than the buffer is cut at its last newline.
   */
  private static int lastCut(byte[] data, int length, InputFormat format) {
    if (format == InputFormat.EXIM) {
      for (int i = length - 2; i >= 0; i--) {
        if (data[i] == '\n' && data[i + 1] >= '0' && data[i + 1] <= '9') {
          return i;
        }
      }
    }
    return lastNewline(data, length);
  }

  private static int lastNewline(byte[] data, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
