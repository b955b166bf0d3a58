package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.report.format.Cells;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, terminal tables, as a person runs them: one section in every format, a window that
 * matched nothing, sizes in tables as pflogsumm prints them beside the exact bytes of CSV and JSON,
 * plurals, and the columns that name what they count.
 */
class ReportTablesCommandTest {
  private static final String LOG = CliRun.sample("postfix/loopback-relay.log").toString();

  private static CliRun run(String... args) {
    return CliRun.run(Stream.concat(Stream.of(args), Stream.of("--year", "2026", "--timezone", "UTC"))
        .toArray(String[]::new));
  }

  private static List<CSVRecord> csv(String text) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(text)).getRecords();
  }

  @Test
  void section_worksInEveryFormat_andOneSectionIsATableOfItsOwn() throws Exception {
    CliRun table = run("report", "summary", LOG, "--section", "deferral_reasons", "--width", "80");
    assertThat(table.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(table.out()).startsWith("enhanced  reason").doesNotContain("[deferral_reasons]")
        .doesNotContain("Grand totals").contains("4.4.1     connect to 127.0.0.2[ip]:N: Connection refused");
    assertThat(table.out().lines().count()).isEqualTo(5);

    CliRun csv = run("report", "summary", LOG, "--section", "deferral_reasons", "--format", "csv");
    assertThat(csv.out()).startsWith("enhanced,reason,deferrals\r\n");
    assertThat(csv(csv.out())).hasSize(4).allSatisfy(r -> assertThat(r.get("deferrals")).isEqualTo("5"));

    JsonNode json = new ObjectMapper().readTree(
        run("report", "summary", LOG, "--section", "deferral_reasons", "--format", "json").out());
    List<String> names = new ArrayList<>();
    json.get("sections").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("deferral_reasons");

    String html = run("report", "summary", LOG, "--section", "bounce_reasons", "--format", "html").out();
    assertThat(html).contains("data-section=\"bounce_reasons\"").doesNotContain("data-section=\"totals\"")
        .contains("<th>bounced</th>");

    String prometheus = run("report", "summary", LOG, "--section", "totals", "--format", "prometheus").out();
    assertThat(prometheus).contains("smtplog_received_bytes 11894\n").contains("smtplog_deferrals 20\n");

    CliRun relay = run("report", "relay", LOG, "--section", "relay", "--width", "120");
    assertThat(relay.out()).startsWith("domain               rcpts  dlvrd  250  251");
  }

  @Test
  void unknownSection_isRefusedWithTheValidNames() {
    CliRun codes = run("report", "codes", LOG, "--section", "reasons");
    assertThat(codes.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(codes.err()).isEqualTo("smtplog: --section reasons: not a section of this report (reply_codes,"
        + " enhanced_codes, rcpt_replies)\n");
    assertThat(codes.out()).isEmpty();
    CliRun near = run("report", "codes", LOG, "--section", "reply_code");
    assertThat(near.err()).isEqualTo("smtplog: --section reply_code: not a section of this report; did you mean"
        + " reply_codes? (reply_codes, enhanced_codes, rcpt_replies)\n");
  }

  @Test
  void aWindowThatMatchedNothing_isOneLine_andStillValidCsvAndJson() throws Exception {
    CliRun table = run("report", "summary", LOG, "--since", "2030-01-01");
    assertThat(table.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(table.out()).isEqualTo("Nothing matched --since 2030-01-01: of the 882 events read, none is in the"
        + " report.\n");
    assertThat(table.err()).contains("Read 1,702 lines in 1 file: 882 events");

    CliRun domain = run("report", "relay", LOG, "--domain", "nowhere.example", "--until", "2026-12-31");
    assertThat(domain.out()).isEqualTo("Nothing matched --until 2026-12-31 --domain nowhere.example: of the 882"
        + " events read, none is in the report.\n");

    CliRun csvRun = run("report", "relay", LOG, "--since", "2030-01-01", "--format", "csv");
    // CSV, JSON, HTML and Prometheus say it on standard error, so that a script or cron job sees it too.
    assertThat(csvRun.err()).startsWith("Nothing matched --since 2030-01-01: of the 882 events read, none is in the"
        + " report.\nRead 1,702 lines in 1 file");
    for (String format : List.of("json", "html", "prometheus")) {
      assertThat(run("report", "summary", LOG, "--since", "2030-01-01", "--format", format).err()).as(format)
          .startsWith("Nothing matched --since 2030-01-01: ");
    }
    assertThat(run("report", "relay", LOG, "--since", "2026-11-29", "--format", "csv").err()).doesNotContain("Nothing");
    List<CSVRecord> relay = csv(csvRun.out());
    assertThat(relay).hasSize(1);
    assertThat(relay.get(0).get("domain")).isEqualTo("*");
    assertThat(relay.get(0).get("recipients")).isEqualTo("0");

    JsonNode json = new ObjectMapper().readTree(
        run("report", "summary", LOG, "--since", "2030-01-01", "--format", "json").out());
    assertThat(json.get("sections").get("deferral_reasons").get("rows")).isEmpty();
    assertThat(json.get("sections").get("totals").get("rows").get(0).get("value").asLong()).isZero();

    // A window with mail in it is a report, not the line.
    assertThat(run("report", "relay", LOG, "--since", "2026-11-29").out()).startsWith("domain ");
  }

  @Test
  void sizes_inTablesAsPflogsummPrintsThem_exactInCsvAndJson(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("generated.log");
    assertThat(CliRun.run("generate", "--megabytes", "3", "--domains", "20", "-o", log.toString()).exitCode())
        .isEqualTo(ExitCodes.OK);
    String file = log.toString();

    Map<String, String> exact = new HashMap<>();
    for (CSVRecord r : csv(CliRun.run("report", "summary", file, "--section", "domains_delivered", "--format", "csv")
        .out())) {
      exact.put(r.get("domain"), r.get("bytes"));
    }
    String table = CliRun.run("report", "summary", file, "--section", "domains_delivered", "--width", "120").out();
    int kib = 0;
    for (String line : table.lines().skip(1).toList()) {
      String[] cells = line.trim().split(" +");
      String bytes = exact.get(cells[0]);
      assertThat(cells[2]).as(line).isEqualTo(Cells.humanBytes(Long.parseLong(bytes)));
      kib += cells[2].endsWith("k") ? 1 : 0;
    }
    assertThat(table.lines().count() - 1).isEqualTo(exact.size()).isPositive();
    assertThat(kib).isPositive();

    // The totals: pflogsumm prints "249600k  bytes received" for this log (seed 42).
    JsonNode totals = new ObjectMapper().readTree(CliRun.run("report", "summary", file, "--section", "totals",
        "--format", "json").out()).get("sections").get("totals").get("rows");
    long received = 0;
    for (JsonNode row : totals) {
      if (row.get("metric").asText().equals("bytes_received")) {
        received = row.get("value").asLong();
      }
    }
    assertThat(received).isEqualTo(255_591_209L);
    assertThat(CliRun.run("report", "summary", file, "--section", "totals", "--width", "100").out())
        .containsPattern("\nbytes_received +249600k  sizes of the messages received\n");
    assertThat(CliRun.run("report", "summary", file, "--section", "totals", "--format", "csv").out())
        .contains("\r\nbytes_received,255591209,");
  }

  /** One message of loopback-relay.log, its size made 600,000 bytes (pflogsumm: 585k). */
  private static Path largeMessage(Path dir) throws IOException {
    Path log = dir.resolve("large.log");
    Files.writeString(log, String.join("\n",
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: 2084020C171: client=unknown[127.0.0.1]",
        "Nov 29 13:28:45 mx1 postfix/cleanup[4934]: 2084020C171: message-id=<20261129132845.004930@vm>",
        "Nov 29 13:28:45 mx1 postfix/qmgr[4927]: 2084020C171: from=<alice@smtplog.test>, size=600000, nrcpt=1"
            + " (queue active)",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: 2084020C171: to=<bob@example.com>, relay=127.0.0.2[127.0.0.2]:2525,"
            + " delay=0.03, delays=0.01/0.02/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: message accepted)",
        "Nov 29 13:28:45 mx1 postfix/qmgr[4927]: 2084020C171: removed", ""), StandardCharsets.UTF_8);
    return log;
  }

  @Test
  void aMessageOf600000Bytes_is585kInTablesAndQueries_exactInCsvAndJson(@TempDir Path dir) throws Exception {
    String log = largeMessage(dir).toString();
    assertThat(run("report", "summary", log, "--section", "top_senders").out())
        .isEqualTo("sender              messages  bytes\nalice@smtplog.test         1   585k\n");
    assertThat(run("report", "summary", log, "--section", "top_senders", "--format", "csv").out())
        .isEqualTo("sender,messages,bytes\r\nalice@smtplog.test,1,600000\r\n");
    assertThat(new ObjectMapper().readTree(run("report", "summary", log, "--section", "domains_delivered", "--format",
        "json").out()).at("/sections/domains_delivered/rows/0/bytes").asLong()).isEqualTo(600_000);
    assertThat(run("report", "summary", log, "--section", "totals", "--width", "100").out())
        .containsPattern("\nbytes_received +585k  sizes").containsPattern("\nreceived +1  messages");

    String index = dir.resolve("index").toString();
    assertThat(run("ingest", "--index", index, log).exitCode()).isEqualTo(ExitCodes.OK);
    CliRun table = CliRun.run("query", "--index", index, "--width", "200", "kind:message");
    assertThat(table.out()).contains(" 585k ").doesNotContain("600000");
    assertThat(CliRun.run("query", "--index", index, "--format", "csv", "kind:message").out()).contains(",600000,");
  }

  @Test
  void plurals_oneFileOneColumn() {
    CliRun narrow = run("report", "summary", LOG, "--section", "connections_by_client", "--width", "60");
    assertThat(narrow.out()).endsWith("(1 column hidden at this width: max_seconds)\n");
    assertThat(narrow.err()).startsWith("Read 1,702 lines in 1 file: 882 events, ");
    assertThat(run("report", "summary", LOG, "--section", "traffic_daily", "--width", "64").out())
        .endsWith("(2 columns hidden at this width: discarded, expired)\n");
  }

  @Test
  void columnNames_sayWhatTheyCount_theSameInEveryFormat() throws Exception {
    JsonNode sections = new ObjectMapper().readTree(run("report", "summary", LOG, "--format", "json").out())
        .get("sections");
    Map<String, List<String>> columns = new HashMap<>();
    sections.fields().forEachRemaining(e -> {
      List<String> names = new ArrayList<>();
      e.getValue().get("columns").forEach(c -> names.add(c.asText()));
      columns.put(e.getKey(), names);
    });
    assertThat(columns.get("deferral_reasons")).containsExactly("enhanced", "reason", "deferrals");
    assertThat(columns.get("bounce_reasons")).containsExactly("enhanced", "reason", "bounced");
    assertThat(columns.get("reject_reasons")).containsExactly("enhanced", "reason", "reject_records");
    assertThat(columns.get("diagnostics")).containsExactly("severity", "text", "lines");
    assertThat(columns.get("delays")).containsExactly("scope", "part", "delivered", "p50_s", "p90_s", "p95_s",
        "p99_s", "max_s");
    assertThat(columns.get("traffic_daily")).containsExactly("date", "received", "delivered", "deferrals", "bounced",
        "expired", "rejected", "discarded");
    // "count" meant four things; "deferred" (recipients still deferred) stays where recipients are counted.
    columns.forEach((section, names) -> {
      assertThat(names).as(section).doesNotContain("count");
      if (!section.equals("relay")) {
        assertThat(names).as(section).doesNotContain("deferred");
      }
    });
    assertThat(columns.get("relay")).contains("deferred", "deferrals", "bounced", "expired");
    // The same names in CSV and in the table's header.
    assertThat(run("report", "summary", LOG, "--section", "delays", "--format", "csv").out())
        .startsWith("scope,part,delivered,p50_s,");
    assertThat(run("report", "summary", LOG, "--section", "reject_reasons").out())
        .startsWith("enhanced  reason").contains("reject_records\n");
  }
}
