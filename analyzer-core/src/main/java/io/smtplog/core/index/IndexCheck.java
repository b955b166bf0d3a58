package io.smtplog.core.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Checks an index with Lucene's {@link CheckIndex} (every checksum, and every segment read
 * through), and repairs it on request by dropping the segments that fail (their documents are
 * lost). Holds the index's write lock while it runs, so no ingest writes meanwhile.
 */
public final class IndexCheck {
  /**
   * What a check found.
   *
   * @param segments segments of the last commit
   * @param documents documents in those segments (the state and the chunks of lines too)
   * @param problems one line per problem: a missing commit, a segment that fails (and its documents)
   * @param lostDocuments documents in failing segments: lost by a repair
   * @param repaired true when {@code --repair} wrote a commit without the failing segments
   */
  public record Result(int segments, long documents, List<String> problems, long lostDocuments, boolean repaired) {
    public Result {
      problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean isClean() {
      return problems.isEmpty();
    }
  }

  private IndexCheck() {}

  /** Checks the index at {@code dir}; with {@code repair}, drops the segments that fail. Empty when there is no index. */
  public static Optional<Result> check(Path dir, boolean repair) throws IOException {
    // A folder without a commit, or with other things than an index's, is no index: nothing is
    // written into it (checking takes the write lock, a file).
    Optional<String> commit = commitFile(dir);
    if (commit.isEmpty() || IndexFolder.foreignEntry(dir).isPresent()) {
      return Optional.empty();
    }
    try (FSDirectory directory = FSDirectory.open(dir); CheckIndex checker = open(directory, dir)) {
      checker.setInfoStream(null);
      CheckIndex.Status status = checker.checkIndex();
      if (status.missingSegments && status.segmentsFileName == null) {
        // A commit file is there, and Lucene could not read it: damaged, not missing.
        return Optional.of(new Result(0, 0, List.of("the commit " + commit.get() + " cannot be read (it fails its"
            + " checksum or is cut short): the index cannot be repaired; delete it and ingest again"), 0, false));
      }
      List<String> problems = new ArrayList<>();
      if (status.missingSegments) {
        problems.add("the commit " + status.segmentsFileName + " cannot be read: the index cannot be repaired;"
            + " delete it and ingest again");
      }
      if (status.toolOutOfDate) {
        problems.add("the index was written by a newer Lucene than this smtplog's");
      }
      long documents = 0;
      for (CheckIndex.Status.SegmentInfoStatus s : status.segmentInfos) {
        documents += s.maxDoc;
        if (s.error != null) {
          problems.add("segment " + s.name + " (" + s.maxDoc + " documents): " + DamagedIndexException.of(dir, s.error)
              .map(d -> detail(d.getMessage())).orElse(String.valueOf(s.error.getMessage())));
        }
      }
      boolean repaired = false;
      if (repair && !status.clean && !status.missingSegments && !status.toolOutOfDate) {
        checker.exorciseIndex(status);
        repaired = true;
      }
      return Optional.of(new Result(status.numSegments, documents, problems, status.totLoseDocCount, repaired));
    }
  }

  /** The newest commit file of {@code dir} ({@code segments_N}), if it has one. */
  private static Optional<String> commitFile(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("segments_[0-9a-z]+"))
          .max(java.util.Comparator.comparingLong(n -> Long.parseLong(n.substring("segments_".length()), Character.MAX_RADIX)));
    }
  }

  /**
   * The damage of the index at {@code dir}, if a file of its last commit is missing or fails its
   * checksum: a quick check (the files are read once, not decoded), for telling a damaged index
   * from a defect when reading it failed in an unexpected way.
   */
  public static Optional<DamagedIndexException> damage(Path dir) {
    try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        leaf.reader().checkIntegrity();
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return DamagedIndexException.of(dir, e);
    }
  }

  private static CheckIndex open(FSDirectory directory, Path dir) throws IOException {
    try {
      return new CheckIndex(directory);
    } catch (LockObtainFailedException e) {
      throw new LogIndexer.LockedException(dir.resolve(IndexWriter.WRITE_LOCK_NAME), e);
    }
  }

  /** The "(what: file)" part of a damage message. */
  private static String detail(String message) {
    int open = message.indexOf('(');
    int close = message.indexOf(')', open);
    return open >= 0 && close > open ? message.substring(open + 1, close) : message;
  }
}
