package io.smtplog.core.follow;

import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.RotatedName;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Follows logs as {@code tail -F} does, into an index ({@link LogIndexer.Continuous}): rounds every
 * {@link Options#poll}, each reading what was appended to each followed file, and the rest of a
 * rotated copy beside it (renamed {@code mail.log.1}, or compressed {@code mail.log.1.gz}, as
 * {@link RotatedName} names them) when the checkpoints know that copy as the file read before; a
 * rotated file never read is history nobody asked for and is left alone. A file truncated, or
 * gone and back, is read from its start; a missing file is waited for. Positions are the index's
 * checkpoints, so a restart (even after {@code kill -9}) goes on where the last commit stopped.
 * {@link #run} runs on one thread; {@link #stop} may be called from any.
 */
public final class Follower implements Closeable {

  /**
   * How often to look for new lines, and how often at most to commit when something was read.
   */
  public record Options(Duration poll, Duration commitEvery) {
    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    public static final Duration DEFAULT_COMMIT_EVERY = Duration.ofSeconds(2);

    public Options {
      Objects.requireNonNull(poll, "poll");
      Objects.requireNonNull(commitEvery, "commitEvery");
      if (poll.isNegative() || poll.isZero() || commitEvery.isNegative()) {
        throw new IllegalArgumentException("poll must be positive and commitEvery not negative, were " + poll
            + " and " + commitEvery);
      }
    }

    /** Every 500 ms, committing at most every 2 s. */
    public static Options defaults() {
      return new Options(DEFAULT_POLL, DEFAULT_COMMIT_EVERY);
    }
  }

  /**
   * A file's device and inode, size and modification time: what says it changed since a round
   * (null: no file, or an empty one).
   */
  private record Stat(Object fileKey, long size, FileTime modified) {
    static Stat of(Path path) {
      try {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        // An empty file has nothing to read, nor a content to know it by (after a copy and truncate): waited for.
        return a.isRegularFile() && a.size() > 0 ? new Stat(a.fileKey(), a.size(), a.lastModifiedTime()) : null;
      } catch (IOException e) {
        return null; // missing (rotated away, not there yet) or unreadable: waited for
      }
    }
  }

  private final IndexStore store;
  private final List<Path> paths;
  private final Spool spool;
  private final Options options;
  private final FollowListener listener;
  private final Clock clock;
  private final LogIndexer.Continuous continuous;
  /** The state of each file when it was last read (followed files and their rotated copies present now). */
  private final Map<Path, Stat> readAt = new HashMap<>();
  /** The state of each rotated copy in the round before (a compressed copy is read once it stopped growing). */
  private final Map<Path, Stat> seenAt = new HashMap<>();
  /** How far each followed file was read (for the lag), by path. */
  private final Map<Path, Long> positions = new HashMap<>();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile boolean stopped;

  private Follower(IndexStore store, List<Path> paths, Spool spool, Options options, FollowListener listener,
      LogIndexer.Continuous continuous) {
    this.store = store;
    this.paths = List.copyOf(paths);
    this.spool = spool;
    this.options = options;
    this.listener = listener;
    this.clock = Clock.systemUTC();
    this.continuous = continuous;
  }

  /**
   * Opens the follower on {@code store} (the stories left open are taken up once; nothing is read
   * yet): {@code paths} are files (they may be missing yet), {@code stdin} adds standard input.
   * {@code fresh} is told each outcome once, when it becomes final; {@code listener} each round.
   * The store is closed by {@link #close}.
   */
  public static Follower open(IndexStore store, List<Path> paths, boolean stdin, ReadOptions read, Options options,
      OutcomeListener fresh, FollowListener listener) throws IOException {
    return open(store, paths, stdin ? System.in : null, read, options, fresh, listener);
  }

  /** As above, with {@code stdin} (null for none) as standard input. */
  static Follower open(IndexStore store, List<Path> paths, InputStream stdin, ReadOptions read, Options options,
      OutcomeListener fresh, FollowListener listener) throws IOException {
    LogIndexer.Continuous continuous = LogIndexer.Continuous.open(store, read, options.commitEvery(), fresh);
    Spool spool = null;
    try {
      spool = stdin == null ? null : Spool.start(stdin);
      return new Follower(store, paths, spool, options, listener, continuous);
    } catch (IOException | RuntimeException e) {
      continuous.abandon();
      throw e;
    }
  }

  /** Lines of stories left open by the ingest before, read again when the follower opened. */
  public long replayedLines() {
    return continuous.replayedLines();
  }

  /**
   * Reads rounds until {@link #stop()} (or until standard input, when it is the only input, ended
   * and was read); then writes what is open (provisional) and commits. A round that fails (the
   * disk full) ends the run with its exception, and nothing more is committed: a restart goes on
   * from the last commit.
   */
  public void run() throws IOException {
    boolean failed = true;
    try {
      while (!stopped) {
        long started = System.nanoTime();
        boolean inputEnded = spool != null && spool.ended();
        round();
        if (inputEnded && paths.isEmpty()) {
          break; // standard input ended, and all of it was read
        }
        long left = options.poll().toNanos() - (System.nanoTime() - started);
        if (left > 0 && stopping.await(left, TimeUnit.NANOSECONDS)) {
          break;
        }
      }
      failed = false;
    } catch (InterruptedException e) {
      failed = false; // taken as stop(); the index is not written from an interrupted thread
      Thread.interrupted();
      continuous.close();
      Thread.currentThread().interrupt();
      return;
    } finally {
      if (failed) {
        continuous.abandon();
      }
    }
    continuous.close();
  }

  /** Makes {@link #run} return after its current round. Thread-safe; returns at once. */
  public void stop() {
    stopped = true;
    stopping.countDown();
  }

  /**
   * One round: what changed since the last one is read, committed when the commit interval passed,
   * and told to the listener. Package-private so that tests drive rounds one by one.
   */
  FollowCycle round() throws IOException {
    List<LogInput> inputs = new ArrayList<>();
    Set<LogInput> continuations = new HashSet<>();
    Map<Path, Stat> stats = new HashMap<>();
    Map<Path, Stat> seen = new HashMap<>();
    Map<LogInput, Path> followed = new HashMap<>();
    int present = 0;
    for (Path path : paths) {
      // The path and its rotated copies, oldest first; all wait while a compressed copy may be in
      // progress (it appeared or grew since the round before), so that lines are read in order.
      List<LogInput> group = new ArrayList<>();
      Map<Path, Stat> groupStats = new HashMap<>();
      boolean copyInProgress = false;
      for (Path copy : rotatedCopies(path)) {
        Stat stat = Stat.of(copy);
        if (stat == null) {
          continue;
        }
        seen.put(copy, stat);
        groupStats.put(copy, stat);
        if (stat.equals(readAt.get(copy))) {
          continue;
        }
        if (!stat.equals(seenAt.get(copy)) && LogPipeline.isCompressed(LogInput.of(copy))) {
          copyInProgress = true;
          continue;
        }
        LogInput input = LogInput.of(copy);
        group.add(input);
        continuations.add(input);
      }
      Stat stat = Stat.of(path);
      if (Files.isRegularFile(path)) {
        present++;
      }
      if (stat != null) {
        groupStats.put(path, stat);
        if (!stat.equals(readAt.get(path))) {
          LogInput input = LogInput.of(path);
          group.add(input);
          followed.put(input, path);
        }
      }
      if (copyInProgress) {
        groupStats.keySet().forEach(p -> {
          if (readAt.containsKey(p)) {
            stats.put(p, readAt.get(p)); // read next round
          }
        });
      } else {
        inputs.addAll(group);
        stats.putAll(groupStats);
      }
    }
    Set<LogInput> refilling = new HashSet<>();
    if (spool != null) {
      present++;
      boolean ended = spool.ended();
      Stat stat = Stat.of(spool.file());
      if (stat != null && !stat.equals(readAt.get(spool.file()))) {
        LogInput input = new LogInput(LogInput.STDIN, Optional.of(spool.file()));
        inputs.add(input);
        followed.put(input, spool.file());
        if (!ended) {
          refilling.add(input); // an upstream restarted may be sending again what was read: wait for it
        }
      }
      if (stat != null) {
        stats.put(spool.file(), stat);
      }
    }
    LogIndexer.Continuous.Round round = continuous.read(inputs, continuations, refilling);
    for (Map.Entry<LogInput, Long> end : round.ends().entrySet()) {
      Path path = followed.get(end.getKey());
      if (path != null) {
        positions.put(path, end.getValue());
      }
    }
    for (LogInput input : inputs) {
      Path path = followed.get(input);
      if (path != null && !round.ends().containsKey(input)) {
        stats.remove(path); // offered but not read (standard input's copy waited): offered again, changed or not
      }
    }
    readAt.clear();
    readAt.putAll(stats);
    seenAt.clear();
    seenAt.putAll(seen);
    positions.keySet().retainAll(stats.keySet());
    long lag = 0;
    for (Map.Entry<Path, Long> p : positions.entrySet()) {
      Stat now = Stat.of(p.getKey());
      if (now != null) {
        lag += Math.max(0, now.size() - p.getValue());
      }
    }
    FollowCycle cycle = new FollowCycle(clock.instant(), round.report().linesRead(), round.report().bytesRead(),
        round.report().problemsByKind(), round.lastLogged(), round.committed(), lag, present);
    listener.cycle(cycle);
    return cycle;
  }

  /**
   * The rotated copies of {@code path} beside it, oldest first (of one generation, the plain file
   * before its compressed copy).
   */
  static List<Path> rotatedCopies(Path path) {
    Path dir = path.toAbsolutePath().getParent();
    String name = path.getFileName().toString();
    String base = RotatedName.of(name).base();
    if (dir == null || !base.equals(name)) {
      return List.of(); // a followed file named like a rotation ("mail.log.1") has no copies of its own
    }
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> {
        String n = f.getFileName().toString();
        RotatedName r = RotatedName.of(n);
        if (!n.equals(name) && r.base().equals(base) && !r.isLive()) {
          copies.add(path.resolveSibling(n));
        }
      });
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of(); // the folder cannot be listed: the file itself is still followed
    }
    copies.sort(Comparator.comparing((Path p) -> RotatedName.of(p.getFileName().toString()), RotatedName.OLDEST_FIRST)
        .thenComparingInt(p -> p.getFileName().toString().length()));
    return copies;
  }

  /** Stops following (when running) and closes the store; the standard input's copy is deleted. */
  @Override
  public void close() throws IOException {
    stop();
    try {
      if (spool != null) {
        spool.close();
      }
    } finally {
      store.close();
    }
  }
}
