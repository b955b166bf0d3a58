package io.smtplog.core.index;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.pipeline.Resume;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Reads logs with the same pipeline as the reports and writes every event, and every SMTP
 * session, to a Lucene index (README, "The index"). Incremental and idempotent: each input
 * continues from the position the last commit recorded for its content ({@link Checkpoints}), and
 * documents and positions are committed together, after whole chunks, so an ingest killed at any
 * moment and run again holds every event exactly once. One writer at a time: a second ingest into
 * the same index fails at once on Lucene's {@code write.lock}; readers keep seeing the last commit.
 */
public final class LogIndexer {
  /** Threads that turn events into documents and hand them to the writer. */
  static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** Commit after this many bytes read, so a killed ingest loses little work. */
  static final long COMMIT_BYTES = 64L << 20;

  /** What an ingest did. */
  public record Result(IngestReport ingest, long events, long sessions, long skippedBytes, Duration took) {}

  /** The index is held by another writer. */
  public static final class LockedException extends IOException {
    public LockedException(Path lock, Throwable cause) {
      super("the index is being written by another ingest (it holds " + lock + ")", cause);
    }
  }

  private LogIndexer() {}

  /**
   * Ingests {@code inputs} into the index at {@code dir} (created when missing).
   *
   * @param progress told the number of bytes read so far, after each chunk
   */
  public static Result ingest(Path dir, List<LogInput> inputs, ReadOptions options, LongConsumer progress)
      throws IOException {
    return ingest(dir, inputs, options, progress, COMMIT_BYTES);
  }

  /** As {@link #ingest(Path, List, ReadOptions, LongConsumer)}, committing after every {@code commitBytes} read. */
  public static Result ingest(Path dir, List<LogInput> inputs, ReadOptions options, LongConsumer progress,
      long commitBytes) throws IOException {
    long started = System.nanoTime();
    IndexWriterConfig config = new IndexWriterConfig(IndexAnalyzers.perField())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(48)
        .setCommitOnClose(false);
    try (Directory directory = FSDirectory.open(dir); IndexWriter writer = open(directory, config, dir)) {
      Map<String, String> userData = new HashMap<>();
      writer.getLiveCommitData().forEach(e -> userData.put(e.getKey(), e.getValue()));
      Checkpoints checkpoints = Checkpoints.fromUserData(userData);
      long seq = Long.parseLong(userData.getOrDefault(Checkpoints.SEQ_KEY, "0"));
      Run run = new Run(writer, checkpoints, seq, progress, commitBytes);
      for (LogInput input : inputs) {
        run.head(input);
      }
      try {
        MailCorrelator correlator = new MailCorrelator(run);
        IngestReport report = new LogPipeline(options).run(inputs, e -> run.event(correlator, e), run);
        correlator.finish();
        run.commit();
        return new Result(report, run.events, run.sessions, run.skipped, Duration.ofNanos(System.nanoTime() - started));
      } finally {
        run.close();
      }
    }
  }

  private static IndexWriter open(Directory directory, IndexWriterConfig config, Path dir) throws IOException {
    try {
      return new IndexWriter(directory, config);
    } catch (LockObtainFailedException e) {
      throw new LockedException(dir.resolve(IndexWriter.WRITE_LOCK_NAME), e);
    }
  }

  /** One ingest: positions, documents, commits. Runs on the pipeline's calling thread. */
  private static final class Run implements Resume, OutcomeListener {
    private final IndexWriter writer;
    private final Checkpoints checkpoints;
    private final LongConsumer progress;
    private final Map<LogInput, byte[]> heads = new HashMap<>();
    private final Map<LogInput, Position> starts = new HashMap<>();
    private long seq;
    private long events;
    private long sessions;
    private long skipped;
    private long bytesRead;
    private long bytesAtCommit;

    private final long commitBytes;

    Run(IndexWriter writer, Checkpoints checkpoints, long seq, LongConsumer progress, long commitBytes) {
      this.commitBytes = commitBytes;
      this.writer = writer;
      this.checkpoints = checkpoints;
      this.seq = seq;
      this.progress = progress;
    }

    /** Reads an input's first bytes: its identity, and so where to start. Standard input starts at 0. */
    void head(LogInput input) throws IOException {
      if (input.isStdin()) {
        starts.put(input, Position.START);
        return;
      }
      byte[] head;
      try (InputStream in = LogPipeline.openContent(input)) {
        head = in.readNBytes(Checkpoints.PREFIX);
      } catch (IOException e) {
        head = new byte[0]; // the pipeline reports the unreadable input
      }
      heads.put(input, head);
      Position start = checkpoints.positionOf(head, head.length);
      starts.put(input, start);
      skipped += start.offset();
    }

    @Override
    public Position startOf(LogInput input) {
      return starts.getOrDefault(input, Position.START);
    }

    @Override
    public void consumed(LogInput input, Position end) {
      byte[] head = heads.get(input);
      if (head != null && head.length > 0) {
        checkpoints.record(head, head.length, end, input.displayName());
      }
      long read = end.offset() - startOf(input).offset();
      bytesRead += Math.max(0, read - lastRead.getOrDefault(input, 0L));
      lastRead.put(input, read);
      progress.accept(bytesRead);
      if (bytesRead - bytesAtCommit >= commitBytes) {
        try {
          commit();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    private final Map<LogInput, Long> lastRead = new HashMap<>();

    void event(MailCorrelator correlator, MailEvent e) {
      SourceRef before = correlator.sessionOf(e);
      correlator.accept(e);
      SourceRef after = correlator.sessionOf(e);
      SourceRef session = after != null ? after : before;
      batch.add(new Pending(e, null, session == null ? null : session.toString(), seq++));
      events++;
      if (batch.size() >= BATCH) {
        submit();
      }
    }

    /** An event (or a dialogue) waiting to become a document, with what only this thread knows. */
    private record Pending(MailEvent event, SmtpDialogue dialogue, String session, long seq) {}

    private static final int BATCH = 256;
    private List<Pending> batch = new ArrayList<>(BATCH);
    private final ThreadLocal<IndexDocuments> perThread =
        ThreadLocal.withInitial(() -> new IndexDocuments(ReplyClassifier.standard()));
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Phaser inFlight = new Phaser(1);
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(2 * THREADS), runnable -> {
          Thread t = new Thread(runnable, "smtplog-index");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());

    /**
     * Hands the batch to the indexing threads (Lucene's writer takes documents from several
     * threads at once); when they are all busy the calling thread indexes it itself.
     */
    private void submit() {
      if (batch.isEmpty()) {
        return;
      }
      List<Pending> work = batch;
      batch = new ArrayList<>(BATCH);
      inFlight.register();
      workers.execute(() -> {
        try {
          IndexDocuments docs = perThread.get();
          for (Pending p : work) {
            writer.addDocument(p.dialogue() != null ? docs.session(p.session(), p.dialogue())
                : docs.event(p.event(), p.session(), p.seq()));
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          inFlight.arriveAndDeregister();
        }
      });
    }

    /** Waits until every document handed over is in the writer; rethrows what went wrong there. */
    private void drain() throws IOException {
      submit();
      inFlight.arriveAndAwaitAdvance();
      Throwable t = failure.get();
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
    }

    void close() {
      workers.shutdownNow();
    }

    @Override
    public void accept(Outcome outcome) {
      // The index keeps events (reports correlate them again) and the sessions of the dialogues.
      if (outcome instanceof SmtpDialogue dialogue) {
        batch.add(new Pending(null, dialogue, dialogue.first().toString(), -1));
        sessions++;
      }
    }

    @Override
    public boolean wantsDialogues() {
      return true;
    }

    void commit() throws IOException {
      drain(); // the positions below say these documents are in: they must be
      writer.setLiveCommitData(checkpoints.toUserData(seq).entrySet());
      writer.commit();
      bytesAtCommit = bytesRead;
    }
  }
}
