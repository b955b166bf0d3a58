package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.Test;

/** What is sent again, how often and for how long; what is not (solr-findings §3, §4 for the failures). */
class RetriesTest {
  private final List<String> told = new ArrayList<>();
  private final Retries.Listener listener = (failure, attempt, wait) -> told.add(attempt + ":" + wait.toMillis());

  @Test
  void aRefusedConnection_isSentAgainWithDoublingWaits_untilThePatienceIsSpent() {
    AtomicInteger tries = new AtomicInteger();
    Retries retries = new Retries(Duration.ofSeconds(1), listener);
    SolrServerException down = new SolrServerException("IOException occurred when talking to server",
        new IOException(new ConnectException("Connection refused")));
    long started = System.nanoTime();
    assertThatThrownBy(() -> retries.send(() -> {
      tries.incrementAndGet();
      throw down;
    })).isSameAs(down);
    // 250 ms, then 500 ms; a third wait of 1 s would end after the patience.
    assertThat(told).containsExactly("1:250", "2:500");
    assertThat(tries).hasValue(3);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(740), Duration.ofSeconds(5));
  }

  @Test
  void aNodeBack_answersTheNextTry() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Retries retries = new Retries(Duration.ofSeconds(30), listener);
    String answer = retries.send(() -> {
      if (tries.incrementAndGet() == 1) {
        throw new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE, "no active servers hosting shard: shard2");
      }
      return "added";
    });
    assertThat(answer).isEqualTo("added");
    assertThat(told).containsExactly("1:250");
  }

  @Test
  void whatNoWaitCures_isThrownAtOnce() {
    for (SolrException refused : List.of(new SolrException(SolrException.ErrorCode.UNAUTHORIZED, "Expected mime type"),
        new SolrException(SolrException.ErrorCode.BAD_REQUEST, "Collection not found: nosuch"),
        new SolrException(SolrException.ErrorCode.BAD_REQUEST, "ERROR: [doc=x] unknown field 'y'"))) {
      AtomicInteger tries = new AtomicInteger();
      assertThatThrownBy(() -> new Retries(Duration.ofSeconds(30), listener).send(() -> {
        tries.incrementAndGet();
        throw refused;
      })).isSameAs(refused);
      assertThat(tries).as(refused.getMessage()).hasValue(1);
    }
    assertThat(told).isEmpty();
  }
}
