package io.smtplog.core.report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts values (formatted with toString) and lists the most frequent, e.g.
 * "relay.example[192.0.2.1]:25=12;...", in bounded memory: the Space-Saving summary (Metwally,
 * Agrawal, El Abbadi, 2005) with {@value #CAPACITY} slots. Counts are exact while at most that many
 * distinct values were seen; past it, a new value takes the slot of the least counted one and
 * inherits its count, so a listed count may exceed the truth by at most that minimum, and every
 * value more frequent than (total / capacity) is kept. Not thread-safe.
 */
final class TopCounter<K> {
  static final int CAPACITY = 32;
  private final Map<K, Integer> slots = new HashMap<>();
  private final Object[] keys = new Object[CAPACITY];
  private final long[] counts = new long[CAPACITY];
  private int size;

  void add(K value) {
    add(value, 1);
  }

  void add(K value, long count) {
    Integer slot = slots.get(value);
    if (slot != null) {
      counts[slot] += count;
      return;
    }
    int target;
    if (size < CAPACITY) {
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
    slots.put(value, target);
  }

  @SuppressWarnings("unchecked")
  void addAll(TopCounter<K> other) {
    for (int i = 0; i < other.size; i++) {
      add((K) other.keys[i], other.counts[i]);
    }
  }

  /** Up to {@code limit} entries, by count descending then by text ascending. */
  List<Map.Entry<String, Long>> top(int limit) {
    return java.util.stream.IntStream.range(0, size)
        .mapToObj(i -> Map.entry(keys[i].toString(), counts[i]))
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .toList();
  }

  /** "a=3;b=1", the relay report's cell format; "" when empty. */
  String format(int limit) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : top(limit)) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}
