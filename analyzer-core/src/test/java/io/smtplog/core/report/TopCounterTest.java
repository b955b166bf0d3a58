package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopCounterTest {
  @Test
  void exactWhileDistinctValuesFit_orderedByCountThenText() {
    TopCounter<String> c = new TopCounter<>();
    c.add("b@x");
    c.add("a@x");
    c.add("b@x");
    c.add("c@x", 2);
    assertThat(c.top(5, v -> v)).containsExactly(Map.entry("b@x", 2L), Map.entry("c@x", 2L), Map.entry("a@x", 1L));
    assertThat(c.top(1, v -> v)).containsExactly(Map.entry("b@x", 2L));
  }

  @Test
  void heavyHitter_survivesAStreamOfDistinctValues() {
    TopCounter<String> c = new TopCounter<>();
    for (int i = 0; i < 10_000; i++) {
      c.add("once-" + i);
      if (i % 10 == 0) {
        c.add("mx.example.org[192.0.2.1]:25");
      }
    }
    Map.Entry<String, Long> top = c.top(1, v -> v).entrySet().iterator().next();
    assertThat(top.getKey()).isEqualTo("mx.example.org[192.0.2.1]:25");
    assertThat(top.getValue()).isEqualTo(1000);
    assertThat(c.approximate()).isTrue();
  }

  @Test
  void pastItsCapacity_aCountIsNeverMoreThanTheTruth() {
    // Forward-paths seen once each: after the table overflowed, none may show a count it inherited.
    TopCounter<String> c = new TopCounter<>();
    for (int i = 0; i < 5_000; i++) {
      c.add("fwd" + i + "@example.net");
    }
    assertThat(c.top(TopCounter.CAPACITY, v -> v).values()).hasSize(TopCounter.CAPACITY).allMatch(n -> n == 1L);
    // Merged into a larger table (the totals row), exact while it holds every value.
    TopCounter<String> totals = new TopCounter<>(TopCounter.TOTALS_CAPACITY);
    TopCounter<String> a = new TopCounter<>();
    TopCounter<String> b = new TopCounter<>();
    a.add("x@example.org", 3);
    b.add("x@example.org", 2);
    b.add("y@example.org");
    totals.addAll(a);
    totals.addAll(b);
    assertThat(totals.top(5, v -> v)).containsExactly(Map.entry("x@example.org", 5L), Map.entry("y@example.org", 1L));
    assertThat(totals.approximate()).isFalse();
    totals.addAll(c);
    assertThat(totals.approximate()).isTrue();
  }
}
