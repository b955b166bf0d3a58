package io.smtplog.core.report.format;

import io.smtplog.core.report.Column;
import io.smtplog.core.report.Section;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV with a header row and CRLF line ends, written by Apache Commons CSV: the one CSV
 * format of smtplog (report sections and query hits). Every cell has control characters replaced
 * and spreadsheet formulas neutralised ({@link SafeText}).
 */
public final class CsvFormat {
  /** The CSV dialect every CSV output uses. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  private CsvFormat() {}

  /** One section: the header, then its rows, each written as it is read. Does not close {@code out}. */
  public static void write(Section section, Writer out) throws IOException {
    List<String> header = new ArrayList<>();
    section.columns().forEach(c -> header.add(c.name()));
    CSVPrinter printer = new CSVPrinter(out, FORMAT);
    printer.printRecord(header);
    for (List<Object> row : section.rows()) {
      List<String> cells = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        Column column = section.columns().get(i);
        cells.add(Cells.text(column, row.get(i)));
      }
      printer.printRecord(safe(cells));
    }
    printer.flush();
  }

  /** A header and rows of text cells, neutralised. Does not close {@code out}. */
  public static void write(List<String> header, List<List<String>> rows, Writer out) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, FORMAT);
    printer.printRecord(header);
    for (List<String> row : rows) {
      printer.printRecord(safe(row));
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
