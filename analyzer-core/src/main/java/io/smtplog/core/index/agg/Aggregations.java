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
  /** Every bucket of the documents of {@code kind} by {@code groupBy}, with {@code metrics}. */
  AggResult run(String kind, String groupBy, Map<String, Metric> metrics) throws IOException;
}
