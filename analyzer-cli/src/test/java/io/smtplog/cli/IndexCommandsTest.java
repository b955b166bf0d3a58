package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** smtplog ingest, query (every output form), index stats, and report relay --index. */
class IndexCommandsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Path ingest(Path dir) {
    CliRun run = CliRun.run("ingest", "--index", dir.toString(), "--year", "2026", "--timezone", "UTC",
        "--transcript-time", "2026-11-29T12:00", CliRun.sample("postfix/loopback-relay.log").toString(), CliRun.sample("exim/relay-mainlog.log").toString(),
        CliRun.sample("transcripts/telnet-sink.transcript").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("Indexed ").contains(" events and ").contains("events/s");
    return dir;
  }

  @Test
  void ingestTwice_addsNothingTheSecondTime(@TempDir Path dir) {
    ingest(dir);
    CliRun again = CliRun.run("ingest", "--index", dir.toString(), "--year", "2026",
        CliRun.sample("postfix/loopback-relay.log").toString());
    assertThat(again.err()).contains("Indexed 0 events");
  }

  @Test
  void query_count_table_csv_ndjson_facets_sessions(@TempDir Path dir) throws Exception {
    ingest(dir);
    String index = dir.toString();
    CliRun count = CliRun.run("query", "--index", index, "--count", "code:251");
    assertThat(Long.parseLong(count.out().strip())).isPositive();
    CliRun table = CliRun.run("query", "--index", index, "--timezone", "UTC", "--limit", "3", "tag:user-not-local-try");
    assertThat(table.out()).startsWith("time").contains("user-not-local-try");
    CliRun csv = CliRun.run("query", "--index", index, "--format", "csv", "domain:EXAMPLE.org", "AND", "status:bounced");
    assertThat(csv.out()).startsWith("time,mta,event,queue_id,sender,recipient,code,tag,status,relay,file,line,session\r\n")
        .contains("@example.org");
    CliRun ndjson = CliRun.run("query", "--index", index, "--format", "ndjson", "--limit", "2", "--sort", "-code",
        "event:delivery_attempt");
    String[] lines = ndjson.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = MAPPER.readTree(lines[0]);
    assertThat(first.get("code").asInt()).isGreaterThanOrEqualTo(MAPPER.readTree(lines[1]).get("code").asInt());
    assertThat(first.get("event_json").get("@type").asText()).isEqualTo("DeliveryAttempt");
    CliRun facets = CliRun.run("query", "--index", index, "--format", "json", "--facet", "domain,code",
        "event:delivery_attempt");
    JsonNode f = MAPPER.readTree(facets.out());
    assertThat(f.get("domain").get("example.org").asLong()).isPositive();
    assertThat(f.get("code").get("250").asLong()).isPositive();
    CliRun sessions = CliRun.run("query", "--index", index, "--sessions", "code:251");
    assertThat(sessions.out()).contains("# session 1").contains("# user-not-local-will-forward");
    CliRun all = CliRun.run("query", "--index", index, "--count", "*");
    CliRun day = CliRun.run("query", "--index", index, "--count", "--timezone", "UTC", "time:[2026-11-29 TO 2026-11-29]");
    CliRun longAgo = CliRun.run("query", "--index", index, "--count", "time:[* TO now-10000d]");
    CliRun sinceThen = CliRun.run("query", "--index", index, "--count", "time:[now-10000d TO *]");
    assertThat(day.out()).isEqualTo(all.out());
    assertThat(sinceThen.out()).isEqualTo(all.out());
    assertThat(longAgo.out().strip()).isEqualTo("0");
  }

  @Test
  void aBadQuery_isAUsageErrorPointingAtTheColumn_withoutAStackTrace(@TempDir Path dir) {
    ingest(dir);
    CliRun bad = CliRun.run("query", "--index", dir.toString(), "code:[400 TO");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("cannot parse the query at column 13").contains("^").doesNotContain("Exception")
        .doesNotContain("\tat ");
    CliRun none = CliRun.run("query", "--index", dir.resolve("missing").toString(), "code:250");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(none.err()).contains("no index at").contains("smtplog ingest");
  }

  @Test
  void indexStats_andTheRelayReportFromTheIndex_equalTheReportFromTheLogs(@TempDir Path dir) throws Exception {
    ingest(dir);
    CliRun stats = CliRun.run("index", "stats", "--index", dir.toString());
    assertThat(stats.out()).contains("documents").contains("sessions").contains("time range").contains("size on disk")
        .contains("by mta").contains("postfix").contains("exim").contains("by event").contains("delivery_attempt");
    CliRun fromIndex = CliRun.run("report", "relay", "--format", "json", "--timezone", "UTC", "--index", dir.toString());
    CliRun fromLogs = CliRun.run("report", "relay", "--format", "json", "--year", "2026", "--timezone", "UTC",
        "--transcript-time", "2026-11-29T12:00", CliRun.sample("postfix/loopback-relay.log").toString(), CliRun.sample("exim/relay-mainlog.log").toString(),
        CliRun.sample("transcripts/telnet-sink.transcript").toString());
    JsonNode a = MAPPER.readTree(fromIndex.out());
    JsonNode b = MAPPER.readTree(fromLogs.out());
    assertThat(a.get("sections")).isEqualTo(b.get("sections"));
    CliRun onlyExim = CliRun.run("report", "relay", "--format", "json", "--timezone", "UTC", "--index", dir.toString(),
        "--query", "mta:exim");
    assertThat(CliRun.relayTotals(onlyExim.out()).get("recipients").asInt()).isEqualTo(45);
  }

  @Test
  void aSecondIngest_failsAtOnceNamingTheLock(@TempDir Path dir) throws Exception {
    ingest(dir);
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
        var writer = new org.apache.lucene.index.IndexWriter(directory, new org.apache.lucene.index.IndexWriterConfig())) {
      CliRun second = CliRun.run("ingest", "--index", dir.toString(), "--year", "2026",
          CliRun.sample("exim/relay-rejectlog.log").toString());
      assertThat(second.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(second.err()).contains("write.lock").contains("another ingest").doesNotContain("\tat ");
      CliRun query = CliRun.run("query", "--index", dir.toString(), "--count", "*");
      assertThat(query.exitCode()).as("queries keep working during an ingest").isZero();
      assertThat(Long.parseLong(query.out().strip())).isPositive();
    }
  }
}
