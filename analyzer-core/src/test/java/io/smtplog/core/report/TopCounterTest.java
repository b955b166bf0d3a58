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
    // Space-Saving may overestimate by at most the smallest kept count, never underestimate.
    assertThat(top.getValue()).isGreaterThanOrEqualTo(1000);
  }
}
