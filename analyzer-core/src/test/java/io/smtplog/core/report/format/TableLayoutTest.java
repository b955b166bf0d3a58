package io.smtplog.core.report.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.model.Plural;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Column;
import io.smtplog.core.report.ColumnType;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.Section;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, terminal tables: at 60, 80 and 120 columns every section of the summary and codes
 * reports of a real sample keeps its key and text columns, cuts long text with an ellipsis that
 * keeps its start, and hides only optional figures; sizes as pflogsumm prints them.
 */
class TableLayoutTest {
  private static final Path LOG = SampleLogs.path("postfix/loopback-relay.log");
  private static final String ELLIPSIS = "\u2026";
  private static final long MIB = 1_048_576;

  private static List<Section> sections;

  @BeforeAll
  static void read() throws IOException {
    sections = new ArrayList<>(report(Reports.SUMMARY, Reports.summary(Pseudonymizer.NONE, ZoneOffset.UTC),
        ReportFilter.ALL).document().sections());
    sections.addAll(report(Reports.CODES, Reports.codes(CodesCollector.By.DOMAIN, Pseudonymizer.NONE),
        ReportFilter.ALL).document().sections());
  }

  private static ReportRun.Result report(String name, io.smtplog.core.report.ReportCollector collector,
      ReportFilter filter) throws IOException {
    return ReportRun.fromLogs(name, collector, Pseudonymizer.NONE, filter, List.of(SampleLogs.input(LOG)),
        SampleLogs.options(LOG, 1), 0, bytes -> { });
  }

  private static String table(Section section, int width) throws IOException {
    StringWriter out = new StringWriter();
    TableFormat.write(section, out, width);
    return out.toString();
  }

  private static Section section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> headerTokens(String table) {
    return Arrays.asList(table.lines().findFirst().orElseThrow().trim().split(" +"));
  }

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {60, 80, 120})
  void everySection_keepsItsKeysTextAndKeptFigures_withinTheWidth(int width) throws IOException {
    int checked = 0;
    for (Section section : sections) {
      if (section.rows().isEmpty()) {
        continue;
      }
      String table = table(section, width);
      List<String> header = headerTokens(table);
      for (Column column : section.columns()) {
        if (column.isAlwaysShown()) {
          assertThat(header).as("%s at %d: %s", section.name(), width, table)
              .containsAnyOf(column.name(), column.shortName());
          checked++;
        }
      }
      table.lines().forEach(line -> assertThat(line.length()).as("%s at %d: %s", section.name(), width, line)
          .isLessThanOrEqualTo(width));
    }
    // 33 in the 23 sections of the summary, 9 in the 3 of codes --by domain (domain, code, text).
    assertThat(checked).isEqualTo(42);
  }

  @Test
  void deferralReasons_at80_keepTheReason_cutWithAnEllipsisThatKeepsItsStart() throws IOException {
    Section reasons = section(ReportKeys.SECTION_DEFERRAL_REASONS);
    String table = table(reasons, 80);
    assertThat(headerTokens(table)).containsExactly("enhanced", "reason", "deferrals");
    String whole = (String) reasons.rows().get(0).get(1);
    assertThat(whole).isEqualTo("host 127.0.0.2[ip] said: 450 4.2.1 Mailbox busy, try again later (in reply to RCPT TO"
        + " command)");
    String row = table.lines().skip(1).findFirst().orElseThrow();
    String shown = row.substring("4.2.1     ".length(), row.indexOf(ELLIPSIS));
    assertThat(shown).isEqualTo("host 127.0.0.2[ip] said: 450 4.2.1 Mailbox busy, try again");
    assertThat(whole).startsWith(shown);
    assertThat(row).endsWith("again" + ELLIPSIS + " ".repeat(10) + "5").hasSize(80);
  }

  @Test
  void diagnostics_at60_keepTheText() throws IOException {
    String table = table(section(ReportKeys.SECTION_DIAGNOSTICS), 60);
    assertThat(headerTokens(table)).containsExactly("severity", "text", "lines");
    assertThat(table).contains("warning   postfix/bounce: for instructions see the b" + ELLIPSIS + "      8\n");
  }

  @Test
  void relay_at120_keepsForwardPathsAnd251_andSaysWhatItHid() throws IOException {
    String table = table(section(ReportKeys.SECTION_RELAY), 120);
    List<String> header = headerTokens(table);
    assertThat(header).startsWith("domain", "rcpts", "dlvrd", "250", "251").endsWith("forward_paths");
    assertThat(table).contains("smtplog.test            19      5    2    1")
        .contains("root@smtplog.test=2;alice@example" + ELLIPSIS)
        .contains("moved.peggy@new.example.org=1\n")
        .contains("(15 columns hidden; --format csv shows all)");
    // At 60 the recipients and the 250/251 split stay (251 is what the report is for), the others go;
    // forward-paths is cut to a third.
    String narrow = table(section(ReportKeys.SECTION_RELAY), 60);
    assertThat(headerTokens(narrow)).containsExactly("domain", "rcpts", "250", "251", "forward_paths");
    assertThat(narrow).contains("smtplog.test            19    2    1  root@smtplog.test=2;a" + ELLIPSIS);
  }

  @Test
  void codes_keepTheMeaningOfEachCode_andTheTrafficTablesKeepDeliveredLast() throws IOException {
    String codes = table(section(ReportKeys.SECTION_REPLY_CODES), 80);
    assertThat(headerTokens(codes)).containsExactly("code", "meaning", "in_logs", "in_transcripts");
    assertThat(codes).contains(" 250  Requested mail action okay, completed");
    String traffic = table(section(ReportKeys.SECTION_TRAFFIC_DAILY), 60);
    // pflogsumm's columns stay longest, received and delivered last of all.
    assertThat(headerTokens(traffic)).containsExactly("date", "received", "delivered", "deferrals", "bounced");
    assertThat(traffic).contains("(3 columns hidden; --format csv shows all)");
  }

  @Test
  void dropOrder_largestRankFirst_ofEqualRanksTheRightmost_neverAKeyTextOrKeptColumn() {
    List<Column> columns = List.of(Column.key("domain", ColumnType.TEXT), Column.of("a", ColumnType.COUNT, 1),
        Column.of("b", ColumnType.COUNT, 1), Column.text("why", ColumnType.TEXT), Column.of("c", ColumnType.COUNT, 3),
        Column.kept("d", ColumnType.COUNT), Column.value("v", ColumnType.DECIMAL));
    assertThat(TableFormat.dropOrder(columns)).containsExactly("c", "b", "a");
    assertThatThrownBy(() -> Column.of("x", ColumnType.COUNT, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x: a OPTIONAL column with hide rank 0");
  }

  @Test
  void humanBytes_followPflogsummsAdjIntUnits() {
    assertThat(Cells.humanBytes(0)).isEqualTo("0");
    assertThat(Cells.humanBytes(11_894)).isEqualTo("11894");
    assertThat(Cells.humanBytes(524_288)).isEqualTo("524288");
    assertThat(Cells.humanBytes(524_289)).isEqualTo("512k");
    assertThat(Cells.humanBytes(255_591_209)).isEqualTo("249600k"); // pflogsumm on a generated log
    assertThat(Cells.humanBytes(536_870_912)).isEqualTo("524288k");
    assertThat(Cells.humanBytes(536_870_913)).isEqualTo("512m");
    assertThat(Cells.humanBytes(17_490 * MIB + 1_048_575)).isEqualTo("17490m");
  }

  @Test
  void tables_showSizesAsPflogsumm_bytesColumnsAndBytesMetrics_otherFiguresExact() throws IOException {
    Section totals = new Section(ReportKeys.SECTION_TOTALS, "Grand totals", List.of(
        Column.key(ReportKeys.METRIC, ColumnType.TEXT), Column.value(ReportKeys.VALUE, ColumnType.DECIMAL)),
        List.of(Section.row(ReportKeys.RECEIVED, BigDecimal.valueOf(600_000)),
            Section.row(ReportKeys.BYTES_RECEIVED, BigDecimal.valueOf(17_490 * MIB + 5))));
    assertThat(table(totals, 80)).isEqualTo("""
        metric           value
        received        600000
        bytes_received  17490m
        """);
    Section senders = new Section(ReportKeys.SECTION_TOP_SENDERS, "Senders", List.of(
        Column.key("sender", ColumnType.TEXT), Column.of("messages", ColumnType.COUNT, 1),
        Column.of(ReportKeys.BYTES, ColumnType.BYTES, 2)), List.of(Section.row("a@example.org", 600_000L, 600_000L)));
    assertThat(table(senders, 80)).isEqualTo("""
        sender         messages  bytes
        a@example.org    600000   585k
        """);
    StringWriter csv = new StringWriter();
    CsvFormat.write(senders, csv);
    assertThat(csv.toString()).isEqualTo("sender,messages,bytes\r\na@example.org,600000,600000\r\n");
  }

  @Test
  void reportRun_saysWhenTheFilterMatchedNothing() throws IOException {
    ReportFilter later = new ReportFilter(Optional.of(Instant.parse("2030-01-01T00:00:00Z")), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(report(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC), later).matchedNothing())
        .isTrue();
    assertThat(report(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC), ReportFilter.ALL)
        .matchedNothing()).isFalse();
    assertThat(report(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC),
        ReportFilter.ALL.withDomain(Optional.of("nowhere.example"))).matchedNothing()).isTrue();
    assertThat(report(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC),
        ReportFilter.ALL.withDomain(Optional.of("example.org"))).matchedNothing()).isFalse();
  }

  @Test
  void plural_oneIsSingular() {
    assertThat(Plural.of(1, "file")).isEqualTo("1 file");
    assertThat(Plural.of(0, "line")).isEqualTo("0 lines");
    assertThat(Plural.of(1_702, "line")).isEqualTo("1,702 lines");
    assertThat(Plural.of(1, "entry", "entries")).isEqualTo("1 entry");
  }
}
