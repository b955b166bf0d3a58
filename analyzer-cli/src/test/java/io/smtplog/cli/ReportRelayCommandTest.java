package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRelayCommandTest {
  private static final String LOG = CliRun.sample("postfix/loopback-relay.log").toString();

  @Test
  void table_ofTheSampleDirectory_listsDomainsAndTotals() {
    CliRun run = CliRun.run("report", "relay", "--year", "2026", "--timezone", "UTC",
        CliRun.sample("postfix/loopback-relay.log").toString(), CliRun.sample("postfix/content-filter.log").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    String[] lines = run.out().split("\n");
    assertThat(lines[0]).startsWith("domain").contains("accepted_250").contains("forwarded_251").contains("last_seen");
    assertThat(lines[1]).startsWith("smtplog.test");
    // loopback-relay.log (47 recipients) and content-filter.log (15), read together: recipients,
    // delivered, 250, 251, 252, RCPT reply unseen, relayed, local, deferred, bounced, expired,
    // rejected, discarded, deferrals, forwarded, hops
    assertThat(lines[lines.length - 2]).matches(
        "\\*\\s+62\\s+31\\s+21\\s+5\\s+1\\s+4\\s+27\\s+4\\s+0\\s+20\\s+5\\s+6\\s+0\\s+25\\s+1\\s+11\\s.*");
    assertThat(lines[lines.length - 1])
        .isEqualTo("RCPT replies visible for all 27 relayed recipients; 4 delivered locally (no RCPT).");
    assertThat(run.err()).contains("Read 2,277 lines in 2 files: 1,189 events, 61 ignored, 1,027 other, 0 problems.");
  }

  @Test
  void csv_hasTheIssueColumnsInOrder() throws Exception {
    CliRun run = CliRun.run("report", "relay", "--format", "csv", "--year", "2026", "--timezone", "UTC", LOG);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("domain,recipients,delivered,accepted_250,forwarded_251,accepted_252,"
        + "rcpt_reply_unseen,relayed,local,deferred,bounced,expired,rejected,discarded,deferrals,forwarded,hops,"
        + "relayed_through,forward_paths,relay_hosts,rcpt_replies,delay_p50_s,delay_p95_s,delay_max_s,first_seen,"
        + "last_seen\r\n");
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(run.out())).getRecords();
    CSVRecord net = rows.stream().filter(r -> r.get("domain").equals("example.net")).findFirst().orElseThrow();
    assertThat(net.get("forwarded_251")).isEqualTo("2");
    assertThat(net.get("forward_paths")).isEqualTo("fwd.erin@forward.example.net=1;fwd.frank@forward.example.net=1");
    // moved@smtplog.test was aliased to fwd.dave@example.net, whose server answered 251: the row is
    // the domain the mail was addressed to, and the 251's forward-path is its forward target.
    CSVRecord local = rows.stream().filter(r -> r.get("domain").equals("smtplog.test")).findFirst().orElseThrow();
    assertThat(local.get("forwarded_251")).isEqualTo("1");
    assertThat(local.get("forward_paths")).contains("fwd.dave@forward.example.net=1").contains("root@smtplog.test=2");
    assertThat(rows.get(rows.size() - 1).get("domain")).isEqualTo("*");
  }

  @Test
  void json_toAFile_withTopAndDomainFilters(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("relay.json");
    CliRun run = CliRun.run("report", "relay", "--format", "json", "--top", "1", "--output", out.toString(),
        "--year", "2026", "--timezone", "UTC", LOG);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    String json = Files.readString(out);
    assertThat(CliRun.relayRows(json)).as("one domain and the totals").hasSize(2);
    assertThat(CliRun.relayTotals(json).get("recipients").asInt()).isEqualTo(47);
    assertThat(new ObjectMapper().readTree(json).get("input").get("lines").asInt()).isEqualTo(1702);

    CliRun filtered = CliRun.run("report", "relay", "--format", "json", "--domain", "EXAMPLE.net", "--year", "2026",
        "--timezone", "UTC", LOG);
    JsonNode rows = CliRun.relayRows(filtered.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("domain").asText()).isEqualTo("example.net");
    assertThat(CliRun.relayTotals(filtered.out()).get("recipients").asInt()).isEqualTo(6);
  }

  @Test
  void strict_withProblems_exits4_namingTheFirstProblem() {
    String broken = CliRun.sample("broken/sergeymakinen-mail.log").toString();
    CliRun lenient = CliRun.run("report", "relay", "--year", "2026", broken);
    assertThat(lenient.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(lenient.err()).contains("problems (").contains("sergeymakinen-mail.log:2 [UNKNOWN_LINE]");
    CliRun strict = CliRun.run("report", "relay", "--strict", "--year", "2026", broken);
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
    assertThat(strict.err()).contains("--strict:").contains("the first at ").contains("sergeymakinen-mail.log:2");
  }

  @Test
  void missingInput_exits3_withOneLineAndNoStackTrace() {
    CliRun run = CliRun.run("report", "relay", "/no/such/maillog");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err().strip()).isEqualTo("smtplog: cannot read /no/such/maillog: no such file or directory");
  }

  @Test
  void directoryWithoutLogs_exits3_sayingWhy(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.md"), "not a log\n"); // (a notes.txt is read: FoldersTest)
    CliRun run = CliRun.run("report", "relay", dir.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).startsWith("smtplog: no log files in " + dir + ": skipped 1 file: " + dir.resolve("notes.md"));
  }

  @Test
  void rotatedCompressedSet_inADirectory_isReadOldestFirst(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(LOG));
    int half = lines.size() / 2;
    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("mail.log.1.gz")))) {
      gz.write((String.join("\n", lines.subList(0, half)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.write(dir.resolve("mail.log"), lines.subList(half, lines.size()));
    CliRun run = CliRun.run("report", "relay", "--format", "json", "--year", "2026", "--timezone", "UTC", dir.toString());
    assertThat(run.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("input").get("files").get(0).asText()).endsWith("mail.log.1.gz");
    assertThat(CliRun.relayTotals(run.out()).get("recipients").asInt()).as("same as the single file").isEqualTo(47);
    assertThat(CliRun.relayTotals(run.out()).get("expired").asInt()).isEqualTo(4);
  }

  @Test
  void unwritableOutput_exits3_namingTheFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "");
    Path target = file.resolve("relay.csv");
    CliRun run = CliRun.run("report", "relay", "--format", "csv", "-o", target.toString(), LOG);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).isEqualTo("smtplog: cannot write " + target + ": " + file + " is a file, not a folder\n");
  }

  @Test
  void badOptions_exit2() {
    assertThat(CliRun.run("report", "relay", "--format", "xml", LOG).exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun zone = CliRun.run("report", "relay", "--timezone", "Mars/Olympus", LOG);
    assertThat(zone.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(zone.err()).contains("unknown time zone 'Mars/Olympus'");
    assertThat(CliRun.run("report", "relay").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void stdinDash_isAnInput() throws Exception {
    var previous = System.in;
    try (var in = Files.newInputStream(Path.of(LOG))) {
      System.setIn(in);
      CliRun run = CliRun.run("report", "relay", "--format", "json", "--year", "2026", "--timezone", "UTC", "-");
      assertThat(run.exitCode()).isZero();
      assertThat(CliRun.relayTotals(run.out()).get("recipients").asInt()).isEqualTo(47);
    } finally {
      System.setIn(previous);
    }
  }
}
