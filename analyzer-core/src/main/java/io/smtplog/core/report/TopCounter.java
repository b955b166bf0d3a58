package io.smtplog.core.report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts values (formatted with toString) and lists the most frequent, e.g. "relay.example[192.0.2.1]:25=12;...". Keeps at
 * most {@value #MAX_KEYS} distinct values, so memory stays bounded; values first seen after that
 * are not counted. Not thread-safe.
 */
final class TopCounter<K> {
  static final int MAX_KEYS = 2000;
  private final Map<K, Long> counts = new HashMap<>();

  void add(K value) {
    add(value, 1);
  }

  void add(K value, long count) {
    Long current = counts.get(value);
    if (current != null) {
      counts.put(value, current + count);
    } else if (counts.size() < MAX_KEYS) {
      counts.put(value, count);
    }
  }

  void addAll(TopCounter<K> other) {
    other.counts.forEach(this::add);
  }

  /** Up to {@code limit} entries, by count descending then by text ascending. */
  List<Map.Entry<String, Long>> top(int limit) {
    return counts.entrySet().stream()
        .map(e -> Map.entry(e.getKey().toString(), e.getValue()))
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
