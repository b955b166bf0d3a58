package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.format.CsvFormat;
import io.smtplog.core.report.format.HtmlFormat;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.report.format.PrometheusFormat;
import io.smtplog.core.report.format.TableFormat;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format of the summary, from real Postfix lines (loopback-relay.log) whose sender, HELO and
 * recipient an attacker chose: a spreadsheet formula, HTML and a terminal escape sequence.
 */
class SummaryWritersTest {
  private static final String ESC = "\u001b";
  /** loopback-relay.log lines 716-745 and 747, with the attacker's values put in. */
  private static final String LOG = String.join("\n",
      "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: 0B3A720C18F: client=unknown[127.0.0.1]",
      "Nov 29 13:28:46 mx1 postfix/cleanup[4934]: 0B3A720C18F: message-id=<20261129132846.004957@vm>",
      "Nov 29 13:28:46 mx1 postfix/qmgr[4927]: 0B3A720C18F: from=<=HYPERLINK(\"http://evil.example\")@smtplog.test>,"
          + " size=435, nrcpt=1 (queue active)",
      "Nov 29 13:28:46 mx1 postfix/smtp[4935]: 0B3A720C18F: to=<<script>alert(1)</script>@example.org>,"
          + " relay=127.0.0.2[127.0.0.2]:2525, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
          + ESC + "]0;owned" + ESC + "[31m accepted)",
      "Nov 29 13:28:46 mx1 postfix/qmgr[4927]: 0B3A720C18F: removed",
      "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 554 5.7.1"
          + " <blocked@example.com>: Recipient address rejected: <img src=x onerror=alert(2)>; from=<alice@smtplog.test>"
          + " to=<blocked@example.com> proto=ESMTP helo=<client.smtplog.test>",
      "");

  private static ReportDocument document;

  @BeforeAll
  static void read(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("hostile.log");
    Files.writeString(log, LOG, StandardCharsets.UTF_8);
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 1, 20);
    document = ReportRun.fromLogs(Reports.SUMMARY, Reports.summary(Pseudonymizer.NONE, ZoneOffset.UTC), Pseudonymizer.NONE,
        ReportFilter.ALL, List.of(new LogInput("hostile.log", Optional.of(log))), options, 0,
        bytes -> { }).document();
  }

  @Test
  void theHostileValuesAreInTheReport() {
    assertThat(document.section(ReportKeys.SECTION_TOP_SENDERS).orElseThrow().rows().get(0).get(0))
        .asString().startsWith("=HYPERLINK(");
    assertThat(document.section(ReportKeys.SECTION_TOP_RECIPIENTS).orElseThrow().rows().get(0).get(0))
        .asString().startsWith("<script>");
  }

  @Test
  void csv_neutralisesFormulas_andRoundTrips() throws IOException {
    StringWriter out = new StringWriter();
    CsvFormat.write(document.section(ReportKeys.SECTION_TOP_SENDERS).orElseThrow(), out);
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(out.toString())).getRecords();
    assertThat(records.get(0).toList()).containsExactly("sender", "messages", "bytes");
    assertThat(records.get(1).get(0)).isEqualTo("'=HYPERLINK(\"http://evil.example\")@smtplog.test");
    assertThat(records.get(1).get(1)).isEqualTo("1");
    assertThat(records.get(1).get(2)).isEqualTo("435");
  }

  @Test
  void table_stripsEscapeSequences_andFitsTheWidth() throws IOException {
    StringWriter out = new StringWriter();
    TableFormat.write(document, out, 100);
    String text = out.toString();
    assertThat(text).doesNotContain(ESC).contains("Grand totals [totals]").contains("Replies by code and meaning [reply_codes]");
    assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
  }

  @Test
  void html_isSelfContained_andEscapesEveryLogText() throws IOException {
    StringWriter out = new StringWriter();
    HtmlFormat.write(document, out);
    String html = out.toString();
    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain(ESC)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;@example.org").contains("&lt;img src=x onerror=alert(2)&gt;");
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//").doesNotContain("<link").doesNotContain("@import");
    assertThat(html).contains("Content-Security-Policy").contains("<svg").contains("id=\"chart-traffic\"")
        .contains("id=\"chart-replies\"").contains("id=\"chart-domains\"").contains("id=\"chart-delays\"");
    for (Section s : document.sections()) {
      assertThat(html).contains("<h2 id=\"" + s.name() + "\">");
    }
  }

  @Test
  void json_hasEverySection_numbersAsNumbers() throws IOException {
    JsonNode root = JsonFormat.tree(document);
    assertThat(root.path(ReportKeys.REPORT).asText()).isEqualTo("summary");
    assertThat(root.path(ReportKeys.INPUT).path(ReportKeys.LINES).asLong()).isEqualTo(6);
    JsonNode sections = root.path(ReportKeys.SECTIONS);
    for (Section s : document.sections()) {
      assertThat(sections.has(s.name())).as(s.name()).isTrue();
    }
    JsonNode hour13 = sections.path(ReportKeys.SECTION_TRAFFIC_HOURLY).path(ReportKeys.ROWS).get(13);
    assertThat(hour13.path("hour").isTextual()).isTrue(); // "13", and "07" stays text
    assertThat(hour13.path(ReportKeys.DELIVERED).isNumber()).isTrue();
    assertThat(hour13.path(ReportKeys.DELIVERED).asLong()).isEqualTo(1);
    assertThat(sections.path(ReportKeys.SECTION_REJECT_REASONS).path(ReportKeys.ROWS).get(0).path("enhanced").asText())
        .isEqualTo("5.7.1");
  }

  @Test
  void prometheus_isTheTextFormat_lowCardinalityUnlessAsked() throws IOException {
    StringWriter plain = new StringWriter();
    PrometheusFormat.write(document, plain, false);
    String text = plain.toString();
    assertThat(text.lines()).allSatisfy(line -> assertThat(line)
        .matches("# (HELP|TYPE) smtplog_[a-z_]+ .+|smtplog_[a-z_]+(\\{([a-z_]+=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)+\\})? [0-9.]+"));
    assertThat(text).contains("smtplog_recipients{outcome=\"delivered\"} 1")
        .contains("smtplog_recipients{outcome=\"rejected\"} 1")
        .contains("smtplog_replies{class=\"5xx\",code=\"554\",source=\"logs\"} 1")
        .contains("smtplog_delivered_recipients_by_rcpt_reply{rcpt_reply=\"unseen\"} 1")
        .contains("smtplog_delivered_recipients_by_route{route=\"relayed\"} 1")
        .contains("smtplog_messages{kind=\"received\"} 1").doesNotContain("domain=");
    // Every family's members are disjoint: the outcomes add up to all recipients.
    long outcomes = text.lines().filter(l -> l.startsWith("smtplog_recipients{"))
        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    assertThat(outcomes).isEqualTo(2);
    StringWriter perDomain = new StringWriter();
    PrometheusFormat.write(document, perDomain, true);
    assertThat(perDomain.toString()).contains("smtplog_domain_recipients{domain=\"example.org\",outcome=\"delivered\"} 1");
    assertThat(PrometheusFormat.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd"); // issue 11: escaped, not replaced
  }
}
