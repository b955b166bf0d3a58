package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopCounterTest {
  @Test
  void exactWhileDistinctValuesFit_orderedByCountThenText() {
    TopCounter<String> c = new TopCounter<>();
    c.add("b@x");
    c.add("a@x");
    c.add("b@x");
    c.add("c@x", 2);
    assertThat(c.format(5)).isEqualTo("b@x=2;c@x=2;a@x=1");
    assertThat(c.format(1)).isEqualTo("b@x=2");
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
    assertThat(c.top(1).get(0).getKey()).isEqualTo("mx.example.org[192.0.2.1]:25");
    // Space-Saving may overestimate by at most the smallest kept count, never underestimate.
    assertThat(c.top(1).get(0).getValue()).isGreaterThanOrEqualTo(1000);
  }
}
