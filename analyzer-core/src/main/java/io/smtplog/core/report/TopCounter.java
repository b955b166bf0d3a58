package io.smtplog.core.report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
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
  private final Map<K, long[]> counts = new HashMap<>();

  void add(K value) {
    add(value, 1);
  }

  void add(K value, long count) {
    long[] current = counts.get(value);
    if (current != null) {
      current[0] += count;
      return;
    }
    if (counts.size() < CAPACITY) {
      counts.put(value, new long[] {count});
      return;
    }
    // Full: replace the least counted value (ties: any), which hands its count on.
    Iterator<Map.Entry<K, long[]>> it = counts.entrySet().iterator();
    Map.Entry<K, long[]> min = it.next();
    while (it.hasNext()) {
      Map.Entry<K, long[]> e = it.next();
      if (e.getValue()[0] < min.getValue()[0]) {
        min = e;
      }
    }
    long inherited = min.getValue()[0];
    counts.remove(min.getKey());
    counts.put(value, new long[] {inherited + count});
  }

  void addAll(TopCounter<K> other) {
    other.counts.forEach((k, v) -> add(k, v[0]));
  }

  /** Up to {@code limit} entries, by count descending then by text ascending. */
  List<Map.Entry<String, Long>> top(int limit) {
    return counts.entrySet().stream()
        .map(e -> Map.entry(e.getKey().toString(), e.getValue()[0]))
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
