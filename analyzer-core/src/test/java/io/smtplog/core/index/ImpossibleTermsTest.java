package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.ImpossibleTerms.ImpossibleTerm;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpossibleTermsTest {
  private static List<ImpossibleTerm> in(String query) throws Exception {
    return ImpossibleTerms.in(IndexSearch.parse(query, ZoneOffset.UTC, Instant.parse("2026-12-01T00:00:00Z")));
  }

  @Test
  void valuesOutsideAClosedSet_areFound_inEveryClause() throws Exception {
    assertThat(in("status:bouncd")).containsExactly(new ImpossibleTerm("status", "bouncd",
        List.of("delivered", "deferred", "bounced", "expired", "rejected", "discarded")));
    assertThat(in("mta:sendmail OR (kind:sesion AND NOT direction:in)")).extracting(t -> t.field() + ":" + t.value())
        .containsExactlyInAnyOrder("mta:sendmail", "kind:sesion", "direction:in");
    assertThat(in("status:BOUNCD OR status:bouncd")).as("lower-cased as indexed, each once").hasSize(1);
  }

  @Test
  void knownValues_openFields_andPatterns_areNotChecked() throws Exception {
    assertThat(in("status:Bounced AND mta:exim AND kind:event AND tls:no AND auth:failure AND route:local"
        + " AND rcpt_source:debug_log AND provisional:true")).isEmpty();
    assertThat(in("domain:nowhere.example AND code:[500 TO 599] AND text:bounced")).isEmpty();
    assertThat(in("status:bounc* AND mta:?xim")).isEmpty();
  }
}
