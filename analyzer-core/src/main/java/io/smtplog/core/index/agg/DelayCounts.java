package io.smtplog.core.index.agg;

import java.util.Map;

/**
 * What a {@link Metric.Delays} gave for a bucket: how many delays it counts (those a sketch takes:
 * not negative), their greatest (0 when none), each distinct delay and how many times it occurs
 * while there are at most {@link DelayBuckets#EXACT_LIMIT} of them (empty past that), and how many
 * fall in each {@link DelayBuckets} bucket ({@link DelayBuckets#UNDER_10_MS} included). Plain data.
 */
public record DelayCounts(long count, double max, Map<Double, Long> values, Map<Integer, Long> buckets) {
  public DelayCounts {
    values = Map.copyOf(values);
    buckets = Map.copyOf(buckets);
  }

  /** True when {@link #values} holds every delay. */
  public boolean exact() {
    return count <= DelayBuckets.EXACT_LIMIT;
  }
}
