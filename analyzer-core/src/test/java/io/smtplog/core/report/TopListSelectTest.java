package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopListSelectTest {
  @Test
  void select_findsTheValueASortWouldPutThere_withManyEqualValues() {
    Random random = new Random(9);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(2000);
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        // Counts as a top list holds them: mostly ones and twos, a few large.
        a[i] = random.nextInt(10) < 8 ? 1 + random.nextInt(2) : random.nextInt(100_000);
      }
      long[] sorted = a.clone();
      Arrays.sort(sorted);
      int k = random.nextInt(n);
      assertThat(TopList.select(a.clone(), k)).as("n=%d k=%d", n, k).isEqualTo(sorted[k]);
    }
  }
}
