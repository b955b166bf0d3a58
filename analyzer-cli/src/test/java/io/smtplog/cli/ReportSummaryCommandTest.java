package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smtplog report summary} and {@code smtplog report codes} on the sample logs, in every format. */
class ReportSummaryCommandTest {
  private static final String LOG = CliRun.sample("postfix/loopback-relay.log").toString();
  private static final String EXIM = CliRun.sample("exim/relay-mainlog.log").toString();

  private static CliRun run(String... args) {
    return CliRun.run(Stream.concat(Stream.of(args), Stream.of("--year", "2026", "--timezone", "UTC"))
        .toArray(String[]::new));
  }

  @Test
  void table_showsEverySectionWithItsName() {
    CliRun run = run("report", "summary", LOG, EXIM);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Grand totals [totals]").contains("Traffic per day [traffic_daily]")
        .contains("Deferral reasons (deferred attempts) [deferral_reasons]").contains("Recipients per domain by outcome [relay]")
        .contains("Replies by code and meaning [reply_codes]");
    assertThat(run.out()).containsPattern("received\\s+65\\s").containsPattern("recipients\\s+92\\s");
    assertThat(run.err()).contains("Read 2,044 lines in 2 files");
  }

  @Test
  void eximRejects_withAReplyCodeInTheirText_countInTheCodesReport_andTheirReasonsCarryTheEnhancedCode()
      throws Exception {
    // Exim's test 0536: ACL messages with a code ("599 5.2.3 ..."), a wrong first digit (logged
    // with the verb's default, "550 Wrong code"), without a code, and with a separate log_message
    String log = CliRun.sample("corpus/exim-testsuite/log/0536").toString();
    ObjectMapper mapper = new ObjectMapper();
    CliRun codes = run("report", "codes", "--input-format", "exim", "--format", "json", log);
    assertThat(codes.exitCode()).as(codes.err()).isEqualTo(ExitCodes.OK);
    JsonNode replyCodes = mapper.readTree(codes.out()).get("sections").get("reply_codes").get("rows");
    assertThat(inLogs(replyCodes, "code", "599")).as("four RCPT rejects and one by the non-SMTP ACL").isEqualTo(5);
    assertThat(inLogs(replyCodes, "code", "550")).isEqualTo(2);
    assertThat(inLogs(replyCodes, "code", "451")).isEqualTo(2);
    assertThat(inLogs(replyCodes, "code", "490")).isEqualTo(2);
    JsonNode enhanced = mapper.readTree(codes.out()).get("sections").get("enhanced_codes").get("rows");
    assertThat(inLogs(enhanced, "enhanced", "5.2.3")).isEqualTo(1);

    CliRun summary = run("report", "summary", "--input-format", "exim", "--format", "json", log);
    JsonNode reasons = mapper.readTree(summary.out()).get("sections").get("reject_reasons").get("rows");
    assertThat(reasons).anySatisfy(r -> {
      assertThat(r.get("enhanced").asText()).isEqualTo("5.2.3");
      assertThat(r.get("reason").asText()).isEqualTo("RCPT: Main and extended code");
    });
    assertThat(reasons).anySatisfy(r -> {
      assertThat(r.get("enhanced").isNull()).isTrue();
      assertThat(r.get("reason").asText()).isEqualTo("RCPT: No code");
    });
  }

  private static long inLogs(JsonNode rows, String key, String value) {
    for (JsonNode row : rows) {
      if (row.get(key).asText().equals(value)) {
        return row.get("in_logs").asLong();
      }
    }
    return 0;
  }

  @Test
  void csv_needsASectionOrADirectory_andWritesOneFilePerSection(@TempDir Path dir) throws Exception {
    CliRun refused = run("report", "summary", "--format", "csv", LOG);
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("give --section NAME").contains("traffic_daily").doesNotContain("Exception");

    CliRun one = run("report", "summary", "--format", "csv", "--section", "top_senders", LOG);
    assertThat(one.exitCode()).isZero();
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(one.out())).getRecords();
    assertThat(rows.get(0).get("sender")).isEqualTo("alice@smtplog.test");
    assertThat(rows.get(0).get("messages")).isEqualTo("6");

    Path out = dir.resolve("csv");
    CliRun all = run("report", "summary", "--format", "csv", "--output", out.toString(), LOG);
    assertThat(all.exitCode()).isZero();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("totals.csv", "traffic_daily.csv",
          "reject_reasons.csv", "relay.csv", "reply_codes.csv", "enhanced_codes.csv", "connections_by_client.csv", "rcpt_replies.csv").hasSize(23);
    }
    assertThat(Files.readString(out.resolve("totals.csv"))).startsWith("metric,value,meaning\r\nreceived,27,");

    Files.writeString(dir.resolve("a-file"), "");
    CliRun nowhere = run("report", "summary", "--format", "json", "--output",
        dir.resolve("a-file/no/summary.json").toString(), LOG);
    assertThat(nowhere.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(nowhere.err()).contains("is a file, not a folder").doesNotContain("Read ");

    CliRun unknown = run("report", "summary", "--format", "csv", "--section", "nope", LOG);
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).startsWith("smtplog: --section nope: not a section of this report (totals, ");
  }

  @Test
  void theSectionsTheHelpNames_areTheSectionsOfTheReport() throws Exception {
    JsonNode root = new ObjectMapper().readTree(run("report", "summary", "--format", "json", LOG).out());
    List<String> written = new java.util.ArrayList<>();
    root.path("sections").fieldNames().forEachRemaining(written::add);
    String help = CliRun.run("report", "summary", "--help").out().replaceAll("\\s+", " ");
    String listed = help.substring(help.indexOf("Sections: ") + "Sections: ".length());
    assertThat(written).hasSize(23);
    assertThat(listed).startsWith(String.join(", ", written));
    for (String name : written) {
      assertThat(run("report", "summary", "--format", "csv", "--section", name, LOG).exitCode()).as(name).isZero();
    }
  }

  @Test
  void json_filtersAndPseudonyms(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key");
    Files.writeString(key, "correct horse battery\n");
    CliRun run = run("report", "summary", "--format", "json", "--since", "2026-11-29T13:28:46", "--until",
        "2026-11-29", "--sender-domain", "smtplog.test", "--pseudonymize-key-file", key.toString(), LOG);
    assertThat(run.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.path("report").asText()).isEqualTo("summary");
    assertThat(root.path("sections").path("totals").path("rows").get(0).path("value").asInt())
        .as("9 messages arrived from 13:28:46, one of them from stranger@example.net").isEqualTo(8);
    assertThat(run.out()).doesNotContain("alice@").contains("@smtplog.test");

    CliRun badTime = run("report", "summary", "--since", "yesterday", LOG);
    assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTime.err()).contains("--since 'yesterday' is not a time").contains("24h");
    CliRun shortKey = run("report", "summary", "--pseudonymize", "abc", LOG);
    assertThat(shortKey.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(shortKey.err()).contains("8 characters");
    CliRun badMta = run("report", "summary", "--mta", "sendmail", LOG);
    assertThat(badMta.err()).isEqualTo("smtplog: --mta sendmail: not an mta (postfix, exim, transcript)\n");
  }

  @Test
  void html_andPrometheus_toFiles(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("summary.html");
    CliRun run = run("report", "summary", "--format", "html", "--output", html.toString(), LOG, EXIM);
    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg").contains("Grand totals");

    CliRun prom = run("report", "summary", "--format", "prometheus", LOG);
    assertThat(prom.out()).contains("# TYPE smtplog_recipients gauge").contains("smtplog_recipients{outcome=\"delivered\"} 22")
        .contains("smtplog_delivered_recipients_by_rcpt_reply{rcpt_reply=\"251\"} 3")
        .contains("smtplog_replies{class=\"2xx\",code=\"251\",source=\"transcripts\"} 3").doesNotContain("domain=");
    CliRun perDomain = run("report", "summary", "--format", "prometheus", "--per-domain", LOG);
    assertThat(perDomain.out()).contains("smtplog_domain_recipients{domain=\"example.net\",outcome=\"delivered\"} 3")
        .contains("smtplog_domain_delivered_recipients_by_rcpt_reply{domain=\"example.net\",rcpt_reply=\"251\"} 2");
    CliRun wrong = run("report", "summary", "--per-domain", LOG);
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("--per-domain is for --format prometheus");

    CliRun relayPseudonyms = run("report", "relay", "--format", "csv", "--pseudonymize", "correct horse battery", LOG);
    assertThat(relayPseudonyms.exitCode()).isZero();
    assertThat(relayPseudonyms.out()).contains("example.net").doesNotContain("fwd.erin@").doesNotContain("moved.peggy@")
        .containsPattern("u[0-9a-f]{10}@forward\\.example\\.net");

    CliRun relayHtml = run("report", "relay", "--format", "html", LOG);
    assertThat(relayHtml.out()).contains("id=\"chart-domains\"").contains("<h2 id=\"relay\">");
  }

  @Test
  void codes_byRelay_andFromTheIndex(@TempDir Path dir) throws Exception {
    CliRun codes = run("report", "codes", "--format", "csv", "--section", "reply_codes", "--by", "relay", LOG);
    assertThat(codes.exitCode()).isZero();
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(codes.out())).getRecords();
    assertThat(rows).anySatisfy(r -> {
      assertThat(r.get("relay")).isEqualTo("127.0.0.2[127.0.0.2]:2525");
      assertThat(r.get("code")).isEqualTo("251");
      assertThat(r.get("tag")).isEqualTo("user-not-local-will-forward");
    });

    Path index = dir.resolve("index");
    assertThat(CliRun.run("ingest", "--index", index.toString(), "--year", "2026", "--timezone", "UTC", LOG).exitCode())
        .isZero();
    CliRun fromLogs = run("report", "codes", "--format", "json", LOG);
    CliRun fromIndex = run("report", "codes", "--format", "json", "--index", index.toString());
    assertThat(fromIndex.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(fromIndex.out()).path("sections"))
        .isEqualTo(new ObjectMapper().readTree(fromLogs.out()).path("sections"));
    CliRun selected = run("report", "summary", "--format", "json", "--index", index.toString(), "--query",
        "domain:example.net");
    assertThat(selected.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(selected.out()).path("sections").path("relay").path("rows").get(0)
        .path("domain").asText()).isEqualTo("example.net");
    CliRun both = run("report", "codes", "--index", index.toString(), LOG);
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
