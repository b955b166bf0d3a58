package io.smtplog.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes reports as RFC 4180 CSV with a header row (Apache Commons CSV does the quoting). Every
 * cell has control characters replaced and spreadsheet formulas neutralised ({@link SafeText}).
 */
public final class CsvReportWriter {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  private CsvReportWriter() {}

  /** Writes the relay report: header, domain rows, then the totals row "*". Does not close {@code out}. */
  public static void writeRelay(RelayReportDocument report, Writer out) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, FORMAT);
    printer.printRecord(ReportKeys.RELAY_COLUMNS);
    for (RelayRow row : report.allRows()) {
      printer.printRecord(safe(row.cells()));
    }
    printer.flush();
  }

  static List<String> safe(List<String> cells) {
    List<String> out = new ArrayList<>(cells.size());
    for (String cell : cells) {
      out.add(SafeText.neutralizeFormula(SafeText.stripControls(cell)));
    }
    return out;
  }
}
