package io.smtplog.core.index.agg;

import java.io.IOException;
import java.util.Map;

/**
 * A backend's aggregations over the documents a report's query selected (the filter is bound
 * when the backend makes it: the local index's {@link io.smtplog.core.index.IndexSearch#aggregations},
 * Solr's the same query as {@code q}): what a report computes from aggregates asks only this.
 */
@FunctionalInterface
public interface Aggregations {
  /**
   * The buckets of the documents of {@code kind} by {@code groupBy}, with {@code metrics}: every one
   * ({@code limit} 0), or the {@code limit} largest by their count ({@code sortBy} null) or by the
   * {@link Metric.Sum} named {@code sortBy}, then by value (see {@link AggRequest}).
   */
  AggResult run(String kind, String groupBy, int limit, String sortBy, Map<String, Metric> metrics) throws IOException;

  /** Every bucket of the documents of {@code kind} by {@code groupBy}, with {@code metrics}. */
  default AggResult run(String kind, String groupBy, Map<String, Metric> metrics) throws IOException {
    return run(kind, groupBy, 0, null, metrics);
  }
}
