package io.smtplog.core.summary;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.report.RelayReport;
import io.smtplog.core.report.RelayReportDocument;
import io.smtplog.core.report.RelayRow;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.session.Addresses;
import io.smtplog.core.session.RecipientOutcome;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-domain relay report (recipients by outcome, 250 versus 251, forward-paths, relay hosts)
 * as a section of a sectioned report, under the report's filter and pseudonyms. In every report,
 * delivered + deferred + bounced + expired + rejected = recipients, per domain and in total.
 */
public final class RelaySection implements SectionCollector {
  private final RelayReport report;
  private final ReportFilter filter;
  private final Pseudonymizer pseudonyms;
  private final ZoneId zone;

  public RelaySection(ReportFilter filter, Pseudonymizer pseudonyms, ZoneId zone) {
    this.report = new RelayReport(filter.domain());
    this.filter = filter;
    this.pseudonyms = pseudonyms;
    this.zone = zone;
  }

  @Override
  public void accept(MailEvent event) {
    // recipients only
  }

  @Override
  public void recipient(RecipientOutcome outcome) {
    if (filter.senderDomainMatches(outcome.sender().map(Addresses::domainOf).orElse(""))) {
      report.accept(pseudonyms.outcome(outcome));
    }
  }

  @Override
  public boolean wantsMessagesAndSessions() {
    return false;
  }

  /** The relay report's domain rows, then the totals row "*". */
  public List<RelayRow> rows(int top) {
    List<RelayRow> rows = new ArrayList<>(report.rows(top, zone));
    rows.add(report.totals(zone));
    return rows;
  }

  public RelayReport report() {
    return report;
  }

  @Override
  public List<ReportSection> sections(int top) {
    return List.of(section(rows(top)));
  }

  private static ReportSection section(List<RelayRow> relayRows) {
    List<List<String>> rows = new ArrayList<>();
    for (RelayRow row : relayRows) {
      rows.add(row.cells());
    }
    return new ReportSection(ReportKeys.SECTION_RELAY, "Recipients per domain by outcome", ReportKeys.RELAY_COLUMNS,
        rows);
  }

  /** The relay report as a sectioned report of one section (for the HTML and Prometheus formats). */
  public static SummaryDocument document(RelayReportDocument relay) {
    return new SummaryDocument(Reports.RELAY, relay.input(), List.of(section(relay.allRows())));
  }
}
