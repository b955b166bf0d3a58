package io.smtplog.core.index;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageReceived;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TlsEstablished;
import io.smtplog.core.outcome.Attempt;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.RcptReply;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.ServerSession;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.ChunkKeeper;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.RawChunk;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.pipeline.Resume;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.apache.lucene.document.Document;

/**
 * Reads logs with the same pipeline as the reports and writes to a Lucene index what the outcome
 * stream says (docs/index-and-query.md, "The index"): a document per recipient outcome, message, session and event
 * that is part of no outcome, and the lines themselves, chunk by chunk, compressed. Incremental and
 * idempotent: each input continues from the position the last commit recorded for its content
 * ({@link Checkpoints}); documents, chunks, positions and the lines of the stories still open are
 * committed together, so an ingest killed at any moment and run again gives the index a clean run
 * would have. The stories still open when an ingest ends (a message still deferred, a session not
 * ended) are written as they stand, marked provisional; the next ingest deletes those documents,
 * reads the stories' lines again from the stored chunks and goes on with the new lines. One writer
 * at a time: a second ingest fails at once on Lucene's {@code write.lock}; readers keep seeing the
 * last commit.
 */
public final class LogIndexer {
  /** The version of what the index holds; an index of another version is refused, never misread. */
  public static final int FORMAT = 5;
  static final String FORMAT_KEY = "smtplog.format";

  /** Threads that turn outcomes into documents and hand them to the writer. */
  static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** Commit after this many bytes read, so a killed ingest loses little work. */
  static final long COMMIT_BYTES = 64L << 20;

  /**
   * Commit after this long too: a slow ingest (a slow disk, a busy machine, a compressed archive
   * that decompresses slowly) killed before {@link #COMMIT_BYTES} were read lost everything.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(30);

  /** When to commit: after {@code bytes} read or {@code interval} passed on {@code nanoClock}, whichever first. */
  record CommitPolicy(long bytes, Duration interval, LongSupplier nanoClock) {
    static CommitPolicy every(long bytes) {
      return new CommitPolicy(bytes, COMMIT_INTERVAL, System::nanoTime);
    }

    boolean isDue(long bytesSince, long nanosSince) {
      return bytesSince >= bytes || bytesSince > 0 && nanosSince >= interval.toNanos();
    }
  }

  /**
   * What an ingest did.
   *
   * @param replayedLines lines of stories left open by the ingest before, read again
   */
  public record Result(IngestReport ingest, long recipients, long messages, long sessions, long events,
      long skippedBytes, long replayedLines, Duration took) {}

  /** The index is held by another writer. */
  public static final class LockedException extends IOException {
    public LockedException(Path lock, Throwable cause) {
      super("the index is being written by another ingest (it holds " + lock + ")", cause);
    }
  }

  /** The index was written by a version of smtplog that stored something else. */
  public static final class FormatException extends IOException {
    public FormatException(Path dir, String found) {
      this("the index at " + dir, found);
    }

    /** @param where the store as messages name it ({@link IndexStore#describe()}) */
    public FormatException(String where, String found) {
      super(where + " was written by another version of smtplog (index format " + found
          + ", this one reads " + FORMAT + "): delete it and run smtplog ingest again");
    }
  }

  private LogIndexer() {}

  /** Bits of a {@link #replyOrder}: input, line, rank among the replies one event gave. */
  private static final int ORDER_RANK_BITS = 12;
  private static final int ORDER_LINE_BITS = 32;
  private static final int ORDER_INPUT_BITS = 63 - ORDER_LINE_BITS - ORDER_RANK_BITS;

  /**
   * The order of a reply the codes report counts ({@link IndexFields#REPLY_ORDER}): the input and
   * line ({@link LineRefs}) of the event that made the correlator emit it, then its rank among the
   * replies of that event, in one long. Inputs come in the order they were first read, lines in
   * their order, so this is the outcome stream's order. Exact for the first 2^19 inputs, 2^32 lines
   * of an input and 4,096 replies of one event (a dialogue's); past those the parts stay at their
   * greatest, and a row's first reply (its example) may be any of those that then tie.
   */
  static long replyOrder(long ref, long rank) {
    long input = Math.min(LineRefs.input(ref), (1L << ORDER_INPUT_BITS) - 1);
    long line = Math.min(LineRefs.line(ref), (1L << ORDER_LINE_BITS) - 1);
    return input << (ORDER_LINE_BITS + ORDER_RANK_BITS) | line << ORDER_RANK_BITS
        | Math.min(rank, (1L << ORDER_RANK_BITS) - 1);
  }

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
    return ingest(dir, inputs, options, progress, CommitPolicy.every(commitBytes));
  }

  /** As {@link #ingest(Path, List, ReadOptions, LongConsumer)}, committing when {@code commits} says. */
  static Result ingest(Path dir, List<LogInput> inputs, ReadOptions options, LongConsumer progress,
      CommitPolicy commits) throws IOException {
    try (IndexStore store = LuceneIndexStore.open(dir)) {
      return ingest(store, inputs, options, progress, commits);
    }
  }

  /**
   * Ingests {@code inputs} into {@code store}: the same parsing, correlation and documents whatever
   * the store, committing after {@link #COMMIT_BYTES} read or {@link #COMMIT_INTERVAL}.
   */
  public static Result ingest(IndexStore store, List<LogInput> inputs, ReadOptions options, LongConsumer progress)
      throws IOException {
    return ingest(store, inputs, options, progress, CommitPolicy.every(COMMIT_BYTES));
  }

  static Result ingest(IndexStore store, List<LogInput> inputs, ReadOptions options, LongConsumer progress,
      CommitPolicy commits) throws IOException {
    long started = System.nanoTime();
    Run run = Run.open(store, options, progress, commits, null);
    try {
      IngestReport report = run.read(inputs, Set.of(), Set.of());
      run.end(run.correlator);
      return new Result(report, run.recipients, run.messages, run.sessions, run.events, run.skipped, run.replayed,
          Duration.ofNanos(System.nanoTime() - started));
    } finally {
      run.close();
    }
  }

  /**
   * An ingest that goes on ({@code smtplog follow}): opened once on a store (the stories left open
   * are taken up once), then {@link #read} any number of times, each time from where the inputs
   * were read to, with the same correlation (a story open across two reads is simply continued);
   * committed when {@code commitEvery} has passed since the last commit and something was read,
   * without provisional documents (the open stories' lines are recorded, as an ingest's commits
   * on the way do); {@link #close} writes what is open, provisionally, and commits. Not
   * thread-safe: one thread reads, and {@code fresh} is told on it.
   */
  public static final class Continuous implements java.io.Closeable {
    private final Run run;
    private boolean closed;

    /**
     * What one {@link #read} did: its report, the end position of each input read, whether it
     * committed, and the time stamp of the last line it read.
     */
    public record Round(IngestReport report, Map<LogInput, Long> ends, boolean committed,
        Optional<java.time.Instant> lastLogged) {}

    private Continuous(Run run) {
      this.run = run;
    }

    /**
     * Opens an ingest that goes on into {@code store} (not closed by {@link #close}). {@code fresh}
     * is told each outcome once, when it is written as final: not the provisional documents of
     * {@link #close}, nor the outcomes of open stories written again when their lines are read
     * again at the start.
     */
    public static Continuous open(IndexStore store, ReadOptions options, Duration commitEvery, OutcomeListener fresh)
        throws IOException {
      return new Continuous(Run.open(store, options, bytes -> { },
          new CommitPolicy(COMMIT_BYTES, commitEvery, System::nanoTime), fresh));
    }

    /** Lines of stories left open by the ingest before that {@link #open} read again. */
    public long replayedLines() {
      return run.replayed;
    }

    /**
     * Reads the inputs on from where they were read to (a new input from its start), in order;
     * an input of {@code continuationsOnly} only when it is one read before (its content up to its
     * position is known: a rotated or compressed copy of a log read), or when it comes after such a
     * copy of the same file (a newer rotation, its lines written since: two rotations while stopped);
     * else never a new one.
     */
    public Round read(List<LogInput> inputs, Set<LogInput> continuationsOnly) throws IOException {
      return read(inputs, continuationsOnly, Set.of());
    }

    /**
     * As {@link #read(List, Set)}; an input of {@code refilling} is a copy being filled again from its
     * start (standard input's copy, its upstream restarted): one that starts as an input read before
     * but is shorter than its position is taken as that input, not yet read to its position (it
     * waits), rather than as a new one.
     */
    public Round read(List<LogInput> inputs, Set<LogInput> continuationsOnly, Set<LogInput> refilling)
        throws IOException {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      long commitsBefore = run.commitCount;
      IngestReport report = run.read(inputs, continuationsOnly, refilling);
      long sinceCommit = run.commits.nanoClock().getAsLong() - run.nanosAtCommit;
      if (run.commits.isDue(run.bytesRead - run.bytesAtCommit, sinceCommit)) {
        run.commit(null, null);
      }
      return new Round(report, Map.copyOf(run.ends()), run.commitCount > commitsBefore,
          Optional.ofNullable(run.lastLogged));
    }

    /** Stops without writing or committing anything more (after a failure): the last commit stands. */
    public void abandon() {
      closed = true;
      run.close();
    }

    /** Writes what is open as it stands (provisional) and commits; the store stays open. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        run.end(run.correlator);
      } finally {
        run.close();
      }
    }
  }

  /**
   * Sends the local index at {@code dir} into {@code target} ({@code smtplog index push}): its stored
   * lines as they are, and its documents made again from those lines by the same correlation, with
   * its positions, so that an ingest into {@code target} later goes on where the local index
   * stopped. The documents are those an ingest of the same inputs into {@code target} would write.
   * A target that already holds a committed state is refused: it would mix two histories.
   */
  public static Result copy(Path dir, IndexStore target, ReadOptions options) throws IOException {
    long started = System.nanoTime();
    if (!target.committed().isEmpty()) {
      throw new IOException(target.describe() + " already holds an ingest's positions: push into an empty collection,"
          + " or under another source name");
    }
    try (org.apache.lucene.store.Directory directory = org.apache.lucene.store.FSDirectory.open(dir);
        org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(directory)) {
      Map<String, String> userData = reader.getIndexCommit().getUserData();
      checkFormat("the index at " + dir, userData, reader.numDocs() > 0);
      List<IndexSearch.StoredChunk> chunks = IndexSearch.allChunks(reader);
      Run run = new Run(target, userData, bytes -> { }, CommitPolicy.every(Long.MAX_VALUE));
      try {
        MailCorrelator correlator = new MailCorrelator(run);
        run.resume(correlator, options); // first: a store may remove what an earlier, failed push left
        for (IndexSearch.StoredChunk c : chunks) {
          target.add(ChunkStore.document(c.input(), c.file(), c.first(), c.last(), c.seq(),
              IndexSearch.chunkBytes(reader.storedFields(), c.doc())));
        }
        ChunkOrdinals ordinals = new ChunkOrdinals(chunks);
        List<IndexStore.Chunk> readable = chunks.stream().map(c -> new IndexStore.Chunk(c.input(), c.file(), c.first(),
            c.last(), () -> IndexSearch.chunkBytes(reader.storedFields(), c.doc()))).toList();
        IngestReport report = new LogPipeline(options).replay(IndexSearch.replays(readable, null), e -> {
          run.ordinals.put(e.source().file(), ordinals.of(e.source().file(), e.source().lineNumber()));
          run.event(correlator, e);
        });
        run.end(correlator);
        return new Result(report, run.recipients, run.messages, run.sessions, run.events, 0, 0,
            Duration.ofNanos(System.nanoTime() - started));
      } finally {
        run.close();
      }
    }
  }

  /**
   * The input (file-table ordinal) of a line read again, by the name it was read under and its number:
   * a name can stand for several inputs (a log read, rotated and read again), whose chunks come in
   * reading order, as the lines do.
   */
  private static final class ChunkOrdinals {
    private final Map<String, java.util.ArrayDeque<IndexSearch.StoredChunk>> byFile = new HashMap<>();

    ChunkOrdinals(List<IndexSearch.StoredChunk> chunks) {
      for (IndexSearch.StoredChunk c : chunks) {
        byFile.computeIfAbsent(c.file(), f -> new java.util.ArrayDeque<>()).add(c);
      }
    }

    private final Map<String, Long> lastLine = new HashMap<>();

    /** Lines come in reading order: past a chunk's last line, or back to an earlier number (another input), the next chunk. */
    int of(String file, long line) {
      java.util.ArrayDeque<IndexSearch.StoredChunk> queue = byFile.get(file);
      if (queue == null || queue.isEmpty()) {
        throw new IllegalStateException("a line of " + file + " that no stored chunk holds");
      }
      Long last = lastLine.put(file, line);
      if (last != null && line < last && queue.size() > 1) {
        queue.pollFirst();
      }
      while (queue.size() > 1 && line > queue.peekFirst().last()) {
        queue.pollFirst();
      }
      return queue.peekFirst().input();
    }
  }

  static void checkFormat(String where, Map<String, String> userData, boolean hasContent) throws FormatException {
    String format = userData.get(FORMAT_KEY);
    if (hasContent && !Integer.toString(FORMAT).equals(format)) {
      throw new FormatException(where, format == null ? "1" : format);
    }
  }

  /** A chunk as kept on a parser thread: its place in its input and its stored bytes. */
  private record KeptChunk(String file, long firstLine, long lastLine, byte[] stored, Checkpoints.Tail tail) {}

  /** One ingest: positions, stories, documents, commits. Runs on the pipeline's calling thread. */
  private static final class Run implements Resume, OutcomeListener, ChunkKeeper<KeptChunk> {
    private final IndexStore store;
    private final Checkpoints checkpoints;
    private final FileTable files;
    private final LongConsumer progress;
    private final CommitPolicy commits;
    private final StoryLines stories = new StoryLines();
    private final Families families = new Families();
    private final Map<LogInput, byte[]> heads = new HashMap<>();
    /** The identity of each file input read now, its device and inode, and the tail of its last chunk read. */
    private final Map<LogInput, String> identities = new HashMap<>();
    private final Map<LogInput, String> fileKeys = new HashMap<>();
    private final Map<String, Checkpoints.Tail> tails = new HashMap<>();
    private final Map<LogInput, Position> starts = new HashMap<>();
    /** The input ordinal of each file name read now (names are unique within a run). */
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Map<LogInput, Long> lastRead = new HashMap<>();
    private MailCorrelator correlator;
    private long seq;
    private long recipients;
    private long messages;
    private long sessions;
    private long events;
    private long skipped;
    private long bytesRead;
    private long bytesAtCommit;
    private long nanosAtCommit;
    /** True while the correlator is finished at the end: what it emits then is provisional. */
    private boolean provisional;
    /** Told each outcome written as final, once (null: nobody). */
    private final OutcomeListener fresh;
    private long replayed;
    private long commitCount;
    /** The time stamp of the last event read by the last {@link #read}. */
    private java.time.Instant lastLogged;
    private ReadOptions options;

    Run(IndexStore store, Map<String, String> userData, LongConsumer progress, CommitPolicy commits) {
      this(store, userData, progress, commits, null);
    }

    Run(IndexStore store, Map<String, String> userData, LongConsumer progress, CommitPolicy commits,
        OutcomeListener fresh) {
      this.fresh = fresh;
      this.store = store;
      this.checkpoints = Checkpoints.fromUserData(userData);
      this.files = FileTable.fromUserData(userData);
      this.seq = Long.parseLong(userData.getOrDefault(Checkpoints.SEQ_KEY, "0"));
      this.progress = progress;
      this.commits = commits;
      this.nanosAtCommit = commits.nanoClock().getAsLong();
    }

    /** A run on {@code store}, its format checked, with the stories the ingest before left open taken up. */
    static Run open(IndexStore store, ReadOptions options, LongConsumer progress, CommitPolicy commits,
        OutcomeListener fresh) throws IOException {
      Map<String, String> userData = store.committed();
      checkFormat(store.describe(), userData, store.hasDocuments() || !userData.isEmpty());
      Run run = new Run(store, userData, progress, commits, fresh);
      try {
        run.options = options;
        run.replayed = run.resume(new MailCorrelator(run), options);
        return run;
      } catch (IOException | RuntimeException | Error e) {
        run.close();
        throw e;
      }
    }

    /**
     * Reads {@code inputs} from where each was read to, with this run's correlation: what is
     * known of each input is found again (a file may have grown, been rotated or truncated since).
     */
    IngestReport read(List<LogInput> inputs, Set<LogInput> continuationsOnly, Set<LogInput> refilling)
        throws IOException {
      lastLogged = null;
      heads.clear();
      identities.clear();
      fileKeys.clear();
      tails.clear();
      starts.clear();
      lastRead.clear();
      List<LogInput> reading = new ArrayList<>();
      Set<String> continued = new java.util.HashSet<>();
      // Rotation sets (folder and base name) of which a copy read before was read in this call: a
      // copy after it (newer, as inputs come oldest first) holds lines written since, read before or not.
      Set<String> chains = new java.util.HashSet<>();
      for (LogInput input : inputs) {
        boolean continuation = continuationsOnly.contains(input);
        String chain = continuation ? rotationSet(input) : null;
        boolean afterKnown = chain != null && chains.contains(chain);
        if (head(input, continuation && !afterKnown, refilling.contains(input), continued)) {
          reading.add(input);
          if (chain != null && continued.contains(identities.get(input))) {
            chains.add(chain);
          }
        }
      }
      if (reading.isEmpty()) {
        return new IngestReport(options.maxProblemSamples()); // nothing changed: no threads started for nothing
      }
      return new LogPipeline(options).run(reading, e -> event(correlator, e), this, this);
    }

    /** The folder and base name of a file and its rotated copies ("/var/log/mail.log"); null for no file. */
    private static String rotationSet(LogInput input) {
      return input.path().map(p -> {
        Path abs = p.toAbsolutePath();
        String base = io.smtplog.core.ingest.RotatedName.of(abs.getFileName().toString()).base();
        return abs.resolveSibling(base).toString();
      }).orElse(null);
    }

    /** The position each input of the last {@link #read} was read to. */
    Map<LogInput, Long> ends() {
      Map<LogInput, Long> ends = new HashMap<>();
      starts.forEach((input, start) -> ends.put(input, start.offset() + lastRead.getOrDefault(input, 0L)));
      return ends;
    }

    /**
     * Takes up the stories the last ingest left open: their provisional documents go, and their
     * lines are read again from the stored chunks. Returns the number of lines read again.
     */
    long resume(MailCorrelator correlator, ReadOptions options) throws IOException {
      this.correlator = correlator;
      IndexStore.OpenStories open = store.openStories();
      store.deleteStories(open.keys());
      if (open.keys().isEmpty()) {
        return 0;
      }
      // What the open stories wrote before is written again, whole, from their lines.
      List<IndexStore.Chunk> chunks = store.chunksOf(open.lines());
      for (IndexStore.Chunk c : chunks) {
        ordinals.put(c.file(), c.input());
      }
      replaying = open.keys();
      new LogPipeline(options).replay(IndexSearch.replays(chunks, open.lines()), e -> event(correlator, e));
      replaying = null;
      correlator.forgetDialogues(first -> open.keys().contains(StoryLines.session(first)));
      ordinals.clear();
      return open.lines().length;
    }

    /** While the open stories are read again: their keys (outcomes of other stories were written already). */
    private Set<String> replaying;

    /**
     * Reads an input's first bytes and the bytes before the position it was read to: its identity,
     * and so where to start. A stream (standard input, a pipe, a device) is read once, from its start.
     */
    boolean head(LogInput input, boolean continuationOnly, boolean refilling, Set<String> continued)
        throws IOException {
      if (input.unreadable().isPresent()) {
        starts.put(input, Position.START); // the pipeline reports it; it has no lines to number
        return !continuationOnly;
      }
      if (input.isStream()) {
        if (continuationOnly) {
          return false;
        }
        starts.put(input, Position.START);
        ordinals.put(input.displayName(), files.ordinal("stdin:" + UUID.randomUUID(), input.displayName()));
        return true;
      }
      byte[] head = InputContent.head(input, Checkpoints.PREFIX);
      String fileKey = InputContent.fileKey(input.path().get());
      boolean compressed = LogPipeline.isCompressed(input);
      Checkpoints.Known known = checkpoints.find(head, head.length, fileKey,
          (offset, count) -> InputContent.before(input, offset, count), files::knows, compressed || refilling);
      if (refilling && (head.length < Checkpoints.PREFIX
          || !compressed && known.start().offset() > java.nio.file.Files.size(input.path().get()))) {
        return false; // filled again from its start, not yet enough to know it, or up to where it was read
      }
      if (continuationOnly && !known.readBefore() || known.readBefore() && !continued.add(known.identity())) {
        return false; // a file never read (history nobody asked for), or a copy of an input read in this round already
      }
      heads.put(input, head);
      fileKeys.put(input, fileKey);
      identities.put(input, known.identity());
      starts.put(input, known.start());
      skipped += known.start().offset();
      ordinals.put(input.displayName(), files.ordinal(known.identity(), input.displayName()));
      return true;
    }

    /** A file still written ends mid-line: its last part is read the next time, whole. */
    @Override
    public boolean leavesPartialLastLine() {
      return true;
    }

    @Override
    public Position startOf(LogInput input) {
      return starts.getOrDefault(input, Position.START);
    }

    @Override
    public void consumed(LogInput input, Position end) {
      byte[] head = heads.get(input);
      if (head != null && head.length > 0) {
        checkpoints.record(identities.get(input), head, head.length, end, input.displayName(),
            tails.get(input.displayName()), fileKeys.get(input));
      }
      long read = end.offset() - startOf(input).offset();
      bytesRead += Math.max(0, read - lastRead.getOrDefault(input, 0L));
      lastRead.put(input, read);
      progress.accept(bytesRead);
      if (commits.isDue(bytesRead - bytesAtCommit, commits.nanoClock().getAsLong() - nanosAtCommit)) {
        try {
          commit(null, null);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    // ---- chunks: encoded on the parser threads, added here in reading order ----

    @Override
    public KeptChunk keep(RawChunk chunk) {
      return new KeptChunk(chunk.file(), chunk.firstLine(), chunk.lastLine(), ChunkStore.encode(chunk),
          Checkpoints.Tail.of(chunk.data(), chunk.length()));
    }

    @Override
    public void kept(KeptChunk chunk) {
      int input = ordinal(chunk.file());
      tails.put(chunk.file(), chunk.tail());
      long at = seq++;
      add(() -> ChunkStore.document(input, chunk.file(), chunk.firstLine(), chunk.lastLine(), at, chunk.stored()));
    }

    private int ordinal(String file) {
      Integer known = ordinals.get(file);
      return known != null ? known : ordinals.computeIfAbsent(file, f -> files.ordinal("name:" + f, f));
    }

    // ---- events: their lines join their stories, then the correlator sees them ----

    void event(MailCorrelator correlator, MailEvent e) {
      lastLogged = e.at();
      long ref = LineRefs.pack(ordinal(e.source().file()), e.source().lineNumber());
      emittedAt = ref;
      emitted = 0;
      SourceRef before = correlator.sessionOf(e);
      Optional<QueueId> queueId = StoryLines.queueIdOf(e);
      queueId.ifPresent(q -> stories.add(StoryLines.message(q), ref));
      correlator.accept(e);
      SourceRef after = correlator.sessionOf(e);
      SourceRef session = after != null ? after : before;
      if (session != null) {
        stories.add(StoryLines.session(session), ref);
        if (e instanceof CommandLine || e instanceof ReplyLine) {
          String key = StoryLines.session(session);
          dialogues.put(e.process(), key);
          dialogueLines.computeIfAbsent(key, k -> new DialogueLines()).add(e, ref);
        }
      }
      if (e instanceof DeliveryAttempt d) {
        // The dialogue this delivery agent logged just before (debug_peer_list) is part of the
        // story: its opening and the transaction that delivered this message (read again with the
        // message, they give its RCPT reply again).
        String dialogue = dialogues.get(d.process());
        if (dialogue != null) {
          String message = StoryLines.message(d.queueId());
          stories.relate(message, dialogue);
          DialogueLines lines = dialogueLines.get(dialogue);
          if (lines != null) {
            lines.head.forEach(ref2 -> stories.add(message, ref2));
            lines.transaction.forEach(ref2 -> stories.add(message, ref2));
          }
        }
        Optional<QueueId> copy = d.forwardedAs().or(d::queuedAs);
        if (copy.isPresent() && !copy.get().equals(d.queueId())) {
          link(StoryLines.message(d.queueId()), StoryLines.message(copy.get()));
        }
      } else if (e instanceof MessageReceived r && r.origQueueId().isPresent()) {
        link(StoryLines.message(r.origQueueId().get()), StoryLines.message(r.queueId()));
      }
    }

    /** Two messages are one story; a family found only after all of it was finished is told now. */
    private void link(String a, String b) {
      families.link(a, b);
      Families.Family f = families.of(a);
      if (told(f)) {
        tell(f);
      }
    }

    /** True when no message of the family is open: its outcomes are all out. */
    private boolean told(Families.Family f) {
      for (String member : f.members) {
        if (correlator.isOpen(new QueueId(member.substring(2)))) {
          return false;
        }
      }
      return true;
    }

    /** Writes the documents a family held back, in the order their outcomes came. */
    private void tell(Families.Family f) {
      families.remove(f);
      for (Object outcome : f.held) {
        write((Outcome) outcome);
      }
    }

    /** A dialogue's lines before its first MAIL FROM, and since its last one. */
    private static final class DialogueLines {
      final LineRefs head = new LineRefs();
      LineRefs transaction = new LineRefs();
      boolean mail;

      void add(MailEvent e, long ref) {
        if (e instanceof CommandLine c && c.command().orElse(null) == io.smtplog.core.model.SmtpCommand.MAIL) {
          mail = true;
          transaction = new LineRefs();
        }
        (mail ? transaction : head).add(ref);
      }
    }

    /** The lines of the dialogues still open, by session key. */
    private final Map<String, DialogueLines> dialogueLines = new java.util.LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, DialogueLines> eldest) {
        return size() > 4096;
      }
    };

    /** The last dialogue each process logged (a delivery agent's, under debug_peer_list). */
    private final Map<ProcessRef, String> dialogues = new java.util.LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ProcessRef, String> eldest) {
        return size() > 4096;
      }
    };

    // ---- outcomes: documents, built on the indexing threads ----

    /** The line whose event the correlator is taking (what it emits now comes after it), and how many replies it gave. */
    private long emittedAt;
    private long emitted;

    /**
     * The place in the outcome stream of the next reply the codes report counts: the line whose
     * event made the correlator emit it, then its rank among the replies of that event
     * ({@link #replyOrder}); what the end of the inputs emits comes after the last line read. A
     * story read again gets the same orders, from the same lines.
     */
    private long nextReplyOrder() {
      return replyOrder(emittedAt, emitted++);
    }

    /** The story an outcome belongs to: its message, or its session; null for none. */
    private String storyOf(Outcome outcome) {
      if (outcome instanceof RecipientOutcome o) {
        return o.queueId().map(StoryLines::message)
            .orElseGet(() -> o.message().session().map(StoryLines::session).orElse(null));
      } else if (outcome instanceof MessageOutcome m) {
        return StoryLines.message(m.queueId());
      } else if (outcome instanceof ServerSession s) {
        return StoryLines.session(s.first());
      } else if (outcome instanceof SmtpDialogue d) {
        return StoryLines.session(d.first());
      } else if (outcome instanceof Attempt a) {
        return StoryLines.message(a.event().queueId());
      } else if (outcome instanceof Observation o) {
        Optional<QueueId> q = StoryLines.queueIdOf(o.event());
        if (q.isPresent()) {
          return StoryLines.message(q.get());
        }
        SourceRef session = correlator.sessionOf(o.event());
        return session == null ? null : StoryLines.session(session);
      }
      return null;
    }

    @Override
    public void accept(Outcome outcome) {
      if (replaying != null) {
        String story = storyOf(outcome);
        if (story == null || !replaying.contains(story)) {
          // A story told before, whose lines were read again with an open one; or what belongs to
          // no story (an RCPT reply), written when it was first read and never deleted. Its replies
          // keep their ranks on this line, so the replies written after them get theirs again.
          emitted += outcome instanceof RcptReply ? 1 : CodesCollector.counted(outcome).size();
          return;
        }
      }
      // The outcomes of messages linked to others wait until all of them are finished.
      Families.Family family = null;
      if (outcome instanceof RecipientOutcome o && o.queueId().isPresent()) {
        family = families.of(StoryLines.message(o.queueId().get()));
      } else if (outcome instanceof MessageOutcome m) {
        family = families.of(StoryLines.message(m.queueId()));
      }
      if (family == null) {
        write(outcome);
        return;
      }
      family.held.add(outcome);
      if (outcome instanceof MessageOutcome && told(family)) {
        tell(family);
      }
    }

    /** As the correlator asks its listener ({@link OutcomeListener}): recipient outcomes always, dialogues when wanted. */
    private boolean wantedFresh(Outcome outcome) {
      return outcome instanceof RecipientOutcome
          || (outcome instanceof SmtpDialogue ? fresh.wantsDialogues() : fresh.wants(outcome.getClass()));
    }

    private void write(Outcome outcome) {
      boolean open = provisional;
      if (fresh != null && !open && replaying == null && wantedFresh(outcome)) {
        fresh.accept(outcome); // final, and not one told before (a story read again at the start)
      }
      String story = storyOf(outcome);
      if (!(outcome instanceof RcptReply)) {
        // A reply of no story (a refusal tied to no message or session) is found by its event's line.
        String line = story == null && outcome instanceof Observation o ? o.event().source().toString() : null;
        for (CodesCollector.Counted c : CodesCollector.counted(outcome)) {
          long order = nextReplyOrder();
          long at = seq++;
          add(() -> documents().reply(c, story, line, order, at, open)); // internal: what report codes counts
        }
      }
      long at = seq++;
      if (outcome instanceof RecipientOutcome o) {
        recipients++;
        Optional<String> session = o.message().session().map(SourceRef::toString);
        String file = o.lastAttempt().map(a -> a.source().file()).orElse("");
        add(() -> IndexDocuments.story(documents().recipient(o, session, file, at, open), story));
      } else if (outcome instanceof MessageOutcome m) {
        messages++;
        StoryLines.Story told = stories.close(StoryLines.message(m.queueId()));
        byte[] lines = told.lines().encode();
        String file = fileOf(lines);
        add(() -> IndexDocuments.story(documents().message(m, lines, told.sessions(), file, at, open), story));
      } else if (outcome instanceof ServerSession s) {
        sessions++;
        byte[] lines = stories.close(StoryLines.session(s.first())).lines().encode();
        add(() -> IndexDocuments.story(documents().session(s, lines, at, open), story));
      } else if (outcome instanceof SmtpDialogue d) {
        sessions++;
        byte[] lines = stories.close(StoryLines.session(d.first())).lines().encode();
        dialogueLines.remove(StoryLines.session(d.first()));
        add(() -> IndexDocuments.story(documents().dialogue(d, lines, at, open), story));
      } else if (outcome instanceof RcptReply r) {
        long ref = r.line() == null ? -1 : LineRefs.pack(ordinal(r.line().file()), r.line().lineNumber());
        long order = nextReplyOrder();
        add(() -> documents().rcptReply(r, ref, order, at)); // internal: the relay and codes reports' RCPT replies
      } else if (outcome instanceof Attempt a && IndexDocuments.counted(a)) {
        long ref = LineRefs.pack(ordinal(a.event().source().file()), a.event().source().lineNumber());
        add(() -> documents().attempt(a, ref, at, open)); // internal: the summary's deferrals
      } else if (outcome instanceof Observation o && o.event() instanceof TlsEstablished t) {
        long ref = LineRefs.pack(ordinal(t.source().file()), t.source().lineNumber());
        Optional<String> queueId = StoryLines.queueIdOf(t).map(QueueId::value);
        Optional<String> session = Optional.ofNullable(correlator.sessionOf(t)).map(SourceRef::toString);
        add(() -> IndexDocuments.story(documents().tls(t, queueId, session, ref, at), story)); // internal: the summary's TLS
      } else if (outcome instanceof Observation o) {
        events++;
        Optional<String> session = Optional.ofNullable(correlator.sessionOf(o.event())).map(SourceRef::toString);
        add(() -> IndexDocuments.story(documents().event(o, session, at), story));
      }
    }

    /** The name of the input of a story's first line. */
    private String fileOf(byte[] lines) {
      long[] refs = LineRefs.decode(lines);
      return refs.length == 0 ? "" : files.name(LineRefs.input(refs[0]));
    }

    @Override
    public boolean wantsDialogues() {
      return true;
    }

    /**
     * Every outcome becomes a document; an RCPT reply an internal one (it counts in the relay and
     * codes reports whatever became of its recipient), so does an attempt that deferred or failed
     * (the summary's deferrals, in its message's story), each reply the codes report counts (an
     * attempt's, a refusal's, a dialogue's) and a TLS connection (the summary's TLS section).
     */
    @Override
    public boolean wants(Class<? extends Outcome> kind) {
      return true;
    }

    // ---- writing: batches of documents to the indexing threads ----

    private interface Pending {
      Document build() throws IOException;
    }

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

    private IndexDocuments documents() {
      return perThread.get();
    }

    private void add(Pending pending) {
      batch.add(pending);
      if (batch.size() >= BATCH) {
        submit();
      }
    }

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
          for (Pending p : work) {
            store.add(p.build());
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

    /** The end of the inputs: what is still open is written as it stands (provisional), and committed. */
    void end(MailCorrelator correlator) throws IOException {
      retainOpen(correlator);
      long[] open = stories.allLines();
      Set<String> openKeys = stories.keys();
      provisional = true;
      correlator.finish();
      for (Families.Family f : families.all()) {
        tell(f); // linked to a message the inputs do not hold (a next hop's queue id)
      }
      commit(open, openKeys);
    }

    /** Forgets story lines that belong to no open message or session (lines the correlator made nothing of). */
    private void retainOpen(MailCorrelator correlator) {
      Set<SourceRef> openSessions = correlator.openSessions();
      Set<String> open = new java.util.HashSet<>();
      for (SourceRef s : openSessions) {
        // Every open session is taken up again from its first line at least, whatever lines it got
        // (a story with lines has it: its first line's name may stand for another input by now).
        String key = StoryLines.session(s);
        open.add(key);
        if (!stories.holds(key)) {
          stories.add(key, LineRefs.pack(ordinal(s.file()), s.lineNumber()));
        }
      }
      stories.retain(key -> key.startsWith("q:")
          ? correlator.isOpen(new QueueId(key.substring(2))) || families.of(key) != null : open.contains(key));
    }

    /**
     * Commits documents, chunks, positions and the open stories' lines together. {@code open}: the
     * lines to take up next time, or null for those of the stories open now.
     */
    void commit(long[] open, Set<String> openKeys) throws IOException {
      drain(); // the positions below say these documents are in: they must be
      if (open == null) {
        retainOpen(correlator);
      }
      long[] lines = open != null ? open : stories.allLines();
      Set<String> keys = openKeys != null ? openKeys : stories.keys();
      Map<String, String> data = checkpoints.toUserData(seq);
      files.toUserData(data);
      data.put(FORMAT_KEY, Integer.toString(FORMAT));
      store.commit(new IndexStore.OpenStories(keys, lines), data);
      commitCount++;
      bytesAtCommit = bytesRead;
      nanosAtCommit = commits.nanoClock().getAsLong();
    }

    void close() {
      workers.shutdownNow();
    }
  }
}
