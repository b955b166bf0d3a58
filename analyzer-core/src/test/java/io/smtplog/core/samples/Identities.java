package io.smtplog.core.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Section;
import java.math.BigDecimal;
import java.util.List;

/**
 * The identities every report promises, asserted row by row: the relay section's three, the totals
 * row equal to the sum of the domain rows, and the summary's totals equal to the relay totals.
 */
public final class Identities {
  private Identities() {}

  /** recipients = delivered + deferred + bounced + expired + rejected + discarded; delivered = relayed + local = 250 + 251 + 252 + unseen. */
  public static void assertRelay(Section relay, String what) {
    assertThat(relay.rows()).as("%s: a totals row at least", what).isNotEmpty();
    long[] sums = new long[relay.columns().size()];
    List<Object> totals = relay.rows().get(relay.rows().size() - 1);
    assertThat(relay.text(totals, ReportKeys.DOMAIN)).isEqualTo(ReportKeys.TOTALS_DOMAIN);
    for (List<Object> row : relay.rows()) {
      String domain = what + " " + relay.text(row, ReportKeys.DOMAIN);
      long recipients = relay.count(row, ReportKeys.RECIPIENTS);
      long delivered = relay.count(row, ReportKeys.DELIVERED);
      assertThat(delivered + relay.count(row, ReportKeys.DEFERRED) + relay.count(row, ReportKeys.BOUNCED)
          + relay.count(row, ReportKeys.EXPIRED) + relay.count(row, ReportKeys.REJECTED)
          + relay.count(row, ReportKeys.DISCARDED))
          .as("%s: recipients = delivered + deferred + bounced + expired + rejected + discarded", domain)
          .isEqualTo(recipients);
      assertThat(relay.count(row, ReportKeys.RELAYED) + relay.count(row, ReportKeys.LOCAL))
          .as("%s: delivered = relayed + local", domain).isEqualTo(delivered);
      assertThat(relay.count(row, ReportKeys.ACCEPTED_250) + relay.count(row, ReportKeys.FORWARDED_251)
          + relay.count(row, ReportKeys.ACCEPTED_252) + relay.count(row, ReportKeys.RCPT_REPLY_UNSEEN))
          .as("%s: delivered = accepted_250 + forwarded_251 + accepted_252 + rcpt_reply_unseen", domain)
          .isEqualTo(delivered);
      assertThat(relay.count(row, ReportKeys.RELAYED_THROUGH)).as("%s: relayed_through <= relayed", domain)
          .isLessThanOrEqualTo(relay.count(row, ReportKeys.RELAYED));
      if (row != totals) {
        for (int i = 0; i < sums.length; i++) {
          if (row.get(i) instanceof Long value) {
            sums[i] += value;
          }
        }
      }
    }
    for (int i = 0; i < sums.length; i++) {
      if (totals.get(i) instanceof Long value) {
        assertThat(value).as("%s: totals row %s = the sum of the domains", what, relay.columns().get(i).name())
            .isEqualTo(sums[i]);
      }
    }
  }

  /** Every identity of a summary document: its relay section, and its totals against the relay totals. */
  public static void assertSummary(ReportDocument summary, String what) {
    Section relay = summary.section(ReportKeys.SECTION_RELAY).orElseThrow();
    assertRelay(relay, what);
    Section totals = summary.section(ReportKeys.SECTION_TOTALS).orElseThrow();
    List<Object> star = relay.rows().get(relay.rows().size() - 1);
    for (String figure : List.of(ReportKeys.RECIPIENTS, ReportKeys.DELIVERED, ReportKeys.DEFERRED, ReportKeys.BOUNCED,
        ReportKeys.EXPIRED, ReportKeys.REJECTED, ReportKeys.DISCARDED, ReportKeys.DEFERRALS, ReportKeys.FORWARDED,
        ReportKeys.HOPS, ReportKeys.RELAYED_THROUGH)) {
      assertThat(metric(totals, figure)).as("%s: summary %s = relay %s", what, figure, figure)
          .isEqualTo(relay.count(star, figure));
    }
    Section hourly = summary.section(ReportKeys.SECTION_TRAFFIC_HOURLY).orElseThrow();
    Section daily = summary.section(ReportKeys.SECTION_TRAFFIC_DAILY).orElseThrow();
    for (String column : ReportKeys.TRAFFIC_COLUMNS) {
      long byHour = hourly.rows().stream().mapToLong(r -> hourly.count(r, column)).sum();
      long byDay = daily.rows().stream().mapToLong(r -> daily.count(r, column)).sum();
      assertThat(byHour).as("%s: the hours add up to the days for %s", what, column).isEqualTo(byDay);
      if (!column.equals(ReportKeys.RECEIVED)) {
        assertThat(byDay).as("%s: traffic %s = the total", what, column).isEqualTo(metric(totals, column));
      }
    }
  }

  /** A grand total of the summary. */
  public static long metric(Section totals, String name) {
    for (List<Object> row : totals.rows()) {
      if (name.equals(row.get(0))) {
        return ((BigDecimal) row.get(1)).longValueExact();
      }
    }
    throw new AssertionError("no total " + name);
  }
}
