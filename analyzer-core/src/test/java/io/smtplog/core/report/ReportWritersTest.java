package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.session.RecipientOutcome;
import io.smtplog.core.session.RecipientStatus;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ReportWritersTest {
  private static final Instant T = Instant.parse("2026-11-29T13:28:45Z");

  private static RecipientOutcome delivered(String rcpt, String rcptReply, double delaySeconds) {
    return new RecipientOutcome(Mta.POSTFIX, Optional.of(new QueueId("ABCDEF1234")), rcpt,
        rcpt.substring(rcpt.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT), Optional.empty(),
        RecipientStatus.DELIVERED, ReplyTextParser.parseReply(rcptReply), ReplyTextParser.parseReply("250 2.0.0 Ok"),
        Peer.parse("mx.example.org[192.0.2.7]:25"), false, 0, Optional.of(Duration.ofMillis((long) (delaySeconds * 1000))),
        T, T.plusSeconds(5), Peer.parse("client.example.net[198.51.100.9]"), Optional.of("alice@example.net"));
  }

  private static RelayReportDocument document(List<RecipientOutcome> outcomes) {
    RelayReport report = new RelayReport(Optional.empty());
    outcomes.forEach(report);
    return new RelayReportDocument(InputSummary.of(new IngestReport(5)), report.rows(0, ZoneOffset.UTC),
        report.totals(ZoneOffset.UTC));
  }

  @Test
  void relayRow_counts250And251_forwardPaths_andPercentiles() {
    RelayReportDocument doc = document(List.of(
        delivered("a@Example.NET", "250 2.1.5 Ok", 1),
        delivered("b@example.net", "251 2.1.5 User not local; will forward to <b@new.example>", 2),
        delivered("c@example.net", "251 2.1.5 User not local; will forward to <b@new.example>", 10),
        delivered("d@example.org", "250 2.1.5 Ok", 0.5)));
    RelayRow net = doc.domains().get(0);
    assertThat(net.domain()).isEqualTo("example.net");
    assertThat(net.recipients()).isEqualTo(3);
    assertThat(net.accepted250()).isEqualTo(1);
    assertThat(net.forwarded251()).isEqualTo(2);
    assertThat(net.relayed()).isEqualTo(3);
    assertThat(net.forwardPaths()).isEqualTo("b@new.example=2");
    assertThat(net.relayHosts()).isEqualTo("mx.example.org[192.0.2.7]:25=3");
    assertThat(net.delayP50Seconds().orElseThrow().toPlainString()).isEqualTo("2");
    assertThat(net.delayMaxSeconds().orElseThrow().toPlainString()).isEqualTo("10");
    assertThat(doc.totals().recipients()).isEqualTo(4);
    assertThat(doc.totals().delayP50Seconds().orElseThrow().toPlainString()).isEqualTo("1");
    assertThat(net.cells().get(17)).isEqualTo("2026-11-29T13:28:45Z");
  }

  @Test
  void csv_neutralisesFormulasAndControlCharacters_andQuotes() throws Exception {
    RelayReportDocument doc = document(List.of(
        delivered("x@example.org", "251 2.1.5 will forward to <=HYPERLINK(\"http://evil\")@x>", 1),
        delivered("y@example.net", "251 2.1.5 will forward to <\u001b[31mred@x>", 1)));
    StringWriter out = new StringWriter();
    CsvReportWriter.writeRelay(doc, out);
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(out.toString())).getRecords();
    assertThat(records).hasSize(3);
    assertThat(records.get(1).get(ReportKeys.DOMAIN)).isEqualTo("example.org");
    assertThat(records.get(1).get(ReportKeys.FORWARD_PATHS)).isEqualTo("'=HYPERLINK(\"http://evil\")@x=1");
    assertThat(records.get(0).get(ReportKeys.FORWARD_PATHS)).isEqualTo("\uFFFD[31mred@x=1");
    assertThat(out.toString()).doesNotContain("\u001b");
    assertThat(records.get(2).get(ReportKeys.DOMAIN)).isEqualTo("*");
    assertThat(out.toString()).startsWith(String.join(",", ReportKeys.RELAY_COLUMNS) + "\r\n");
  }

  @Test
  void neutralizeFormula_coversEveryTriggerCharacter() {
    for (String cell : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(SafeText.neutralizeFormula(cell)).startsWith("'");
    }
    assertThat(SafeText.neutralizeFormula("example.org")).isEqualTo("example.org");
  }

  @Test
  void table_stripsEscapes_andFitsTheWidthByDroppingColumns() throws Exception {
    RelayReportDocument doc = document(List.of(delivered("evil@ex\u001b]0;pwned\u0007ample.org", "250 2.1.5 Ok", 1)));
    StringWriter wide = new StringWriter();
    RelayTables.write(doc, wide, Integer.MAX_VALUE);
    assertThat(wide.toString()).doesNotContain("\u001b").doesNotContain("\u0007").contains("\uFFFD");
    StringWriter narrow = new StringWriter();
    RelayTables.write(doc, narrow, 80);
    for (String line : narrow.toString().split("\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
    assertThat(narrow.toString()).contains("(10 columns hidden");
    StringWriter medium = new StringWriter();
    RelayTables.write(doc, medium, 150);
    assertThat(medium.toString()).contains("columns hidden at this width: first_seen, last_seen, relay_hosts");
  }

  @Test
  void json_hasInputDomainsTotals_andNullDelaysWhenNothingWasDelivered() throws Exception {
    RecipientOutcome rejected = new RecipientOutcome(Mta.POSTFIX, Optional.empty(), "r@example.com", "example.com",
        Optional.empty(), RecipientStatus.REJECTED, Optional.empty(),
        ReplyTextParser.parseReply("554 5.7.1 <r@example.com>: Relay access denied"), Optional.empty(), false, 0,
        Optional.empty(), T, T, Optional.empty(), Optional.empty());
    StringWriter out = new StringWriter();
    JsonReportWriter.writeRelay(document(List.of(rejected)), out);
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertThat(root.get(ReportKeys.INPUT).get(ReportKeys.LINES).asLong()).isZero();
    JsonNode row = root.get(ReportKeys.DOMAINS).get(0);
    assertThat(row.get(ReportKeys.REJECTED).asLong()).isEqualTo(1);
    assertThat(row.get(ReportKeys.DELAY_P50_S).isNull()).isTrue();
    assertThat(root.get(ReportKeys.TOTALS).get(ReportKeys.DOMAIN).asText()).isEqualTo("*");
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
