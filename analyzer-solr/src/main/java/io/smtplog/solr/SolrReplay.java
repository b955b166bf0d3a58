package io.smtplog.solr;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.RawChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Every line a collection stores, to read again as the local index's {@code replay} does for a
 * report not computed from aggregates (summary, codes): the chunk documents, source by source and
 * in each in reading order, each chunk's bytes fetched by the parser thread that reads it. Lines of
 * several sources are read as one stream, as the logs of several hosts given to one report are.
 * This moves every stored line to the client: the cost of the whole log, not of the buckets.
 */
public final class SolrReplay {
  private static final int PAGE = 1000;

  private SolrReplay() {}

  /** A stored chunk: its document's id, and where its lines are. */
  private record Stored(String id, int input, String file, long first, long last) {}

  /** The chunks of every source, to read again ({@link io.smtplog.core.report.ReportRun#fromStoredLines}). */
  public static Iterator<LogPipeline.Replay> all(SolrConnection connection) throws IOException {
    List<Stored> chunks = new ArrayList<>();
    SolrQuery q = new SolrQuery(IndexFields.KIND + ":" + IndexFields.CHUNK)
        .setFields(SolrSchema.ID, IndexFields.INPUT, IndexFields.CHUNK_FILE, IndexFields.CHUNK_FIRST, IndexFields.CHUNK_LAST)
        .setRows(PAGE).setSort(SolrSchema.SOURCE, SolrQuery.ORDER.asc).addSort(IndexFields.SEQ, SolrQuery.ORDER.asc)
        .addSort(SolrSchema.ID, SolrQuery.ORDER.asc);
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse response;
      try {
        response = connection.client().query(q);
      } catch (Exception e) {
        throw connection.explain(e, "listing the stored lines");
      }
      for (SolrDocument d : response.getResults()) {
        chunks.add(new Stored(String.valueOf(d.getFirstValue(SolrSchema.ID)), ((Number) d.getFirstValue(IndexFields.INPUT)).intValue(),
            String.valueOf(d.getFirstValue(IndexFields.CHUNK_FILE)), ((Number) d.getFirstValue(IndexFields.CHUNK_FIRST)).longValue(),
            ((Number) d.getFirstValue(IndexFields.CHUNK_LAST)).longValue()));
      }
      String next = response.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        break;
      }
      cursor = next;
    }
    return chunks.stream().map(c -> LogPipeline.Replay.all(() -> load(connection, c))).iterator();
  }

  private static RawChunk load(SolrConnection connection, Stored c) {
    try {
      return new IndexStore.Chunk(c.input(), c.file(), c.first(), c.last(), () -> bytes(connection, c.id())).load();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(SolrConnection connection, String id) throws IOException {
    SolrDocument d;
    try {
      d = connection.client().getById(id);
    } catch (Exception e) {
      throw connection.explain(e, "reading the stored lines");
    }
    Object data = d == null ? null : d.getFirstValue(IndexFields.CHUNK_DATA);
    if (data == null) {
      throw new IOException("a stored chunk of " + connection.target() + " is missing (id " + id + ")");
    }
    return (byte[]) data;
  }
}
