package io.smtplog.core.index.agg;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link AggRequest} gave: its buckets in its order (most counted first, or largest sum), then by key, and the totals
 * (every document the filter matched). Plain data.
 */
public record AggResult(List<Bucket> buckets, Bucket totals) {
  public AggResult {
    buckets = List.copyOf(buckets);
    Objects.requireNonNull(totals, "totals");
  }

  /**
   * A bucket: its key (the grouped value; the metric's name for a {@link Metric.Where}, empty for
   * the totals), how many documents, and each metric's value by name: a {@code Long} (null for the
   * {@link Metric.Min} or {@link Metric.Max} of no value), a nested {@code Bucket} for a
   * {@link Metric.Where}, a {@link DelayCounts} for {@link Metric.Delays}, a {@code Long} for a
   * {@link Metric.Distinct}, and for {@link Metric.Terms} a map of value ({@code String},
   * {@code Long} or {@code Double}) to count, in order; a {@code String} (or null) for a
   * {@link Metric.First}.
   */
  public record Bucket(String key, long count, Map<String, Object> values) {
    public Bucket {
      Objects.requireNonNull(key, "key");
      values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** A {@link Metric.Sum}. */
    public long sum(String name) {
      Object v = values.get(name);
      return v == null ? 0 : (Long) v;
    }

    /** A {@link Metric.Min} or {@link Metric.Max}: null when no document had the field. */
    public Long extreme(String name) {
      return (Long) values.get(name);
    }

    /** A {@link Metric.First}: null when no document had it. */
    public String first(String name) {
      return (String) values.get(name);
    }

    /** A {@link Metric.Where}. */
    public Bucket where(String name) {
      return (Bucket) values.get(name);
    }

    /** A {@link Metric.Delays}. */
    public DelayCounts delays(String name) {
      return (DelayCounts) values.get(name);
    }

    /** A {@link Metric.Distinct}. */
    public long distinct(String name) {
      Object v = values.get(name);
      return v == null ? 0 : (Long) v;
    }

    /** A {@link Metric.Terms}: value to count, most counted first. */
    @SuppressWarnings("unchecked")
    public Map<Object, Long> terms(String name) {
      return (Map<Object, Long>) values.get(name);
    }
  }
}
