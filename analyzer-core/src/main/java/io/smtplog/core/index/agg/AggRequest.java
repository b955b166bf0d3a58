package io.smtplog.core.index.agg;

import java.util.Map;
import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * One aggregation: the documents of {@code kind} that match {@code filter}, in buckets by the
 * values of the keyword field {@code groupBy} (every bucket, or the {@code limit} most counted,
 * ties by value), each with its document count and {@code metrics}; the same metrics over all of
 * them come with it (the totals). A document without a value of {@code groupBy} is in no bucket,
 * but counts in the totals.
 *
 * @param filter a query parsed by smtplog ({@link io.smtplog.core.index.IndexSearch#parse}); in
 *     Solr the same text as {@code q}
 * @param kind the document kind (a {@code kind} filter)
 * @param limit 0 for every bucket
 * @param sortBy null to rank the buckets by their count; else the name of a {@link Metric.Sum} of
 *     {@code metrics} to rank them by (largest first, then by value): a top list by bytes
 */
public record AggRequest(Query filter, String kind, String groupBy, int limit, String sortBy,
    Map<String, Metric> metrics) {
  public AggRequest {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(groupBy, "groupBy");
    if (limit < 0) {
      throw new IllegalArgumentException("limit " + limit);
    }
    if (sortBy != null && !(metrics.get(sortBy) instanceof Metric.Sum)) {
      throw new IllegalArgumentException("buckets are sorted by a sum of theirs, not by " + sortBy);
    }
    metrics = Map.copyOf(metrics);
  }

  /** Buckets ranked by their count. */
  public AggRequest(Query filter, String kind, String groupBy, int limit, Map<String, Metric> metrics) {
    this(filter, kind, groupBy, limit, null, metrics);
  }
}
