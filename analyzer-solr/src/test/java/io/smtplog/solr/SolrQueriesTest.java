package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.index.IndexSearch;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * smtplog's query text, parsed as the local index parses it, then written for Solr: exact values,
 * explicit operators, times resolved in the zone, exclusive bounds made inclusive, numbers on
 * doc values as ranges, Lucene's "nothing" kept.
 */
class SolrQueriesTest {
  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "*                                  | *:*",
      "status:delivered                   | status:delivered",
      "status:DELIVERED                   | status:delivered",
      "domain:Example.NET                 | domain:example.net",
      "status:delivered AND mta:exim      | (+(status:delivered) +(mta:exim))",
      "status:bounced OR status:deferred  | ((status:bounced) (status:deferred))",
      "status:bounced -mta:exim           | ((status:bounced) -(mta:exim))",
      "-mta:exim                          | (+(*:* -*:*) -(mta:exim))",
      "code:550                           | code:[550 TO 550]",
      "code:[500 TO 599]                  | code:[500 TO 599]",
      "code:{500 TO 599}                  | code:[501 TO 598]",
      "code:[500 TO *]                    | code:[500 TO *]",
      "code:*                             | code:[* TO *]",
      "attempts:[2 TO *]                  | attempts:[2 TO *]",
      "delay:[1.5 TO 60]                  | delay:[1.5 TO 60.0]",
      "delay:{0 TO *]                     | delay:[4.9e\\-324 TO *]",
      "time:2026-06-01                    | time:[1780264800000 TO 1780351199999]",
      "time:[2026-06-01 TO 2026-06-02]    | time:[1780264800000 TO 1780437599999]",
      "time:[now-1d TO now]               | time:[1781438400000 TO 1781524800000]",
      "`text:\"User Unknown\"`            | `text:\"user unknown\"`",
      "`text:\"user unknown\"~2`          | `text:\"user unknown\"~2`",
      "text:unknown                       | text:unknown",
      "sender:*example.org*               | sender:*example.org*",
      "sender:a?c@example.org             | sender:a?c@example.org",
      "`sender:a\\*b*`                    | `sender:a\\*b*`",
      "sender:bob*                        | sender:bob*",
      "sender:/b.b@[a-z]+\\/x/            | sender:/b.b@[a-z]+\\/x/",
      "sender:bob~1                       | sender:bob~1",
      "sender:[a TO m}                    | `sender:[\"a\" TO \"m\"}`",
      "status:delivered^2                 | status:delivered",
      "`recipient:\"a b:c@x\"`            | `recipient:a\\ b\\:c@x`",
      "(status:delivered OR status:deferred) AND NOT route:local | (+((status:delivered) (status:deferred)) -(route:local))",
  })
  void translates(String smtplog, String solr) throws Exception {
    assertThat(SolrQueries.toSolr(IndexSearch.parse(smtplog, ZONE, NOW))).isEqualTo(solr);
  }

  @Test
  void nothing_staysNothing() {
    assertThat(SolrQueries.toSolr(new MatchNoDocsQuery())).isEqualTo("(*:* -*:*)");
  }

  @Test
  void anUnknownQueryType_isRefusedByName() {
    assertThatThrownBy(() -> SolrQueries.toSolr(new DisjunctionMaxQuery(List.of(new TermQuery(new Term("status", "bounced"))), 0)))
        .isInstanceOf(SolrQueries.UnsupportedQueryException.class)
        .hasMessage("a query of type DisjunctionMaxQuery cannot be sent to Solr yet: write it with terms, phrases, ranges and wildcards");
  }
}
