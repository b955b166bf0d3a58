package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.smtplog.core.classify.Normalizer;
import org.junit.jupiter.api.Test;

/** The bounded tables behind the summary: distinct counts and top lists. */
class BoundedCountersTest {
  @Test
  void distinctCount_isExactUpToItsBound_thenWithinOnePercent() {
    DistinctCount count = new DistinctCount();
    for (int i = 0; i < DistinctCount.EXACT; i++) {
      count.add("user" + i + "@example.com");
      count.add("user" + i + "@example.com"); // twice: counted once
    }
    assertThat(count.exact()).isTrue();
    assertThat(count.count()).isEqualTo(DistinctCount.EXACT);
    for (int i = DistinctCount.EXACT; i < 1_000_000; i++) {
      count.add("user" + i + "@example.com");
    }
    assertThat(count.exact()).isFalse();
    assertThat((double) count.count()).isCloseTo(1_000_000, within(15_000.0));
  }

  @Test
  void topList_isExactWhileItHolds_andKeepsTheLargestWhenItMustDrop() {
    TopList top = new TopList(10);
    for (int i = 0; i < 20; i++) {
      top.add("v" + i, i + 1);
    }
    assertThat(top.approximate()).isFalse();
    assertThat(top.top(3)).extracting(e -> e.getKey() + "=" + e.getValue()).containsExactly("v19=20", "v18=19", "v17=18");
    top.add("big", 1000);
    for (int i = 0; i < 10 * TopList.SLACK; i++) {
      top.add("rare" + i, 1);
    }
    assertThat(top.approximate()).isTrue();
    assertThat(top.top(2)).extracting(e -> e.getKey() + "=" + e.getValue()).containsExactly("big=1000", "v19=20");
  }

  @Test
  void topList_manyValuesSeenOnce_stayBoundedAndFast() {
    TopList top = new TopList(100);
    top.add("frequent", 5);
    for (int i = 0; i < 1_000_000; i++) {
      top.add("once" + i, 1);
    }
    assertThat(top.size()).isLessThanOrEqualTo(100 * TopList.SLACK);
    assertThat(top.top(1).get(0).getKey()).isEqualTo("frequent");
  }

  @Test
  void clientDomain_isPflogsummsGimmeDomain() {
    assertThat(io.smtplog.core.index.SummaryKeys.clientDomain(new io.smtplog.core.model.Peer("mail.host.example.com", "192.0.2.1", -1)))
        .isEqualTo("example.com");
    assertThat(io.smtplog.core.index.SummaryKeys.clientDomain(new io.smtplog.core.model.Peer("mx1.Example.CO.UK", "192.0.2.1", -1)))
        .isEqualTo("example.co.uk");
    assertThat(io.smtplog.core.index.SummaryKeys.clientDomain(new io.smtplog.core.model.Peer("mx.example.info", "192.0.2.1", -1)))
        .isEqualTo("mx.example.info");
    assertThat(io.smtplog.core.index.SummaryKeys.clientDomain(new io.smtplog.core.model.Peer("unknown", "192.0.2.7", 25)))
        .isEqualTo("192.0.2.7");
  }

  @Test
  void normalizer_groupsReasonsThatDifferOnlyInAddressesNumbersAndIps() {
    String a = Normalizer.text("host mx.example.com[192.0.2.7] said: 550 5.1.1 <bob@example.com>: User unknown  (id 123456)");
    String b = Normalizer.text("host mx.example.com[2001:db8::5] said: 550 5.1.1 <carol@example.com>: User unknown (id 99999)");
    assertThat(a).isEqualTo(b).isEqualTo("host mx.example.com[ip] said: 550 5.1.1 <address>: User unknown (id N)");
  }
}
