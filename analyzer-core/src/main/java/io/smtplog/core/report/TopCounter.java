package io.smtplog.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Counts values and lists the most frequent, in bounded memory: the Space-Saving summary (Metwally,
 * Agrawal, El Abbadi, 2005) with {@value #CAPACITY} slots. Counts are exact while at most that many
 * distinct values were seen; past it, a new value takes the slot of the least counted one and
 * inherits its count, so a listed count may exceed the truth by at most that minimum, and every
 * value more frequent than (total / capacity) is kept. Nothing is allocated until the first value
 * (most domains have no forward-path at all), and a single value needs no table. Not thread-safe.
 */
final class TopCounter<K> {
  static final int CAPACITY = 32;
  private Map<K, Integer> slots;
  private Object[] keys;
  private long[] counts;
  private int size;

  void add(K value) {
    add(value, 1);
  }

  void add(K value, long count) {
    if (keys == null) {
      keys = new Object[4];
      counts = new long[4];
    }
    int slot = find(value);
    if (slot >= 0) {
      counts[slot] += count;
      return;
    }
    int target;
    if (size < CAPACITY) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, Math.min(CAPACITY, size * 2));
        counts = Arrays.copyOf(counts, keys.length);
      }
      target = size++;
    } else {
      // Full: the least counted value (the first of equals) hands its slot and count on.
      target = 0;
      for (int i = 1; i < CAPACITY; i++) {
        if (counts[i] < counts[target]) {
          target = i;
        }
      }
      slots.remove(keys[target]);
    }
    keys[target] = value;
    counts[target] += count;
    if (slots == null && size > 4) {
      slots = new HashMap<>(CAPACITY * 2);
      for (int i = 0; i < size; i++) {
        slots.put(key(i), i);
      }
    } else if (slots != null) {
      slots.put(value, target);
    }
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

  @SuppressWarnings("unchecked")
  private K key(int i) {
    return (K) keys[i];
  }

  void addAll(TopCounter<K> other) {
    for (int i = 0; i < other.size; i++) {
      add(other.key(i), other.counts[i]);
    }
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
}
