package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** smtplog ingest, query (every output form), trace, index stats, and reports from the index. */
class IndexCommandsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] LOGS = {"--year", "2026", "--timezone", "UTC", "--transcript-time", "2026-11-29T12:00",
      CliRun.sample("postfix/loopback-relay.log").toString(), CliRun.sample("exim/relay-mainlog.log").toString(),
      CliRun.sample("transcripts/telnet-sink.transcript").toString()};

  private static Path ingest(Path dir) {
    CliRun run = CliRun.run(args("ingest", "--index", dir.toString()));
    assertThat(run.exitCode()).as(run.err()).isZero();
    // 47 + 45 recipients in the reviewed relay reports of the two logs, 3 in the telnet session.
    assertThat(run.err()).contains("Indexed 2,068 lines from 3 files").contains("lines/s")
        .contains(": 95 recipients, 79 messages, 106 sessions, 39 other events.");
    return dir;
  }

  private static String[] args(String... first) {
    String[] all = new String[first.length + LOGS.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(LOGS, 0, all, first.length, LOGS.length);
    return all;
  }

  private static long count(Path dir, String query) {
    CliRun run = CliRun.run("query", "--index", dir.toString(), "--count", query);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Long.parseLong(run.out().strip());
  }

  @Test
  void ingestTwice_addsNothingTheSecondTime(@TempDir Path dir) {
    ingest(dir);
    CliRun again = CliRun.run(args("ingest", "--index", dir.toString()));
    assertThat(again.err()).contains("Indexed 0 lines from 3 files");
    assertThat(count(dir, "kind:recipient")).isEqualTo(95);
  }

  @Test
  void theQuestionsPeopleAsk_haveExactAnswers(@TempDir Path dir) throws Exception {
    ingest(dir);
    String index = dir.toString();
    assertThat(count(dir, "rcpt_code:251 AND domain:example.net")).isEqualTo(3);
    assertThat(count(dir, "rcpt_code:251")).isEqualTo(4);
    assertThat(count(dir, "domain:EXAMPLE.org AND status:bounced")).isEqualTo(2);
    CliRun facets = CliRun.run("query", "--index", index, "--format", "json", "--facet", "domain,relay",
        "status:bounced AND enhanced:5.1.1");
    JsonNode f = MAPPER.readTree(facets.out());
    assertThat(f.get("domain").get("example.com").asLong()).isEqualTo(2);
    assertThat(f.get("relay").get("127.0.0.2[127.0.0.2]:2525").asLong()).isEqualTo(2);
    CliRun reasons = CliRun.run("query", "--index", index, "--format", "json", "--facet", "reason", "status:bounced");
    assertThat(MAPPER.readTree(reasons.out()).get("reason").get("unknown user: \"bob\"").asLong()).isEqualTo(6);
    CliRun senders = CliRun.run("query", "--index", index, "--facet", "sender", "--limit", "2", "kind:recipient");
    assertThat(senders.out()).contains("sender  alice@smtplog.test");
    assertThat(senders.err()).contains("values, the first 2 shown; --limit 0 shows all");
    CliRun days = CliRun.run("query", "--index", index, "--format", "json", "--timezone", "UTC", "--facet", "day",
        "kind:recipient");
    assertThat(MAPPER.readTree(days.out()).get("day").get("2026-11-29").asLong()).isEqualTo(95);
  }

  @Test
  void hits_inEveryFormat_sayHowManyMatchedInAll(@TempDir Path dir) throws Exception {
    ingest(dir);
    String index = dir.toString();
    CliRun table = CliRun.run("query", "--index", index, "--timezone", "UTC", "--limit", "3", "rcpt_tag:user-not-local-try");
    assertThat(table.out()).startsWith("time").contains("moved.peggy@example.org").contains("user-not-local-try");
    assertThat(table.out().strip().split("\n")).hasSize(4);
    assertThat(table.err()).isEmpty(); // all 3 shown
    CliRun csv = CliRun.run("query", "--index", index, "--format", "csv", "--limit", "1", "domain:example.org",
        "AND", "status:bounced");
    assertThat(csv.out()).startsWith("time,status,recipient,domain,sender,queue_id,rcpt_code,code,tag,relay,deferrals,"
        + "delay\r\n").contains("@example.org");
    assertThat(csv.err()).contains("(1 of 2 hits shown; --limit 0 shows all)");
    CliRun ndjson = CliRun.run("query", "--index", index, "--format", "ndjson", "--limit", "2", "--sort", "-deferrals",
        "kind:recipient");
    String[] lines = ndjson.out().split("\n");
    assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("{"));
    JsonNode first = MAPPER.readTree(lines[0]);
    assertThat(first.get("deferrals").isNumber()).isTrue();
    assertThat(first.get("deferrals").asInt()).isEqualTo(5).isGreaterThanOrEqualTo(MAPPER.readTree(lines[1])
        .get("deferrals").asInt());
    CliRun json = CliRun.run("query", "--index", index, "--format", "json", "--limit", "1", "rcpt_code:251");
    JsonNode root = MAPPER.readTree(json.out());
    assertThat(root.get("total").asLong()).isEqualTo(4);
    assertThat(root.get("shown").asLong()).isEqualTo(1);
    assertThat(root.get("hits").get(0).get("rcpt_code").asInt()).isEqualTo(251);
    CliRun all = CliRun.run("query", "--index", index, "--format", "csv", "--limit", "0", "rcpt_code:251");
    assertThat(all.out().strip().split("\n")).hasSize(1 + 4);
    assertThat(all.err()).isEmpty();
  }

  @Test
  void sessionsAndLines_ofTheHits(@TempDir Path dir) {
    ingest(dir);
    CliRun sessions = CliRun.run("query", "--index", dir.toString(), "--sessions", "rcpt_code:251 AND mta:transcript");
    assertThat(sessions.out()).contains("# session 1 · transcript bare").contains("# user-not-local-will-forward");
    // A recipient relayed by Postfix: its message's delivery dialogue (debug_peer_list) is its session too.
    CliRun delivery = CliRun.run("query", "--index", dir.toString(), "--sessions", "--limit", "1",
        "rcpt_code:251 AND mta:postfix");
    assertThat(delivery.out()).contains("postfix postfix/smtp").contains("S: 251 2.1.5 User not local");
    CliRun lines = CliRun.run("query", "--index", dir.toString(), "--lines", "--limit", "1",
        "rcpt_code:251 AND mta:postfix");
    assertThat(lines.out()).contains("# hit 1 · recipient ").contains("loopback-relay.log:")
        .contains("postfix/qmgr").contains("status=sent");
  }

  @Test
  void trace_fromTheIndex_andStraightFromTheLogs_tellsTheSameStory(@TempDir Path dir) throws Exception {
    ingest(dir);
    CliRun fromIndex = CliRun.run("trace", "--index", dir.toString(), "--format", "json", "D42F520C18F");
    assertThat(fromIndex.exitCode()).as(fromIndex.err()).isZero();
    JsonNode story = MAPPER.readTree(fromIndex.out());
    // team@smtplog.test: delivered to root's mailbox and forwarded as D4C4020C190 to alice@example.com.
    assertThat(story.get("messages")).extracting(m -> m.get("queue_id").asText())
        .containsExactlyInAnyOrder("D42F520C18F", "D4C4020C190");
    assertThat(story.get("recipients")).extracting(r -> r.get("orig_recipient").asText() + " "
        + r.get("recipient").asText() + " " + r.get("status").asText())
        .containsExactly("team@smtplog.test alice@example.com delivered");
    assertThat(story.get("lines")).isNotEmpty().allSatisfy(l -> assertThat(l.get("text").asText())
        .matches(".*(D42F520C18F|D4C4020C190|connect|disconnect|< |> |client=).*"));
    CliRun fromLogs = CliRun.run("trace", "--format", "json", "--year", "2026", "--timezone", "UTC",
        "D42F520C18F", CliRun.sample("postfix/loopback-relay.log").toString());
    assertThat(MAPPER.readTree(fromLogs.out()).get("lines")).isEqualTo(story.get("lines"));
    CliRun text = CliRun.run("trace", "--index", dir.toString(), "team@smtplog.test");
    assertThat(text.out()).contains("# message D42F520C18F").contains("# message D4C4020C190 · copy of D42F520C18F");
    CliRun none = CliRun.run("trace", "--index", dir.toString(), "no-such-id");
    assertThat(none.exitCode()).as("nothing found, not an unreadable input").isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(none.err()).isEqualTo("smtplog: no message or recipient matches 'no-such-id': give a queue id,"
        + " a Message-ID or an address\n");
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
    CliRun fields = CliRun.run("query", "--fields");
    assertThat(fields.out()).contains("rcpt_code").contains("the reply to RCPT TO").contains("hour");
  }

  @Test
  void statsAndReportsFromTheIndex_equalTheReportsFromTheLogs(@TempDir Path dir) throws Exception {
    ingest(dir);
    CliRun stats = CliRun.run("index", "stats", "--index", dir.toString());
    assertThat(stats.out()).contains("documents     319").contains("recipient                        95")
        .contains("lines         2,068 in 3 chunks").contains("size on disk").contains("delivered");
    for (String report : new String[] {"relay", "summary", "codes"}) {
      CliRun fromIndex = CliRun.run("report", report, "--format", "json", "--timezone", "UTC", "--index", dir.toString());
      CliRun fromLogs = CliRun.run(args("report", report, "--format", "json"));
      assertThat(MAPPER.readTree(fromIndex.out()).get("sections")).as(report)
          .isEqualTo(MAPPER.readTree(fromLogs.out()).get("sections"));
    }
    CliRun onlyExim = CliRun.run("report", "relay", "--format", "json", "--timezone", "UTC", "--index", dir.toString(),
        "--query", "mta:exim");
    assertThat(CliRun.relayTotals(onlyExim.out()).get("recipients").asInt()).isEqualTo(45);
  }

  @Test
  void aSecondIngest_failsAtOnceNamingTheLock_andAnIndexBeingBuiltSaysSo(@TempDir Path dir) throws Exception {
    ingest(dir);
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
        var writer = new org.apache.lucene.index.IndexWriter(directory, new org.apache.lucene.index.IndexWriterConfig())) {
      CliRun second = CliRun.run("ingest", "--index", dir.toString(), "--year", "2026",
          CliRun.sample("exim/relay-rejectlog.log").toString());
      assertThat(second.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(second.err()).contains("write.lock").contains("another ingest").doesNotContain("\tat ");
      assertThat(count(dir, "*")).as("queries keep working during an ingest").isEqualTo(319);
    }
    Path fresh = dir.resolve("fresh");
    try (var directory = org.apache.lucene.store.FSDirectory.open(fresh);
        var writer = new org.apache.lucene.index.IndexWriter(directory, new org.apache.lucene.index.IndexWriterConfig())) {
      CliRun building = CliRun.run("query", "--index", fresh.toString(), "--count", "*");
      assertThat(building.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(building.err()).contains("is being built").contains("try again");
    }
  }
}
