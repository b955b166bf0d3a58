package io.smtplog.solr;

import io.smtplog.core.index.IndexStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;

/**
 * An ingest's store that keeps what it is given: the documents LogIndexer builds for any store (the
 * local index receives these), for comparison with what a collection holds. One run only: it has no
 * stored lines to take open stories up from.
 */
final class RecordingStore implements IndexStore {
  private final List<Document> documents = new ArrayList<>();
  private Map<String, String> committed = new HashMap<>();

  @Override
  public String describe() {
    return "a recording store";
  }

  @Override
  public Map<String, String> committed() {
    return new HashMap<>(committed);
  }

  @Override
  public boolean hasDocuments() {
    synchronized (documents) {
      return !documents.isEmpty();
    }
  }

  @Override
  public OpenStories openStories() {
    return OpenStories.NONE;
  }

  @Override
  public void deleteStories(Set<String> keys) {
    if (!keys.isEmpty()) {
      throw new UnsupportedOperationException("a recording store has no stories to take up");
    }
  }

  @Override
  public List<Chunk> chunksOf(long[] refs) {
    throw new UnsupportedOperationException("a recording store keeps no lines");
  }

  @Override
  public void add(Document document) {
    synchronized (documents) {
      documents.add(document);
    }
  }

  @Override
  public void commit(OpenStories open, Map<String, String> state) {
    committed = new HashMap<>(state);
  }

  @Override
  public void close() {}

  /** The documents received, as a collection would take them from {@code source}. */
  List<org.apache.solr.common.SolrInputDocument> converted(String source) {
    SolrDocuments converter = new SolrDocuments(source);
    Repeats repeats = new Repeats();
    synchronized (documents) {
      return documents.stream().map(converter::convert).peek(d -> d.setField(SolrSchema.ID,
          repeats.id(d.getFieldValue(SolrSchema.ID).toString()))).toList();
    }
  }
}
