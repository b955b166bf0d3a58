package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of the README's "Scale out" section, as a user runs them (in this JVM), against a
 * real 2-node SolrCloud (analyzer-solr's test cluster, {@link SolrTestCluster}): ingest the
 * Postfix, Exim and transcript samples into a 2-shard collection and into a local index alike,
 * then query, count, facet, trace and report from both, and compare what is printed; a second
 * ingest adds nothing; wrong credentials and a missing collection are one line with exit 3. The
 * runnable jar does the same in {@link SolrJarIT}.
 */
class SolrCommandsEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] READING = {"--year", "2026", "--timezone", "UTC", "--transcript-time",
      "2026-11-29T12:00"};
  private static final List<String> LOGS = List.of("postfix/loopback-relay.log", "postfix/forward-bounce.log",
      "postfix/content-filter.log", "exim/relay-mainlog.log", "transcripts/telnet-sink.transcript");
  private static SolrTestCluster cloud;
  private static String solr;
  private static String index;

  @BeforeAll
  static void ingestBoth(@TempDir Path dir) throws Exception {
    cloud = SolrTestCluster.start("cli_mail");
    solr = cloud.zk;
    index = dir.resolve("index").toString();
    CliRun local = CliRun.run(withLogs("ingest", "--index", index));
    assertThat(local.exitCode()).as(local.err()).isZero();
    CliRun remote = CliRun.run(withLogs("ingest", "--solr", solr, "--source", "mx1"));
    assertThat(remote.exitCode()).as(remote.err()).isZero();
    assertThat(remote.out()).isEmpty();
    // The same lines read, and the same documents made, as the local ingest says.
    assertThat(counts(remote.err())).isEqualTo(counts(local.err())).contains("recipients");
  }

  /** The figures of an ingest's summary line ("Indexed N lines from F files ...: R recipients, ..."). */
  private static String counts(String err) {
    String line = Arrays.stream(err.split("\n")).filter(l -> l.startsWith("Indexed ")).findFirst().orElseThrow();
    return line.substring(0, line.indexOf(" files") + 6) + line.substring(line.lastIndexOf(": "));
  }

  private static String[] withLogs(String... first) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(READING));
    LOGS.forEach(log -> all.add(CliRun.sample(log).toString()));
    return all.toArray(String[]::new);
  }

  /** The command with {@code --index DIR} and with {@code --solr URL}: exit 0 both, the same standard output. */
  private static String sameBothWays(String... command) {
    CliRun local = CliRun.run(with(command, "--index", index));
    CliRun remote = CliRun.run(with(command, "--solr", solr));
    assertThat(local.exitCode()).as("%s: %s", String.join(" ", command), local.err()).isZero();
    assertThat(remote.exitCode()).as("%s: %s", String.join(" ", command), remote.err()).isZero();
    assertThat(remote.out()).as(String.join(" ", command)).isEqualTo(local.out());
    return remote.out();
  }

  private static String[] with(String[] command, String... options) {
    // the subcommand's words, then the options, then the rest (a query, a queue id)
    int words = command[0].equals("report") ? 2 : 1;
    List<String> all = new ArrayList<>(List.of(command).subList(0, words));
    all.addAll(List.of(options));
    all.addAll(List.of(command).subList(words, command.length));
    return all.toArray(String[]::new);
  }

  @Test
  void queriesCountsAndFacets_printTheSameAsTheLocalIndex() throws Exception {
    assertThat(Long.parseLong(sameBothWays("query", "--count", "rcpt_code:251").strip())).isPositive();
    assertThat(Long.parseLong(sameBothWays("query", "--count", "status:bounced").strip())).isPositive();
    sameBothWays("query", "--count", "domain:example.net AND NOT status:delivered");
    String hits = sameBothWays("query", "--format", "csv", "--sort", "time", "status:bounced OR rcpt_code:251");
    assertThat(hits.lines().count()).as("a header and hits").isGreaterThan(2);
    JsonNode facets = MAPPER.readTree(sameBothWays("query", "--format", "json", "--facet", "domain,relay,tag",
        "kind:recipient"));
    assertThat(facets.path("domain").size()).isPositive();
    sameBothWays("query", "--format", "json", "--facet", "hour,day", "*");
  }

  @Test
  void traceOfABouncedMessage_printsTheSameAsTheLocalIndex() throws Exception {
    CliRun first = CliRun.run("query", "--index", index, "--format", "json", "--limit", "1", "status:bounced");
    String queueId = MAPPER.readTree(first.out()).path("hits").path(0).path("queue_id").asText();
    assertThat(queueId).isNotEmpty();
    String trace = sameBothWays("trace", queueId);
    assertThat(trace).contains(queueId).contains("bounced");
    sameBothWays("trace", "--format", "json", queueId);
  }

  @Test
  void relayReport_isComputedBySolr_andPrintsWhatTheLocalIndexPrints() throws Exception {
    CliRun local = CliRun.run("report", "relay", "--index", index, "--format", "json");
    CliRun remote = CliRun.run("report", "relay", "--solr", solr, "--format", "json");
    assertThat(remote.exitCode()).as(remote.err()).isZero();
    assertThat(remote.err()).contains("Computed by Solr");
    assertThat(MAPPER.readTree(remote.out()).path("sections")).isEqualTo(MAPPER.readTree(local.out()).path("sections"));
    assertThat(CliRun.relayRows(remote.out()).size()).isGreaterThan(3);
    CliRun csv = CliRun.run("report", "relay", "--solr", solr, "--format", "csv", "--query", "mta:exim");
    CliRun localCsv = CliRun.run("report", "relay", "--index", index, "--format", "csv", "--query", "mta:exim");
    assertThat(csv.out()).isEqualTo(localCsv.out()).contains("example");
  }

  /**
   * The summary and the codes report are computed by Solr too, and print what the local index's
   * replay prints; with --query both take the documents of the stories it selects, and print the same.
   */
  @Test
  void summaryAndCodes_areComputedBySolr_andPrintWhatTheLocalIndexPrints() throws Exception {
    for (String[] report : List.of(new String[] {"summary"}, new String[] {"codes", "--by", "domain"},
        new String[] {"codes", "--by", "relay"})) {
      List<String> args = new ArrayList<>(List.of("report"));
      args.addAll(List.of(report));
      args.addAll(List.of("--format", "json", "--top", "5"));
      CliRun local = CliRun.run(with(args.toArray(String[]::new), "--index", index));
      CliRun remote = CliRun.run(with(args.toArray(String[]::new), "--solr", solr));
      assertThat(remote.exitCode()).as(remote.err()).isZero();
      assertThat(remote.err()).as(report[0]).contains("Computed by Solr").doesNotContain("stored lines");
      assertThat(MAPPER.readTree(remote.out()).path("sections")).as(String.join(" ", report))
          .isEqualTo(MAPPER.readTree(local.out()).path("sections"));
      for (String query : List.of("status:bounced", "kind:session", "mta:postfix")) {
        List<String> selecting = new ArrayList<>(args);
        selecting.addAll(List.of("--query", query));
        CliRun selected = CliRun.run(with(selecting.toArray(String[]::new), "--solr", solr));
        assertThat(selected.exitCode()).as(selected.err()).isZero();
        assertThat(selected.out()).isNotEqualTo(remote.out());
        CliRun selectedHere = CliRun.run(with(selecting.toArray(String[]::new), "--index", index));
        assertThat(selectedHere.exitCode()).as(selectedHere.err()).isZero();
        assertThat(selectedHere.err()).contains("Computed from the documents of the stories the query selects");
        assertThat(MAPPER.readTree(selected.out()).path("sections")).as("%s --query %s", report[0], query)
            .isEqualTo(MAPPER.readTree(selectedHere.out()).path("sections"));
      }
    }
  }

  @Test
  void ingestAgain_addsNothing() {
    CliRun again = CliRun.run(withLogs("ingest", "--solr", solr, "--source", "mx1"));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("Indexed 0 lines from " + LOGS.size() + " files");
  }

  @Test
  void wrongPassword_andMissingCollection_areOneLine_exit3(@TempDir Path dir) throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "not-the-password\n", StandardCharsets.UTF_8);
    CliRun refused = CliRun.run("query", "--solr", solr, "--solr-user", SolrTestCluster.USER, "--solr-password-file",
        password.toString(), "--count", "*");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(refused.err()).startsWith("smtplog: ").contains("401").endsWith("\n").doesNotContain("\tat ");
    assertThat(refused.err().lines().count()).isOne();
    Path right = Files.writeString(dir.resolve("right"), SolrTestCluster.PASSWORD + "\n", StandardCharsets.UTF_8);
    CliRun allowed = CliRun.run("query", "--solr", solr, "--solr-user", SolrTestCluster.USER, "--solr-password-file",
        right.toString(), "--count", "*");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    CliRun missing = CliRun.run("report", "relay", "--solr", cloud.zk("no_such_collection"));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(missing.err()).startsWith("smtplog: ").contains("no_such_collection").contains("cli_mail")
        .doesNotContain("\tat ");
    assertThat(missing.err().lines().count()).isOne();
  }
}
