package io.smtplog.core.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.report.JsonReportWriter;
import io.smtplog.core.report.RelayTables;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.SafeText;
import io.smtplog.core.report.TableWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes sectioned reports (summary, codes) as terminal tables, CSV (one section per file) and one
 * JSON document. Every log-derived cell is neutralised for its destination ({@link SafeText}).
 */
public final class SectionWriters {
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
  /** A number as JSON writes it: no leading zeros (an hour "07" stays text), no exponent. */
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]+)?");

  private SectionWriters() {}

  /** Each section as a titled, aligned table fitted to {@code width}. Does not close {@code out}. */
  public static void table(SummaryDocument document, Writer out, int width) throws IOException {
    boolean first = true;
    for (ReportSection section : document.sections()) {
      if (!first) {
        out.write('\n');
      }
      first = false;
      String title = section.title() + " [" + section.name() + "]";
      if (title.length() > width) {
        title = section.title().substring(0, Math.max(0, width - section.name().length() - 4)) + "\u2026 ["
            + section.name() + "]";
      }
      out.write(title + '\n' + "-".repeat(Math.min(title.length(), Math.max(20, Math.min(width, 200)))) + '\n');
      if (section.rows().isEmpty()) {
        out.write("(none)\n");
        continue;
      }
      if (section.name().equals(ReportKeys.SECTION_RELAY)) {
        RelayTables.writeRows(section.rows(), out, width);
        continue;
      }
      List<String> numeric = numericColumns(section);
      // When narrow: text columns go first, the last first, then numbers; the first column (the row's name) stays.
      List<String> text = new ArrayList<>(section.columns());
      text.removeAll(numeric);
      List<String> numbers = new ArrayList<>(numeric);
      Collections.reverse(text);
      Collections.reverse(numbers);
      List<String> dropOrder = new ArrayList<>(text);
      dropOrder.addAll(numbers);
      dropOrder.remove(section.columns().get(0));
      TableWriter.write(out, section.columns(), section.rows(), width, dropOrder, numeric);
    }
    out.flush();
  }

  /** One section as CSV with a header row. Does not close {@code out}. */
  public static void csv(ReportSection section, Writer out) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, CSV);
    printer.printRecord(section.columns());
    for (List<String> row : section.rows()) {
      List<String> safe = new ArrayList<>(row.size());
      for (String cell : row) {
        safe.add(SafeText.neutralizeFormula(SafeText.stripControls(cell)));
      }
      printer.printRecord(safe);
    }
    printer.flush();
  }

  /**
   * {"report": "summary", "input": {...}, "sections": {"totals": {"title": ..., "rows": [{column:
   * value}]}}}: numbers as JSON numbers where every cell of the column is one.
   */
  public static ObjectNode tree(SummaryDocument document) {
    ObjectMapper mapper = JsonReportWriter.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put(ReportKeys.REPORT, document.report());
    root.set(ReportKeys.INPUT, JsonReportWriter.inputTree(document.input()));
    ObjectNode sections = root.putObject(ReportKeys.SECTIONS);
    for (ReportSection section : document.sections()) {
      ObjectNode s = sections.putObject(section.name());
      s.put(ReportKeys.TITLE, section.title());
      ArrayNode columns = s.putArray(ReportKeys.COLUMNS);
      section.columns().forEach(columns::add);
      List<String> numeric = numericColumns(section);
      ArrayNode rows = s.putArray(ReportKeys.ROWS);
      for (List<String> row : section.rows()) {
        ObjectNode r = rows.addObject();
        for (int i = 0; i < section.columns().size(); i++) {
          String column = section.columns().get(i);
          String cell = row.get(i);
          if (cell.isEmpty()) {
            r.putNull(column);
          } else if (numeric.contains(column)) {
            r.put(column, new BigDecimal(cell));
          } else {
            r.put(column, cell);
          }
        }
      }
    }
    return root;
  }

  /** Writes {@link #tree} with a final newline. Does not close {@code out}. */
  public static void json(SummaryDocument document, Writer out) throws IOException {
    JsonReportWriter.mapper().writeValue(out, tree(document));
    out.write('\n');
    out.flush();
  }

  /** Columns whose every non-empty cell is a number (and at least one is). */
  static List<String> numericColumns(ReportSection section) {
    List<String> numeric = new ArrayList<>();
    for (int i = 0; i < section.columns().size(); i++) {
      boolean any = false;
      boolean all = true;
      for (List<String> row : section.rows()) {
        String cell = row.get(i);
        if (!cell.isEmpty()) {
          any = true;
          if (!NUMBER.matcher(cell).matches()) {
            all = false;
            break;
          }
        }
      }
      if (any && all) {
        numeric.add(section.columns().get(i));
      }
    }
    return numeric;
  }
}
