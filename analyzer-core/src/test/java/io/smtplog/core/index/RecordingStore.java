package io.smtplog.core.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * An {@link IndexStore} that keeps what it is given: each document in a comparable form (its fields
 * as name=value, sorted, without the ingest order {@code _seq}) and as it came ({@link #received},
 * the documents the local index gets, for another store's tests to convert), and the last commit.
 * For tests of what LogIndexer writes, whatever the store; written once (one run, no stored lines).
 */
public final class RecordingStore implements IndexStore {
  final List<String> documents = Collections.synchronizedList(new ArrayList<>());
  private final List<org.apache.lucene.document.Document> received = Collections.synchronizedList(new ArrayList<>());
  Map<String, String> committed = new HashMap<>();
  OpenStories open = OpenStories.NONE;
  int commits;

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
    return !documents.isEmpty();
  }

  @Override
  public OpenStories openStories() {
    return open;
  }

  @Override
  public void deleteStories(Set<String> keys) {
    if (!keys.isEmpty() || commits > 0) {
      throw new UnsupportedOperationException("a recording store is written once");
    }
  }

  @Override
  public List<Chunk> chunksOf(long[] refs) {
    return List.of();
  }

  @Override
  public void add(org.apache.lucene.document.Document document) {
    received.add(document);
    List<String> fields = new ArrayList<>();
    for (IndexableField f : document.getFields()) {
      if (f.name().equals(IndexFields.SEQ)) {
        continue;
      }
      BytesRef b = f.binaryValue();
      Object v = f.stringValue() != null ? f.stringValue() : f.numericValue() != null ? f.numericValue()
          : b == null ? null : java.util.HexFormat.of().formatHex(b.bytes, b.offset, b.length);
      fields.add(f.name() + "=" + v);
    }
    Collections.sort(fields);
    documents.add(String.join("\n", fields));
  }

  @Override
  public void commit(OpenStories open, Map<String, String> state) {
    this.open = open;
    this.committed = new HashMap<>(state);
    commits++;
  }

  @Override
  public void close() {}

  /** The documents as they came, in the order they came. */
  public List<org.apache.lucene.document.Document> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The documents, sorted: a multiset to compare. */
  List<String> sorted() {
    List<String> copy = new ArrayList<>(documents);
    Collections.sort(copy);
    return copy;
  }
}
