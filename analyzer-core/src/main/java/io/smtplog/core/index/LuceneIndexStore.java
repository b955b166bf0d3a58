package io.smtplog.core.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * The local index as an ingest's store: a Lucene index in a folder, its state in the commit's user
 * data and in the state document. One writer at a time (Lucene's write lock).
 */
final class LuceneIndexStore implements IndexStore {
  private final Path dir;
  private final Directory directory;
  private final IndexWriter writer;

  private LuceneIndexStore(Path dir, Directory directory, IndexWriter writer) {
    this.dir = dir;
    this.directory = directory;
    this.writer = writer;
  }

  /** Opens (or creates) the index at {@code dir} for writing; another writer holding it is refused. */
  static LuceneIndexStore open(Path dir) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(IndexAnalyzers.perField())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64)
        // Stored values (what a hit shows, the lines) compressed with deflate rather than LZ4: a
        // sixth smaller index for no measurable ingest time (bench/run-index-bench.sh).
        .setCodec(new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION))
        .setCommitOnClose(false)
        .setMergeScheduler(new QuietMerges());
    // Read with positional reads, not memory maps: merges read every segment, and mapped pages count
    // in the process's resident memory (an ingest of five million lines peaked 40 MB higher).
    Directory directory = new NIOFSDirectory(dir);
    try {
      return new LuceneIndexStore(dir, directory, new IndexWriter(directory, config));
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new LogIndexer.LockedException(dir.resolve(IndexWriter.WRITE_LOCK_NAME), e);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  @Override
  public String describe() {
    return "the index at " + dir;
  }

  @Override
  public Map<String, String> committed() {
    Map<String, String> data = new HashMap<>();
    writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
    return data;
  }

  @Override
  public boolean hasDocuments() {
    return writer.getDocStats().numDocs > 0;
  }

  @Override
  public OpenStories openStories() throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      return IndexSearch.openStories(reader);
    }
  }

  @Override
  public void deleteStories(Set<String> keys) throws IOException {
    writer.deleteDocuments(new Term(IndexFields.PROVISIONAL, IndexFields.TRUE));
    if (!keys.isEmpty()) {
      writer.deleteDocuments(keys.stream().map(IndexDocuments::storyQuery).toArray(Query[]::new));
    }
  }

  @Override
  public List<Chunk> chunksOf(long[] refs) throws IOException {
    // A reader of this moment: the chunks it loads later are read through it, so it stays open
    // until the ingest ends (the replay reads them on the parser threads).
    DirectoryReader reader = DirectoryReader.open(writer);
    readers.add(reader);
    return IndexSearch.storedChunksOf(reader, refs);
  }

  private final List<DirectoryReader> readers = new java.util.ArrayList<>();

  @Override
  public void add(Document document) throws IOException {
    writer.addDocument(document);
  }

  @Override
  public void commit(OpenStories open, Map<String, String> state) throws IOException {
    Document doc = new Document();
    doc.add(new KeywordField(IndexFields.KIND, IndexFields.STATE, Field.Store.NO));
    doc.add(new StoredField(IndexFields.OPEN, LineRefs.encode(open.lines())));
    doc.add(new StoredField(IndexFields.OPEN_KEYS, open.keysText()));
    writer.updateDocument(new Term(IndexFields.KIND, IndexFields.STATE), doc);
    writer.setLiveCommitData(state.entrySet());
    writer.commit();
  }

  @Override
  public void close() throws IOException {
    try {
      org.apache.lucene.util.IOUtils.close(readers);
    } finally {
      org.apache.lucene.util.IOUtils.close(writer, directory);
    }
  }
}
