package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.outcome.MessageContext;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ReplySource;
import io.smtplog.core.report.format.CsvFormat;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.report.format.ReportFormat;
import io.smtplog.core.report.format.SafeText;
import io.smtplog.core.report.format.TableFormat;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The relay section's figures from hand-made outcomes, and what each writer does with typed cells. */
class ReportWritersTest {
  private static final Instant T = Instant.parse("2026-11-29T13:28:45Z");

  /** A recipient delivered to mx.example.org, whose RCPT reply a transcript showed (or not: null). */
  private static RecipientOutcome delivered(String rcpt, String rcptReply, double delaySeconds) {
    String domain = rcpt.substring(rcpt.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    var attempt = new io.smtplog.core.model.DeliveryAttempt(T, new io.smtplog.core.model.SourceRef("t", 1),
        Mta.POSTFIX, new io.smtplog.core.model.ProcessRef("mx1", "postfix", "smtp", 1), new QueueId("ABCDEF1234"), rcpt,
        Optional.empty(), "mx.example.org[192.0.2.7]:25", Peer.parse("mx.example.org[192.0.2.7]:25"),
        Optional.of(java.time.Duration.ofMillis((long) (delaySeconds * 1000))), io.smtplog.core.model.DelaySplit.NONE,
        Optional.empty(),
        io.smtplog.core.model.DeliveryStatus.SENT, ReplyTextParser.parseReply("250 2.0.0 Ok"), "250 2.0.0 Ok",
        Optional.empty(), Optional.empty());
    return new RecipientOutcome(Mta.POSTFIX, Optional.of(new QueueId("ABCDEF1234")),
        MessageContext.of("alice@example.net", Peer.parse("client.example.net[198.51.100.9]")), rcpt, Optional.empty(),
        domain, RecipientStatus.DELIVERED, rcptReply == null ? Optional.empty() : ReplyTextParser.parseReply(rcptReply),
        rcptReply == null ? Optional.empty() : Optional.of(ReplySource.TRANSCRIPT), ReplyTextParser.parseReply("250 2.0.0 Ok"),
        "250 2.0.0 Ok", Optional.of(attempt), Peer.parse("mx.example.org[192.0.2.7]:25"), false, 1, 0, 0, 0, T,
        T.plusSeconds(5), List.of(rcpt));
  }

  private static Section relay(List<RecipientOutcome> outcomes) {
    RelayCollector collector = new RelayCollector(Pseudonymizer.NONE, ZoneOffset.UTC);
    outcomes.forEach(collector);
    return collector.sections(0).get(0);
  }

  private static ReportDocument document(Section section) {
    return new ReportDocument(Reports.RELAY, InputSummary.of(new IngestReport(5)), List.of(section));
  }

  @Test
  void relayRow_counts250And251FromRcptRepliesOnly_forwardPaths_andPercentiles() {
    Section s = relay(List.of(
        delivered("a@Example.NET", "250 2.1.5 Ok", 1),
        delivered("b@example.net", "251 2.1.5 User not local; will forward to <b@new.example>", 2),
        delivered("c@example.net", "251 2.1.5 User not local; will forward to <b@new.example>", 10),
        delivered("e@example.net", null, 3),
        delivered("d@example.org", "250 2.1.5 Ok", 0.5)));
    List<Object> net = s.rows().get(0);
    assertThat(s.text(net, ReportKeys.DOMAIN)).isEqualTo("example.net");
    assertThat(s.count(net, ReportKeys.RECIPIENTS)).isEqualTo(4);
    assertThat(s.count(net, ReportKeys.ACCEPTED_250)).isEqualTo(1);
    assertThat(s.count(net, ReportKeys.FORWARDED_251)).isEqualTo(2);
    assertThat(s.count(net, ReportKeys.RCPT_REPLY_UNSEEN)).as("the 250 to the data is no RCPT reply").isEqualTo(1);
    assertThat(s.count(net, ReportKeys.RELAYED)).isEqualTo(4);
    assertThat(s.cell(net, ReportKeys.FORWARD_PATHS)).contains(Map.of("b@new.example", 2L));
    assertThat(s.cell(net, ReportKeys.RELAY_HOSTS)).contains(Map.of("mx.example.org[192.0.2.7]:25", 4L));
    assertThat(s.cell(net, ReportKeys.DELAY_P50_S)).contains(new BigDecimal("2"));
    assertThat(s.cell(net, ReportKeys.DELAY_MAX_S)).contains(new BigDecimal("10"));
    assertThat(s.cell(net, ReportKeys.FIRST_SEEN)).contains(OffsetDateTime.parse("2026-11-29T13:28:45Z"));
    List<Object> totals = s.rows().get(s.rows().size() - 1);
    assertThat(s.text(totals, ReportKeys.DOMAIN)).isEqualTo("*");
    assertThat(s.count(totals, ReportKeys.RECIPIENTS)).isEqualTo(5);
    assertThat(s.cell(totals, ReportKeys.DELAY_P50_S)).contains(new BigDecimal("2"));
    assertThat(s.notes()).containsExactly("RCPT replies visible for 4 of 5 relayed recipients: add debug_peer_list or"
        + " transcripts to see 251.");
  }

  @Test
  void csv_neutralisesFormulasAndControlCharacters_andQuotes() throws Exception {
    Section s = relay(List.of(
        delivered("x@example.org", "251 2.1.5 will forward to <=HYPERLINK(\"http://evil\")@x>", 1),
        delivered("y@example.net", "251 2.1.5 will forward to <\u001b[31mred@x>", 1)));
    StringWriter out = new StringWriter();
    CsvFormat.write(s, out);
    List<CSVRecord> records = CsvFormat.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(out.toString())).getRecords();
    assertThat(records).hasSize(3);
    assertThat(records.get(1).get(ReportKeys.DOMAIN)).isEqualTo("example.org");
    assertThat(records.get(1).get(ReportKeys.FORWARD_PATHS)).isEqualTo("'=HYPERLINK(\"http://evil\")@x=1");
    assertThat(records.get(0).get(ReportKeys.FORWARD_PATHS)).isEqualTo("\uFFFD[31mred@x=1");
    assertThat(records.get(0).get(ReportKeys.RCPT_REPLIES)).isEqualTo("");
    assertThat(out.toString()).doesNotContain("\u001b");
    assertThat(records.get(2).get(ReportKeys.DOMAIN)).isEqualTo("*");
    assertThat(out.toString()).startsWith("domain,recipients,delivered,accepted_250,forwarded_251,accepted_252,"
        + "rcpt_reply_unseen,relayed,local,deferred,bounced,expired,rejected,discarded,");
  }

  @Test
  void neutralizeFormula_coversEveryTriggerCharacter() {
    for (String cell : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(SafeText.neutralizeFormula(cell)).startsWith("'");
    }
    assertThat(SafeText.neutralizeFormula("example.org")).isEqualTo("example.org");
  }

  @Test
  void table_stripsEscapes_keepsTheDomainAndThe251Columns_andFitsTheWidth() throws Exception {
    Section s = relay(List.of(delivered("evil@ex\u001b]0;pwned\u0007ample.org",
        "251 2.1.5 User not local; will forward to <b@new.example>", 1)));
    StringWriter wide = new StringWriter();
    TableFormat.write(s, wide, Integer.MAX_VALUE);
    assertThat(wide.toString()).doesNotContain("\u001b").doesNotContain("\u0007").contains("\uFFFD");
    StringWriter narrow = new StringWriter();
    TableFormat.write(s, narrow, 80);
    for (String line : narrow.toString().split("\n")) {
      if (!line.startsWith("RCPT replies")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
      }
    }
    assertThat(narrow.toString()).contains("columns hidden").contains("251").contains("b@new.example=1");
    StringWriter medium = new StringWriter();
    TableFormat.write(s, medium, 150);
    // "deferred" (recipients) keeps its whole name: "defer" would read as deferrals (attempts).
    assertThat(medium.toString()).contains(" deferred ").contains("(10 columns hidden; --format csv shows all)");
  }

  @Test
  void table_cutsALongForwardPathList_ratherThanHideTheFigures() throws Exception {
    List<RecipientOutcome> outcomes = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      outcomes.add(delivered("a" + i + "@example.org",
          "251 2.1.5 User not local; will forward to <a-rather-long-forward-path-" + i + "@new.example>", 1));
    }
    StringWriter out = new StringWriter();
    TableFormat.write(relay(outcomes), out, 120);
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).contains("rcpts").contains("dlvrd").contains("251").contains("bounce").contains("reject")
        .contains("forward_paths");
    assertThat(lines[1]).contains("a-rather-long-forward-path-").contains("\u2026");
    for (String line : lines) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(120);
    }
  }

  @Test
  void json_numbersAreNumbers_countsAreObjects_andDelaysNullWhenNothingWasDelivered() throws Exception {
    RecipientOutcome rejected = new RecipientOutcome(Mta.POSTFIX, Optional.empty(), MessageContext.NONE,
        "r@example.com", Optional.empty(), "example.com", RecipientStatus.REJECTED, Optional.empty(), Optional.empty(),
        ReplyTextParser.parseReply("554 5.7.1 <r@example.com>: Relay access denied"), "Relay access denied",
        Optional.empty(), Optional.empty(), false, 0, 0, 0, 0, T, T, List.of("r@example.com"));
    JsonNode root = JsonFormat.tree(document(relay(List.of(rejected,
        delivered("a@example.net", "251 2.1.5 User not local; will forward to <b@new.example>", 1)))));
    assertThat(root.get(ReportKeys.REPORT).asText()).isEqualTo("relay");
    assertThat(root.get(ReportKeys.INPUT).get(ReportKeys.LINES).asLong()).isZero();
    JsonNode section = root.get(ReportKeys.SECTIONS).get(ReportKeys.SECTION_RELAY);
    JsonNode com = section.get(ReportKeys.ROWS).get(0);
    assertThat(com.get(ReportKeys.DOMAIN).asText()).isEqualTo("example.com");
    assertThat(com.get(ReportKeys.REJECTED).isNumber()).isTrue();
    assertThat(com.get(ReportKeys.REJECTED).asLong()).isEqualTo(1);
    assertThat(com.get(ReportKeys.DELAY_P50_S).isNull()).isTrue();
    JsonNode net = section.get(ReportKeys.ROWS).get(1);
    assertThat(net.get(ReportKeys.FORWARD_PATHS).get("b@new.example").asLong()).isEqualTo(1);
    assertThat(net.get(ReportKeys.DELAY_P50_S).decimalValue()).isEqualByComparingTo("1");
    assertThat(section.get(ReportKeys.ROWS).get(2).get(ReportKeys.DOMAIN).asText()).isEqualTo("*");
    assertThat(section.get(ReportKeys.NOTES).get(0).asText()).isEqualTo("RCPT reply visible for the 1 relayed recipient.");
  }

  @Test
  void csvFormat_refusesADocumentOfSeveralSections() {
    Section s = relay(List.of());
    ReportDocument two = new ReportDocument("x", InputSummary.of(new IngestReport(5)), List.of(s, s));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportFormat.CSV.write(two, new StringWriter(),
        ReportFormat.Options.DEFAULT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one section");
  }

  @Test
  void section_refusesACellOfTheWrongType() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Section("s", "S",
        List.of(Column.kept("n", ColumnType.COUNT)), List.of(Section.row("12"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("String in a COUNT column");
  }

  @Test
  void delaySketch_isExactThenApproximateWithinOnePercent() {
    DelaySketch sketch = new DelaySketch();
    for (int i = 1; i <= 100_000; i++) {
      sketch.add(i / 100.0);
    }
    assertThat(sketch.count()).isEqualTo(100_000);
    assertThat(sketch.max()).isEqualTo(1000.0);
    assertThat(sketch.percentile(50)).isCloseTo(500.0, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(sketch.percentile(95)).isCloseTo(950.0, org.assertj.core.data.Percentage.withPercentage(1));
    DelaySketch small = new DelaySketch();
    for (double d : new double[] {3, 1, 2}) {
      small.add(d);
    }
    assertThat(small.percentile(50)).isEqualTo(2.0);
    assertThat(small.percentile(95)).isEqualTo(3.0);
  }
}
