package io.smtplog.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** The relay report as a terminal table. */
public final class RelayTables {
  /** Columns left out first when the terminal is narrow. */
  private static final List<String> DROP_ORDER = List.of(ReportKeys.FIRST_SEEN, ReportKeys.LAST_SEEN,
      ReportKeys.RELAY_HOSTS, ReportKeys.FORWARD_PATHS, ReportKeys.DELAY_MAX_S, ReportKeys.DELAY_P95_S,
      ReportKeys.DEFERRALS, ReportKeys.DELAY_P50_S, ReportKeys.LOCAL, ReportKeys.RELAYED);
  private static final List<String> NUMERIC = List.of(ReportKeys.RECIPIENTS, ReportKeys.DELIVERED,
      ReportKeys.ACCEPTED_250, ReportKeys.FORWARDED_251, ReportKeys.RELAYED, ReportKeys.LOCAL, ReportKeys.DEFERRED,
      ReportKeys.BOUNCED, ReportKeys.EXPIRED, ReportKeys.REJECTED, ReportKeys.DEFERRALS, ReportKeys.DELAY_P50_S,
      ReportKeys.DELAY_P95_S, ReportKeys.DELAY_MAX_S);

  /** Narrow headers for narrow terminals: the codes say what the long names say. */
  private static final java.util.Map<String, String> SHORT = java.util.Map.of(ReportKeys.RECIPIENTS, "rcpts",
      ReportKeys.DELIVERED, "dlvrd", ReportKeys.ACCEPTED_250, "250", ReportKeys.FORWARDED_251, "251",
      ReportKeys.RELAYED, "relay", ReportKeys.DEFERRED, "defer", ReportKeys.BOUNCED, "bounce",
      ReportKeys.EXPIRED, "expir", ReportKeys.REJECTED, "reject");

  private RelayTables() {}

  public static void write(RelayReportDocument report, Writer out, int width) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (RelayRow row : report.allRows()) {
      rows.add(row.cells());
    }
    writeRows(rows, out, width);
  }

  /** Rows in {@link ReportKeys#RELAY_COLUMNS} order, the totals row included, as the table. */
  public static void writeRows(List<List<String>> rows, Writer out, int width) throws IOException {
    TableWriter.write(out, ReportKeys.RELAY_COLUMNS, rows, width, DROP_ORDER, NUMERIC, SHORT);
  }
}
