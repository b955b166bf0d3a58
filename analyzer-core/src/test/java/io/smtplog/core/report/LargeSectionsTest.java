package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.report.format.HtmlFormat;
import io.smtplog.core.report.format.TableFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, section 2: sections of many rows (a million domains) in the formats people read: an
 * HTML page shows its first 10,000 rows, says how many more there are and ends with the totals
 * row; a table is laid out by its first 10,000 rows and cuts later, wider cells.
 */
class LargeSectionsTest {
  private static ReportDocument relayLike(int domains) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < domains; i++) {
      rows.add(Section.row("d" + i + ".example", 1L));
    }
    rows.add(Section.row("very-long-domain-name-past-the-first-rows.example", 1L));
    rows.add(Section.row(ReportKeys.TOTALS_DOMAIN, domains + 1L));
    Section s = new Section(ReportKeys.SECTION_RELAY, "Recipients per domain by outcome", List.of(
        Column.kept(ReportKeys.DOMAIN, ColumnType.TEXT), Column.of(ReportKeys.RECIPIENTS, ColumnType.COUNT, 1)), rows);
    return new ReportDocument(Reports.RELAY, InputSummary.of(new IngestReport(5)), List.of(s));
  }

  @Test
  void html_showsTheFirstRows_howManyMore_andTheTotals() throws IOException {
    StringWriter out = new StringWriter();
    HtmlFormat.write(relayLike(10_004), out);
    String html = out.toString();
    assertThat(html).contains("<td>d9999.example</td>").doesNotContain("<td>d10000.example</td>")
        .contains("(5 more rows; --format csv or json lists them all)")
        .contains("<td>*</td><td class=\"n\">10005</td>");
  }

  @Test
  void table_isLaidOutByItsFirstRows() throws IOException {
    StringWriter out = new StringWriter();
    TableFormat.write(relayLike(10_000), out, 200);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(10_003);
    assertThat(lines[0]).startsWith("domain        ").endsWith("recipients");
    // The long name comes after the first 10,000 rows: cut to the width they set.
    assertThat(lines[10_001]).startsWith("very-long-do\u2026 ").endsWith(" 1");
    assertThat(lines[10_002]).startsWith("*   ").endsWith("10001");
  }
}
