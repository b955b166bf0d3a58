package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopOrdinalsTest {

  @Test
  void theLargestCountsFirst_tiesByValueOrder_zerosNever() {
    long[] byOrd = {3, 0, 7, 3, 1, 7, 0, 3};
    assertThat(IndexSearch.topOrdinals(byOrd, 0)).containsExactly(2, 5, 0, 3, 7, 4);
    assertThat(IndexSearch.topOrdinals(byOrd, 4)).containsExactly(2, 5, 0, 3);
    assertThat(IndexSearch.topOrdinals(byOrd, 1)).containsExactly(2);
    assertThat(IndexSearch.topOrdinals(byOrd, 99)).containsExactly(2, 5, 0, 3, 7, 4);
    assertThat(IndexSearch.topOrdinals(new long[] {0, 0}, 5)).isEmpty();
    assertThat(IndexSearch.topOrdinals(new long[0], 0)).isEmpty();
  }

  @Test
  void theTopOfManyValues_isTheTopOfTheWholeSort() {
    long[] byOrd = new long[10_000];
    for (int i = 0; i < byOrd.length; i++) {
      byOrd[i] = (i * 7919L) % 101; // many ties, in no order
    }
    int[] all = IndexSearch.topOrdinals(byOrd, 0);
    int[] top = IndexSearch.topOrdinals(byOrd, 50);
    assertThat(top).containsExactly(java.util.Arrays.copyOf(all, 50));
    for (int i = 1; i < all.length; i++) {
      long a = byOrd[all[i - 1]];
      long b = byOrd[all[i]];
      assertThat(a > b || (a == b && all[i - 1] < all[i])).isTrue();
    }
  }
}
