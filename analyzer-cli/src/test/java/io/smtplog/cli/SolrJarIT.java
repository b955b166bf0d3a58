package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher and runnable jar against a real SolrCloud ({@link SolrTestCluster}):
 * everything --solr needs (SolrJ, its HTTP/2 client, ZooKeeper's) is in the jar, and ingest, query
 * and every report print what they print from a local index. SolrCommandsEndToEndTest runs the
 * commands in the test JVM, whose classpath is not the jar's.
 */
class SolrJarIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> READING = List.of("--year", "2026", "--timezone", "UTC", "--transcript-time",
      "2026-11-29T12:00");
  private static final List<String> LOGS = List.of("postfix/loopback-relay.log", "exim/relay-mainlog.log",
      "transcripts/telnet-sink.transcript");

  private static Distribution.Run smtplog(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Distribution.home().resolve("bin/" + Distribution.COMMAND).toString());
    command.addAll(args);
    return Distribution.run(command, Map.of());
  }

  private static List<String> withLogs(String... first) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(READING);
    LOGS.forEach(log -> all.add(CliRun.sample(log).toString()));
    return all;
  }

  @Test
  void theJar_ingestsQueriesAndReportsOverSolr_asFromALocalIndex(@TempDir Path dir) throws Exception {
    SolrTestCluster cloud = SolrTestCluster.start("jar_mail");
    String index = dir.resolve("index").toString();
    Distribution.Run remote = smtplog(withLogs("ingest", "--solr", cloud.zk, "--source", "mx1"));
    assertThat(remote.exitCode()).as(remote.err()).isZero();
    Distribution.Run local = smtplog(withLogs("ingest", "--index", index));
    assertThat(local.exitCode()).as(local.err()).isZero();
    Distribution.Run count = smtplog(List.of("query", "--solr", cloud.url, "--count", "kind:recipient"));
    assertThat(count.exitCode()).as(count.err()).isZero();
    assertThat(count.out().strip()).isEqualTo(smtplog(List.of("query", "--index", index, "--count",
        "kind:recipient")).out().strip()).isNotEqualTo("0");
    for (String report : List.of("relay", "summary", "codes")) {
      Distribution.Run fromSolr = smtplog(List.of("report", report, "--solr", cloud.zk, "--format", "json"));
      assertThat(fromSolr.exitCode()).as("%s: %s", report, fromSolr.err()).isZero();
      assertThat(fromSolr.err()).contains("Computed by Solr");
      Distribution.Run fromIndex = smtplog(List.of("report", report, "--index", index, "--format", "json"));
      assertThat(MAPPER.readTree(fromSolr.out()).path("sections")).as(report)
          .isEqualTo(MAPPER.readTree(fromIndex.out()).path("sections"));
    }
  }
}
