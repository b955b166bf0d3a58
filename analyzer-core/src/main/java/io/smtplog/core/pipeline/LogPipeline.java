package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.NoteKind;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Reads inputs in order and hands every event to a sink, in input order, on the calling thread.
 * One reader thread cuts inputs into chunks of whole lines; parser threads turn each chunk into
 * events and a tally of its lines; the calling thread merges the tallies and feeds the sink, chunk
 * by chunk in input order. Memory is bounded by the chunks in flight (parser threads + 1). A
 * parallel run gives exactly the events and counts of a sequential one; {@code threads == 1} reads
 * sequentially on the calling thread.
 *
 * <p>Bad input never throws: unreadable inputs and lines are counted in the returned report. A
 * parser that throws is a defect; the line is counted as {@link ProblemKind#PARSER_BUG}.
 */
public final class LogPipeline {
  static final int CHUNK_BYTES = 1 << 20;

  private final ReadOptions options;

  public LogPipeline(ReadOptions options) {
    this.options = options;
  }

  /** Reads every input; returns what became of every line. The sink runs on the calling thread. */
  public IngestReport run(List<LogInput> inputs, Consumer<MailEvent> sink) {
    return run(inputs, sink, Resume.NONE);
  }

  /**
   * Reads every input from where {@code resume} says, and tells it after each chunk how far the
   * events were handed to the sink (on the calling thread, in input order).
   */
  public IngestReport run(List<LogInput> inputs, Consumer<MailEvent> sink, Resume resume) {
    return run(inputs, sink, resume, null);
  }

  /**
   * As {@link #run(List, Consumer, Resume)}, and hands every chunk read to {@code keeper} (on the
   * parser threads), then what it kept back to it (on the calling thread, before the chunk's events).
   */
  public <K> IngestReport run(List<LogInput> inputs, Consumer<MailEvent> sink, Resume resume, ChunkKeeper<K> keeper) {
    @SuppressWarnings("unchecked")
    ChunkKeeper<Object> keeping = (ChunkKeeper<Object>) keeper;
    Stage stage = new Stage(sink, resume, keeping);
    return run(out -> new ChunkReader(options, out, resume).readAll(inputs), stage);
  }

  /**
   * Reads stored chunks again ({@link RawChunk}, e.g. from the index), in the order given, and hands
   * the events of the lines each one's {@link Replay#lines} accepts to the sink, as {@link #run}
   * would have: every line is parsed with its chunk, so a line keeps the context of the lines
   * around it. Each chunk's supplier is called on a parser thread (where a stored chunk is
   * decompressed); the iterator on one reading thread.
   */
  public IngestReport replay(Iterator<Replay> chunks, Consumer<MailEvent> sink) {
    Stage stage = new Stage(sink, Resume.NONE, null);
    return run(out -> {
      while (chunks.hasNext() && !Thread.currentThread().isInterrupted()) {
        out.accept(chunks.next());
      }
    }, stage);
  }

  /**
   * A stored chunk to read again: how to get its lines (called on a parser thread), and which of
   * its lines' events to hand on (by line number).
   */
  public record Replay(Supplier<RawChunk> chunk, LongPredicate lines) {
    /** Every line of the chunk. */
    public static Replay all(Supplier<RawChunk> chunk) {
      return new Replay(chunk, line -> true);
    }
  }

  /** What the consuming end does with a parsed chunk. */
  private record Stage(Consumer<MailEvent> sink, Resume resume, ChunkKeeper<Object> keeper) {}

  private IngestReport run(Consumer<Consumer<Object>> producer, Stage stage) {
    IngestReport report = new IngestReport(options.maxProblemSamples());
    if (options.threads() == 1) {
      producer.accept(item -> consume(work(item, stage), report, stage));
      return report;
    }
    return runParallel(producer, stage, report);
  }

  /** The parsing of an item, on whichever thread runs it: a chunk read, or a stored chunk read again. */
  private Object work(Object item, Stage stage) {
    if (item instanceof Chunk chunk) {
      return parse(chunk, options.maxProblemSamples(), stage, null);
    }
    if (item instanceof Replay replay) {
      return parse(chunkOf(replay.chunk().get()), options.maxProblemSamples(), stage, replay.lines());
    }
    return item;
  }

  private static Chunk chunkOf(RawChunk raw) {
    return new Chunk(new LogInput(raw.file(), java.util.Optional.empty()), raw.format(), raw.notation().orElse(null),
        raw.zone(), YearResolver.ofTable(raw.years()), raw.capturedAt(), raw.data(), raw.length(), raw.firstLine(),
        raw.lineCount(), raw.endOffset(), null);
  }

  private IngestReport runParallel(Consumer<Consumer<Object>> producer, Stage stage, IngestReport report) {
    ExecutorService parsers = Executors.newFixedThreadPool(options.threads(), daemon("smtplog-parse"));
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(options.threads() + 1);
    Thread readerThread = daemon("smtplog-read").newThread(() -> {
      Consumer<Object> out = item -> put(queue, item instanceof Chunk || item instanceof Replay
          ? parsers.submit(() -> work(item, stage)) : item);
      try {
        producer.accept(out);
        put(queue, End.INSTANCE);
      } catch (Cancelled e) {
        // the consumer stopped (it failed or was interrupted): nobody waits for more
      } catch (RuntimeException | Error e) {
        try {
          put(queue, new Failed(e));
        } catch (Cancelled ignored) {
          // the consumer stopped first
        }
      }
    });
    readerThread.start();
    try {
      while (true) {
        Object item = queue.take();
        if (item == End.INSTANCE) {
          break;
        }
        if (item instanceof Failed failed) {
          if (failed.error instanceof Error error) {
            throw error;
          }
          throw failed.error instanceof RuntimeException r ? r : new IllegalStateException(failed.error);
        }
        consume(item instanceof Future<?> future ? resultOf(future) : item, report, stage);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading logs", e);
    } finally {
      parsers.shutdownNow();
      readerThread.interrupt();
    }
    return report;
  }

  private static Object resultOf(Future<?> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error; // OutOfMemoryError and the like: the caller decides what to tell the user
      }
      throw new IllegalStateException("a parser thread failed", e.getCause());
    }
  }

  private static void consume(Object item, IngestReport report, Stage stage) {
    if (item instanceof ParsedChunk parsed) {
      report.merge(parsed.tally());
      report.countFormat(parsed.format().id(), parsed.tally());
      if (stage.keeper() != null) {
        stage.keeper().kept(parsed.kept());
      }
      MailEvent[] events = parsed.events();
      for (int i = 0; i < parsed.eventCount(); i++) {
        stage.sink().accept(events[i]);
      }
      stage.resume().consumed(parsed.input(), parsed.end());
    } else if (item instanceof ChunkReader.InputDone done) {
      report.addFile(done.name(), done.bytes());
      report.countFormatFile(done.format().id());
      if (done.problem() != null) {
        report.addProblem(done.problem());
      }
      if (done.leftLine() != null) {
        report.addNote(NoteKind.UNFINISHED_LAST_LINE, done.leftAt(), done.leftLine());
      }
    } else if (item instanceof ChunkReader.LineSkipped skipped) {
      report.record(new LineResult.Malformed(skipped.problem()));
    } else if (item instanceof ChunkReader.InputFailed failed) {
      report.addFile(failed.problem().source().file(), 0);
      report.addProblem(failed.problem());
      report.addInputNotOpened();
    } else {
      throw new AssertionError(item);
    }
  }

  /** A parsed chunk: its events in line order, the tally of all its lines, and what a keeper kept of it. */
  record ParsedChunk(MailEvent[] events, int eventCount, IngestReport tally, InputFormat format, LogInput input,
      Resume.Position end, Object kept) {}

  /**
   * Splits a chunk into lines (LF or CRLF), decodes UTF-8 (invalid bytes become U+FFFD), parses
   * each line and counts the results. Runs on a parser thread and touches nothing shared, so the
   * ordered consumer only merges counts and hands events on.
   */
  static ParsedChunk parse(Chunk chunk, int maxSamples) {
    return parse(chunk, maxSamples, new Stage(e -> { }, Resume.NONE, null), null);
  }

  /** As above; only the events of the lines {@code filter} accepts (null: all) are kept. */
  private static ParsedChunk parse(Chunk chunk, int maxSamples, Stage stage, LongPredicate filter) {
    Object kept = stage.keeper() == null ? null : stage.keeper().keep(raw(chunk));
    byte[] data = chunk.data();
    int length = chunk.length();
    int lines = chunk.lineCount();
    MailEvent[] events = new MailEvent[lines];
    int eventCount = 0;
    IngestReport tally = new IngestReport(maxSamples);
    LineParser parser = LineParsers.forChunk(chunk);
    int start = 0;
    for (int i = 0; i < lines; i++) {
      int end = Newlines.indexOf(data, start, length);
      int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
      String line = new String(data, start, stop - start, StandardCharsets.UTF_8);
      SourceRef source = new SourceRef(chunk.file(), chunk.firstLine() + i);
      LineResult result = parseLine(parser, line, source);
      tally.record(result, source, line);
      if (result instanceof LineResult.Parsed parsed && (filter == null || filter.test(source.lineNumber()))) {
        events[eventCount++] = parsed.event();
      }
      start = end + 1;
    }
    chunk.release();
    return new ParsedChunk(events, eventCount, tally, chunk.format(), chunk.input(),
        new Resume.Position(chunk.endOffset(), chunk.firstLine() - 1 + lines), kept);
  }

  private static RawChunk raw(Chunk chunk) {
    return new RawChunk(chunk.file(), chunk.format(), java.util.Optional.ofNullable(chunk.notation()), chunk.zone(),
        chunk.years() == null ? new int[12] : chunk.years().table(), chunk.capturedAt(), chunk.data(), chunk.length(),
        chunk.firstLine(), chunk.lineCount(), chunk.endOffset());
  }

  /** One line; a small method of its own so the JIT compiles the per-line path early. */
  private static LineResult parseLine(LineParser parser, String line, SourceRef source) {
    try {
      return parser.parse(line, source);
    } catch (RuntimeException e) {
      return new LineResult.Malformed(LineProblem.of(source, ProblemKind.PARSER_BUG,
          e.getClass().getSimpleName() + ": " + e.getMessage(), line));
    }
  }

  static int countLines(byte[] data, int length) {
    int count = Newlines.count(data, length);
    return length > 0 && data[length - 1] != '\n' ? count + 1 : count;
  }

  /** Hands an item to the consumer; stops the reader when the consumer has gone. */
  private static void put(BlockingQueue<Object> queue, Object item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      throw new Cancelled();
    }
  }

  /** The reader was interrupted because the consumer stopped. */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(null, null, false, false);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }

  private record Failed(Throwable error) {}

  private enum End { INSTANCE }

  /** The decompressed content of a file input (gzip, bzip2, xz, zstd recognised by their magic bytes). */
  public static InputStream openContent(LogInput input) throws IOException {
    return open(input);
  }

  /** True when the input is a compressed file (by its magic bytes); false when it cannot be read. */
  public static boolean isCompressed(LogInput input) {
    try (CompressedInputs.Decoded in = open(input)) {
      return in.isCompressed();
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  static CompressedInputs.Decoded open(LogInput input) throws IOException {
    // A pipe or a device through FileInputStream: a FileChannel's available() asks the position,
    // which a pipe refuses ("Illegal seek").
    InputStream raw = input.path().isEmpty() ? System.in
        : input.isStream() ? new java.io.FileInputStream(input.path().get().toFile())
        : Files.newInputStream(input.path().get());
    try {
      return CompressedInputs.decompress(raw, input.isStream() ? null : () -> Files.newInputStream(input.path().get()));
    } catch (IOException | UncheckedIOException e) {
      raw.close();
      throw e;
    }
  }
}
