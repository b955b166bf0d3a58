package io.smtplog.core.live;

import io.smtplog.core.outcome.RecipientStatus;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Recipients by outcome per domain, for at most {@code maxDomains} domains; the recipients of later
 * domains count under {@link MetricNames#OTHER_DOMAIN}, so the number of series stays bounded
 * whatever the log holds. Safe for one writing thread and any number of reading threads.
 */
final class DomainCounts {
  private final int maxDomains;
  private final Map<String, LongAdder[]> byDomain = new ConcurrentHashMap<>();

  DomainCounts(int maxDomains) {
    this.maxDomains = maxDomains;
  }

  void add(String domain, RecipientStatus status) {
    LongAdder[] counts = byDomain.get(domain);
    if (counts == null) {
      // Only the follower's thread adds, so the size check cannot be raced past the cap.
      String key = byDomain.size() < maxDomains ? domain : MetricNames.OTHER_DOMAIN;
      counts = byDomain.computeIfAbsent(key, k -> newCounts());
    }
    counts[status.ordinal()].increment();
  }

  /** A copy of the counts, by domain in order, each by {@link RecipientStatus} ordinal. */
  Map<String, long[]> snapshot() {
    Map<String, long[]> copy = new TreeMap<>();
    byDomain.forEach((domain, counts) -> {
      long[] values = new long[counts.length];
      for (int i = 0; i < counts.length; i++) {
        values[i] = counts[i].sum();
      }
      copy.put(domain, values);
    });
    return copy;
  }

  private static LongAdder[] newCounts() {
    LongAdder[] counts = new LongAdder[RecipientStatus.values().length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
    return counts;
  }
}
