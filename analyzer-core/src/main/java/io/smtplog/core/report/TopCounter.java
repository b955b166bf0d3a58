package io.smtplog.core.report;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Counts values and lists the most frequent, in bounded memory, never overstating a count: exact
 * while at most twice {@code capacity} distinct values were seen; past that, each time the table is
 * full, only the {@code capacity} most counted values are kept (a primitive sort, amortised over the
 * additions until the next time), so a value dropped and seen again restarts from zero: a listed
 * count is then a lower bound (lossy counting, Manku and Motwani, 2002), and {@link #approximate()}
 * says so. Nothing is allocated until the first value (most domains have no forward-path at all),
 * and a few values need no hash table. Not thread-safe.
 */
final class TopCounter<K> {
  /** Values kept per domain of the relay report. */
  static final int CAPACITY = 32;
  /** Values kept for the totals row, which merges every domain's. */
  static final int TOTALS_CAPACITY = 1024;
  private static final int SCAN = 8;
  private final int capacity;
  private Map<K, Integer> slots;
  private Object[] keys;
  private long[] counts;
  private int size;
  private boolean approximate;

  TopCounter() {
    this(CAPACITY);
  }

  TopCounter(int capacity) {
    this.capacity = capacity;
  }

  void add(K value) {
    add(value, 1);
  }

  void add(K value, long count) {
    int slot = find(value);
    if (slot >= 0) {
      counts[slot] += count;
      return;
    }
    if (keys == null) {
      keys = new Object[4];
      counts = new long[4];
    } else if (size == 2 * capacity) {
      prune();
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, Math.min(2 * capacity, size * 2));
      counts = Arrays.copyOf(counts, keys.length);
    }
    keys[size] = value;
    counts[size] = count;
    if (slots != null) {
      slots.put(value, size);
    } else if (size == SCAN) {
      slots = new HashMap<>(4 * capacity);
      for (int i = 0; i <= size; i++) {
        slots.put(key(i), i);
      }
    }
    size++;
  }

  /** The slot of {@code value}, or -1: a scan while there are few values, the table beyond. */
  private int find(K value) {
    if (slots != null) {
      Integer slot = slots.get(value);
      return slot == null ? -1 : slot;
    }
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(value)) {
        return i;
      }
    }
    return -1;
  }

  /** Keeps the {@code capacity} most counted values (the first met among equals). */
  private void prune() {
    long[] sorted = Arrays.copyOf(counts, size);
    Arrays.sort(sorted);
    long threshold = sorted[size - capacity];
    int room = 0;
    for (int i = 0; i < size; i++) {
      if (counts[i] > threshold) {
        room++;
      }
    }
    room = capacity - room; // values at the threshold that still fit
    int kept = 0;
    for (int i = 0; i < size; i++) {
      boolean keep = counts[i] > threshold || (counts[i] == threshold && room-- > 0);
      if (keep) {
        keys[kept] = keys[i];
        counts[kept] = counts[i];
        kept++;
      }
    }
    Arrays.fill(keys, kept, size, null);
    size = kept;
    slots = new HashMap<>(4 * capacity);
    for (int i = 0; i < size; i++) {
      slots.put(key(i), i);
    }
    approximate = true;
  }

  @SuppressWarnings("unchecked")
  private K key(int i) {
    return (K) keys[i];
  }

  /** Adds every value of {@code other} with its count; its lower bounds stay lower bounds. */
  void addAll(TopCounter<K> other) {
    for (int i = 0; i < other.size; i++) {
      add(other.key(i), other.counts[i]);
    }
    approximate |= other.approximate;
  }

  /** True when values were dropped to bound memory: the counts are then lower bounds. */
  boolean approximate() {
    return approximate;
  }

  /**
   * Up to {@code limit} values, shown as {@code display} writes them, by count descending then by
   * text ascending.
   */
  Map<String, Long> top(int limit, Function<K, String> display) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      entries.add(Map.entry(display.apply(key(i)), counts[i]));
    }
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : entries) {
      if (out.size() == limit) {
        break;
      }
      out.merge(e.getKey(), e.getValue(), Long::sum);
    }
    return out;
  }

  /** Writes one value (a codec's part). */
  interface ValueWriter<K> {
    void write(DataOutput out, K value) throws IOException;
  }

  /** Reads one value. */
  interface ValueReader<K> {
    K read(DataInput in) throws IOException;
  }

  /** Writes the values and counts for {@link #readFrom}. */
  void writeTo(DataOutput out, ValueWriter<K> writer) throws IOException {
    out.writeBoolean(approximate);
    SortedRuns.writeCount(out, size);
    for (int i = 0; i < size; i++) {
      writer.write(out, key(i));
      SortedRuns.writeCount(out, counts[i]);
    }
  }

  /** The counter {@link #writeTo} wrote, with this capacity. */
  static <K> TopCounter<K> readFrom(DataInput in, int capacity, ValueReader<K> reader) throws IOException {
    TopCounter<K> counter = new TopCounter<>(capacity);
    boolean approximate = in.readBoolean();
    long n = SortedRuns.readCount(in);
    for (long i = 0; i < n; i++) {
      counter.add(reader.read(in), SortedRuns.readCount(in));
    }
    counter.approximate |= approximate;
    return counter;
  }
}
