package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.SearchDeadline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches are bounded by the query timeout: with none left (zero, or one nanosecond) every route
 * that searches answers 503 and says how long it may take, whichever way Lucene stops (collecting
 * hits, enumerating a leading wildcard's terms, visiting documents for facets or reports).
 */
class ServeTimeoutTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  private static Path index;

  @BeforeAll
  static void ingest() {
    index = shared.resolve("index");
    Served.ingest(index, Served.sample("postfix"), Served.sample("exim"));
  }

  @Test
  void noTimeLeft_every_searching_route_is503() throws Exception {
    for (Duration timeout : List.of(Duration.ZERO, Duration.ofNanos(1))) {
      try (Served served = Served.on(index, Optional.empty(), timeout)) {
        for (String path : List.of("/api/query?q=*", "/api/query?q=recipient:*example*", "/api/query?q=%2F.*x.*%2F",
            "/api/count?q=status:bounced", "/api/query?q=*&facet=domain", "/api/sessions?q=rcpt_code:251",
            "/api/trace?id=4670E20C66E", "/api/report/relay", "/api/report/codes?query=status:bounced",
            "/api/report/summary?format=html")) {
          HttpResponse<String> response = served.get(path);
          assertThat(response.statusCode()).as(timeout + " " + path + ": " + response.body()).isEqualTo(503);
          assertThat(JSON.readTree(response.body()).path("error").asText()).as(path)
              .matches("the query took longer than 0(\\.000)? s; narrow it \\(a field, a time range\\)");
        }
        // Routes that do not search are not bounded.
        assertThat(served.get("/api/fields").statusCode()).isEqualTo(200);
        assertThat(served.get("/api/status").statusCode()).isEqualTo(200);
        assertThat(served.log.toString()).isEmpty();
      }
    }
  }

  @Test
  void theDeadline_stopsTheIndexSearch_andTimeEnoughChangesNothing() throws Exception {
    Query everything = IndexSearch.parse("*", ZoneOffset.UTC, Instant.now());
    Query wildcard = IndexSearch.parse("recipient:*example*", ZoneOffset.UTC, Instant.now());
    long all;
    long matching;
    try (IndexSearch unbounded = IndexSearch.open(index).orElseThrow()) {
      all = unbounded.count(everything);
      matching = unbounded.count(wildcard);
    }
    assertThat(all).isGreaterThan(matching).isPositive();
    try (IndexSearch bounded = IndexSearch.open(index, Optional.of(Duration.ofMinutes(5))).orElseThrow()) {
      assertThat(bounded.count(everything)).isEqualTo(all);
      assertThat(bounded.count(wildcard)).isEqualTo(matching);
    }
    try (IndexSearch none = IndexSearch.open(index, Optional.of(Duration.ZERO)).orElseThrow()) {
      assertThatThrownBy(() -> none.count(everything)).satisfies(e -> assertThat(SearchDeadline.stopped(e)).isTrue());
      assertThatThrownBy(() -> none.count(wildcard)).satisfies(e -> assertThat(SearchDeadline.stopped(e)).isTrue());
      assertThatThrownBy(() -> none.facets(everything, List.of("domain"), ZoneOffset.UTC, 10))
          .satisfies(e -> assertThat(SearchDeadline.stopped(e)).isTrue());
    }
    assertThat(SearchDeadline.stopped(new IllegalStateException("other"))).isFalse();
  }
}
