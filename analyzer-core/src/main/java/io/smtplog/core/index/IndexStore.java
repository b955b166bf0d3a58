package io.smtplog.core.index;

import io.smtplog.core.pipeline.RawChunk;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;

/**
 * Where an ingest puts its documents and its state: the write side of a backend. Two implementations
 * take the same documents ({@link IndexDocuments}, {@link ChunkStore}): the local Lucene index
 * ({@link LuceneIndexStore}) and a SolrCloud collection (module analyzer-solr). {@link LogIndexer}
 * parses, correlates and builds documents alike for both.
 *
 * <p>An ingest reads {@link #committed()} and {@link #openStories()}, takes the open stories up again
 * ({@link #deleteStories}, {@link #chunksOf}), {@link #add}s documents from several threads, and
 * {@link #commit}s now and then: what a commit records is where the next ingest starts, so every
 * document added before it must be durable when it returns.
 */
public interface IndexStore extends Closeable {
  /**
   * The key of {@link #committed()} holding the order ({@link IndexFields#SEQ}) the next document
   * gets: every document numbered from it on was added after the last commit.
   */
  String NEXT_ORDER = "smtplog.seq";

  /**
   * Opens (or creates) the local Lucene index at {@code dir} for writing; another writer holding it
   * is refused ({@link LogIndexer.LockedException}).
   */
  static IndexStore local(java.nio.file.Path dir) throws IOException {
    return LuceneIndexStore.open(dir);
  }

  /** Where the store is, as messages name it: a folder, or a collection's address. */
  String describe();

  /** What the last commit recorded (positions, the file table, the order, the format); empty for a new store. */
  Map<String, String> committed() throws IOException;

  /** True when the store holds documents. */
  boolean hasDocuments() throws IOException;

  /** The stories the last commit left open (their keys and lines); none for a new store. */
  OpenStories openStories() throws IOException;

  /**
   * Deletes the provisional documents (those of stories open at the last commit) and every document
   * of the stories {@code keys} ({@link StoryLines} keys), before they are written again from their lines.
   */
  void deleteStories(Set<String> keys) throws IOException;

  /** The stored chunks holding any of the lines {@code refs} (sorted, {@link LineRefs}), in reading order. */
  List<Chunk> chunksOf(long[] refs) throws IOException;

  /** Adds a document. Called from several threads at once. */
  void add(Document document) throws IOException;

  /**
   * Makes every document added so far durable, with the open stories (written as the state document)
   * and {@code state} (positions, file table, order, format), which {@link #committed()} returns next time.
   */
  void commit(OpenStories open, Map<String, String> state) throws IOException;

  /** The stories a commit left open: their keys ({@link StoryLines}) and their lines (sorted). */
  record OpenStories(Set<String> keys, long[] lines) {
    public static final OpenStories NONE = new OpenStories(Set.of(), new long[0]);

    public OpenStories {
      keys = Set.copyOf(keys);
    }

    /** The keys as the state document stores them, one a line. */
    public String keysText() {
      return String.join("\n", keys);
    }

    /** The keys {@link #keysText()} wrote. */
    public static Set<String> keysOf(String text) {
      return text == null || text.isEmpty() ? Set.of() : Set.of(text.split("\n"));
    }
  }

  /**
   * A stored chunk: its input (ordinal in the file table), the name it was read under, its lines, and
   * how to load its bytes (on the parser thread that reads it again).
   */
  record Chunk(int input, String file, long first, long last, ChunkLoader loader) {
    /** The chunk's lines as read. */
    public RawChunk load() throws IOException {
      return ChunkStore.decode(loader.bytes());
    }
  }

  /** Loads a stored chunk's bytes ({@link ChunkStore#document}'s data field). */
  @FunctionalInterface
  interface ChunkLoader {
    byte[] bytes() throws IOException;
  }
}
