package io.smtplog.core.report;

import java.util.List;

/** A complete relay report: what was read, the domain rows and the totals row. Immutable. */
public record RelayReportDocument(InputSummary input, List<RelayRow> domains, RelayRow totals) {
  public RelayReportDocument {
    domains = List.copyOf(domains);
  }

  /** Domain rows then the totals row. */
  public List<RelayRow> allRows() {
    List<RelayRow> rows = new java.util.ArrayList<>(domains);
    rows.add(totals);
    return rows;
  }
}
