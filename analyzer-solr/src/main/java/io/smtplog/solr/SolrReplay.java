package io.smtplog.solr;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.RawChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.solr.common.SolrDocument;

/**
 * Every line a collection stores, to read again as the local index's {@code replay} does for a
 * report not computed from aggregates (summary, codes): the chunk documents, source by source and
 * in each in reading order, each chunk's bytes fetched by the parser thread that reads it. Lines of
 * several sources are read as one stream, as the logs of several hosts given to one report are.
 * This moves every stored line to the client: the cost of the whole log, not of the buckets.
 */
public final class SolrReplay {
  private SolrReplay() {}

  /**
   * The chunks of every source, to read again ({@link io.smtplog.core.report.ReportRun#fromStoredLines}),
   * listed a page at a time as the report reads them (the first page here: a collection that cannot
   * be read fails now, in one line).
   */
  public static Iterator<LogPipeline.Replay> all(SolrConnection connection) throws IOException {
    Iterator<ChunkPlace> chunks = new ChunkPlaces(connection).everySource();
    try {
      chunks.hasNext();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return chunks.hasNext();
      }

      @Override
      public LogPipeline.Replay next() {
        ChunkPlace c = chunks.next();
        return LogPipeline.Replay.all(() -> load(connection, c));
      }
    };
  }

  private static RawChunk load(SolrConnection connection, ChunkPlace c) {
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
