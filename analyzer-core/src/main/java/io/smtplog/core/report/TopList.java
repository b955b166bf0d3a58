package io.smtplog.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per value, with a sum beside each count (bytes, say) and the largest amount summed, and
 * lists the largest by count or sum, in
 * bounded memory: exact while at most {@value #SLACK} times {@code capacity} distinct values were
 * seen; past that, each time the table is full, the values outside both the {@code capacity}
 * largest counts and the {@code capacity} largest sums are dropped (primitive sorts, amortised over
 * the many additions until the next time), so a value dropped and seen again restarts from zero and
 * may be listed short (lossy counting). Not thread-safe.
 */
final class TopList {
  static final int SLACK = 4;
  static final int COUNT = 0;
  static final int SUM = 1;
  /** The largest single amount added to the sum. */
  static final int MAX = 2;
  private final int capacity;
  private final Map<String, long[]> values = new HashMap<>();
  private boolean pruned;

  TopList(int capacity) {
    this.capacity = capacity;
  }

  void add(String key, long count) {
    add(key, count, 0);
  }

  void add(String key, long count, long sum) {
    long[] v = values.get(key);
    if (v == null) {
      if (values.size() >= SLACK * capacity) {
        prune();
      }
      values.put(key, new long[] {count, sum, sum});
    } else {
      v[COUNT] += count;
      v[SUM] += sum;
      v[MAX] = Math.max(v[MAX], sum);
    }
  }

  /**
   * Adds a value's figures counted elsewhere (aggregates over the index: SummaryAggregates): its
   * count, sum, and the largest single amount in the sum.
   */
  void add(String key, long count, long sum, long max) {
    add(key, count, sum);
    long[] v = values.get(key);
    if (v != null) {
      v[MAX] = max;
    }
  }

  long get(String key, int column) {
    long[] v = values.get(key);
    return v == null ? 0 : v[column];
  }

  /** How many values are held now. */
  int size() {
    return values.size();
  }

  /** True when values were dropped to bound memory (the counts are then lower bounds). */
  boolean approximate() {
    return pruned;
  }

  /** The largest by count, descending, then by key; at most {@code limit} (0 = all kept). */
  List<Map.Entry<String, Long>> top(int limit) {
    return top(limit, COUNT);
  }

  /** The largest by {@link #COUNT} or {@link #SUM}, descending, then by key; at most {@code limit} (0 = all). */
  List<Map.Entry<String, Long>> top(int limit, int column) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(values.size());
    values.forEach((k, v) -> entries.add(Map.entry(k, v[column])));
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    return limit > 0 && entries.size() > limit ? entries.subList(0, limit) : entries;
  }

  private void prune() {
    long countThreshold = threshold(COUNT);
    long sumThreshold = threshold(SUM);
    // Keep what is above either threshold, and values at a threshold while there is room (the ones
    // met first): many values seen once must not keep the table full.
    int[] room = {capacity};
    values.values().removeIf(v -> {
      if (v[COUNT] > countThreshold || v[SUM] > sumThreshold) {
        return false;
      }
      boolean tie = v[COUNT] == countThreshold || (sumThreshold > 0 && v[SUM] == sumThreshold);
      return !tie || room[0]-- <= 0;
    });
    pruned = true;
  }

  /** The capacity-th largest value of a column. */
  private long threshold(int column) {
    long[] all = new long[values.size()];
    int i = 0;
    for (long[] v : values.values()) {
      all[i++] = v[column];
    }
    return select(all, all.length - capacity);
  }

  /**
   * The value that would be at {@code k} if {@code a} were sorted ascending: Hoare's selection,
   * linear on average, where a sort was most of the time spent pruning. Reorders {@code a}.
   */
  static long select(long[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      long pivot = median(a[lo], a[lo + (hi - lo) / 2], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
