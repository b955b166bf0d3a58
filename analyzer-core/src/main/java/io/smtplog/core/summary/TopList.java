package io.smtplog.core.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts (or sums) per value and lists the largest, in bounded memory: exact while at most twice
 * {@code capacity} distinct values were seen; past that, each time the table is full the values
 * below the {@code capacity} largest are dropped, so a rare value seen late may be listed short
 * (lossy counting). Not thread-safe.
 */
final class TopList {
  private final int capacity;
  private final Map<String, long[]> values = new HashMap<>();
  private boolean pruned;

  TopList(int capacity) {
    this.capacity = capacity;
  }

  void add(String key, long weight) {
    long[] v = values.get(key);
    if (v == null) {
      if (values.size() >= 2 * capacity) {
        prune();
      }
      values.put(key, new long[] {weight});
    } else {
      v[0] += weight;
    }
  }

  long get(String key) {
    long[] v = values.get(key);
    return v == null ? 0 : v[0];
  }

  /** True when values were dropped to bound memory (the counts are then lower bounds). */
  boolean approximate() {
    return pruned;
  }

  /** The largest, by value descending then key; at most {@code limit} (0 = all kept). */
  List<Map.Entry<String, Long>> top(int limit) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(values.size());
    values.forEach((k, v) -> entries.add(Map.entry(k, v[0])));
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    return limit > 0 && entries.size() > limit ? entries.subList(0, limit) : entries;
  }

  private void prune() {
    List<Map.Entry<String, Long>> keep = top(capacity);
    values.clear();
    keep.forEach(e -> values.put(e.getKey(), new long[] {e.getValue()}));
    pruned = true;
  }
}
