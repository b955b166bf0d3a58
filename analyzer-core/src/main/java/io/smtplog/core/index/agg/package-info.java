/**
 * Aggregates over index documents, in a form any backend computes exactly: a filter and a document
 * kind, buckets by a keyword field, and per bucket counts, sums, minima and maxima, counts under a
 * sub-query and nested term counts ({@link io.smtplog.core.index.agg.AggRequest}). Each maps onto
 * one request of Solr's JSON Facet API (a terms facet with {@code sum}, {@code min}, {@code max},
 * query facets and nested terms facets, {@code limit:-1}), which merges shards exactly; nothing
 * here estimates (no t-digest), but a {@link io.smtplog.core.index.agg.Metric.Distinct} count past
 * 65,536 values, as the summary's own distinct counts do. A top list is exact too (see Solr's
 * aggregator). {@link io.smtplog.core.index.agg.LuceneAggregator} runs them over a local index.
 */
package io.smtplog.core.index.agg;
