package io.smtplog.solr;

import java.io.IOException;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Every document of a query, read a page at a time with a cursor (Solr's deep paging: the query
 * sorted, its unique key last), so no answer holds more than a page. What the Solr views read many
 * documents with.
 */
final class CursorPages {
  private CursorPages() {}

  /** What is done with each document read. */
  @FunctionalInterface
  interface DocumentConsumer {
    void accept(SolrDocument d) throws IOException;
  }

  /** One request of a view, POSTed (long parameters); a failure is one line saying what it was {@code doing}. */
  static QueryResponse send(SolrConnection connection, SolrQuery q, String doing) throws IOException {
    try {
      return new QueryRequest(q, SolrRequest.METHOD.POST).process(connection.client(), connection.collection());
    } catch (Exception e) {
      throw connection.explain(e, doing);
    }
  }

  /**
   * Every document of {@code q} (sorted, the id last; its rows the page size) to {@code each}; the
   * number found. Reads none when more than {@code max} match.
   */
  static long forEach(SolrConnection connection, SolrQuery q, String doing, long max, DocumentConsumer each)
      throws IOException {
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse response = send(connection, q, doing);
      long found = response.getResults().getNumFound();
      if (found > max) {
        return found;
      }
      for (SolrDocument d : response.getResults()) {
        each.accept(d);
      }
      String next = response.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return found;
      }
      cursor = next;
    }
  }
}
