package io.smtplog.solr;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.LineRefs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * The stored chunks of a source, found by what is wanted instead of listed whole into memory (a
 * source holds one chunk per megabyte of its logs, millions over years): the chunk of an event's
 * line, the file of an input, the chunks holding some lines, and every chunk in reading order, a
 * page at a time (a cursor). What the Solr views and the store read stored lines with.
 */
final class ChunkPlaces {
  /** Chunk places per request. */
  static final int PAGE = 500;

  private final SolrConnection connection;
  private final int page;

  ChunkPlaces(SolrConnection connection) {
    this(connection, PAGE);
  }

  /** @param page chunk places per request (a test's few chunks take several pages) */
  ChunkPlaces(SolrConnection connection, int page) {
    this.connection = connection;
    this.page = page;
  }

  /** The chunks of {@code source}, in reading order, with the fields of a {@link ChunkPlace}. */
  static SolrQuery of(String source) {
    return new SolrQuery("*:*").addFilterQuery(IndexFields.KIND + ":" + IndexFields.CHUNK)
        .addFilterQuery(SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source))
        .setFields(ChunkPlace.FIELDS)
        .setSort(IndexFields.SEQ, SolrQuery.ORDER.asc).addSort(SolrSchema.ID, SolrQuery.ORDER.asc);
  }

  /**
   * The chunks of {@code source} that may hold one of {@code refs} (sorted): for each input among
   * them, those whose lines overlap the span of its lines (keep those that {@link ChunkPlace#holdsAny}).
   */
  static SolrQuery holding(String source, long[] refs) {
    Map<Integer, long[]> spans = new TreeMap<>();
    for (long ref : refs) {
      spans.merge(LineRefs.input(ref), new long[] {LineRefs.line(ref), LineRefs.line(ref)},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    StringBuilder q = new StringBuilder();
    spans.forEach((input, span) -> q.append(q.isEmpty() ? "" : " OR ").append("(+").append(IndexFields.INPUT)
        .append(':').append(input).append(" +").append(IndexFields.CHUNK_FIRST).append(":[* TO ").append(span[1])
        .append("] +").append(IndexFields.CHUNK_LAST).append(":[").append(span[0]).append(" TO *])"));
    return of(source).addFilterQuery(q.isEmpty() ? SolrQueries.NOTHING : q.toString());
  }

  /**
   * An event's own line ({@code file} and {@code line} among its shown values) as a reference: by
   * the first chunk of {@code source} read under that file name holding that line (as
   * IndexSearch#lineOf); empty when none does.
   */
  Optional<Long> lineOf(String source, Map<String, Object> values) throws IOException {
    Object file = values.get(IndexFields.FILE);
    Object line = values.get(IndexFields.LINE);
    if (file == null || !(line instanceof Number n)) {
      return Optional.empty();
    }
    SolrQuery q = of(source).setRows(1)
        .addFilterQuery(IndexFields.CHUNK_FILE + ":" + ClientUtils.escapeQueryChars(file.toString()))
        .addFilterQuery(IndexFields.CHUNK_FIRST + ":[* TO " + n.longValue() + "]")
        .addFilterQuery(IndexFields.CHUNK_LAST + ":[" + n.longValue() + " TO *]");
    List<SolrDocument> found = send(q, "finding the line of an event").getResults();
    return found.isEmpty() ? Optional.empty() : Optional.of(LineRefs.pack(ChunkPlace.of(found.get(0)).input(),
        n.longValue()));
  }

  /** The name the file of {@code input} (in the file table of {@code source}) was read under; empty when it has no chunk. */
  Optional<String> fileOf(String source, int input) throws IOException {
    SolrQuery q = of(source).setRows(1).addFilterQuery(IndexFields.INPUT + ":" + input);
    List<SolrDocument> found = send(q, "reading the file table").getResults();
    return found.isEmpty() ? Optional.empty() : Optional.of(ChunkPlace.of(found.get(0)).file());
  }

  /** The chunks of {@code source} holding one of {@code refs} (sorted), in reading order. */
  List<ChunkPlace> holdingAny(String source, long[] refs) throws IOException {
    List<ChunkPlace> out = new ArrayList<>();
    if (refs.length == 0) {
      return out;
    }
    Iterator<ChunkPlace> all = pages(holding(source, refs));
    try {
      all.forEachRemaining(c -> {
        if (c.holdsAny(refs)) {
          out.add(c);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /**
   * Every chunk of {@code source} in reading order, read a page at a time as the iterator goes; a
   * failed request is an {@link UncheckedIOException} (as a chunk that cannot be loaded).
   */
  Iterator<ChunkPlace> all(String source) {
    return pages(of(source));
  }

  /**
   * Every chunk of the collection, source by source (by name) and in each in reading order, read a
   * page at a time as the iterator goes (a failed request: {@link UncheckedIOException}).
   */
  Iterator<ChunkPlace> everySource() {
    return pages(new SolrQuery("*:*").addFilterQuery(IndexFields.KIND + ":" + IndexFields.CHUNK)
        .setFields(ChunkPlace.FIELDS).setSort(SolrSchema.SOURCE, SolrQuery.ORDER.asc)
        .addSort(IndexFields.SEQ, SolrQuery.ORDER.asc).addSort(SolrSchema.ID, SolrQuery.ORDER.asc));
  }

  private Iterator<ChunkPlace> pages(SolrQuery query) {
    SolrQuery q = query.getCopy().setRows(page);
    return new Iterator<>() {
      private final Deque<ChunkPlace> read = new ArrayDeque<>();
      private String cursor = CursorMarkParams.CURSOR_MARK_START;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (read.isEmpty() && !done) {
          q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
          QueryResponse response;
          try {
            response = send(q, "listing the stored lines");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          response.getResults().forEach(d -> read.add(ChunkPlace.of(d)));
          String next = response.getNextCursorMark();
          done = next == null || next.equals(cursor);
          cursor = next;
        }
        return !read.isEmpty();
      }

      @Override
      public ChunkPlace next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return read.poll();
      }
    };
  }

  private QueryResponse send(SolrQuery q, String doing) throws IOException {
    return CursorPages.send(connection, q, doing);
  }
}
