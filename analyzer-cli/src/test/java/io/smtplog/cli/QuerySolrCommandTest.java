package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code query --solr} and {@code trace --solr}: what is refused before any connection, and a
 * cluster that is not there; each one line with its exit code. The results over a real cluster:
 * analyzer-solr's SolrIndexViewTest (the read contract, through the same SolrIndexView).
 */
class QuerySolrCommandTest {
  private static final String NOWHERE = "http://127.0.0.1:1/solr/mail";
  private static final String UNREACHABLE = "smtplog: cannot reach Solr at http://127.0.0.1:1/solr while listing the"
      + " collections (no node answers): is it running, and is the address right?\n";

  @Test
  void query_noClusterThere_isOneLine_exit3() {
    CliRun run = CliRun.run("query", "--solr", NOWHERE, "status:bounced");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).isEqualTo(UNREACHABLE);
  }

  @Test
  void trace_noClusterThere_isOneLine_exit3() {
    CliRun run = CliRun.run("trace", "--solr", NOWHERE, "4596220C66D");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).isEqualTo(UNREACHABLE);
  }

  @Test
  void solrAndAnIndex_isOneTooMany() {
    CliRun query = CliRun.run("query", "--solr", NOWHERE, "--index", "target/no-index", "*");
    assertThat(query.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(query.err()).isEqualTo("smtplog: give --index or --solr, not both\n");
    CliRun trace = CliRun.run("trace", "--solr", NOWHERE, "4596220C66D", "sample-logs/postfix");
    assertThat(trace.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(trace.err()).isEqualTo("smtplog: give INPUT, --index or --solr, only one of them\n");
  }

  @Test
  void aBadQuery_isRefusedBeforeConnecting() {
    CliRun run = CliRun.run("query", "--solr", NOWHERE, "nosuchfield:x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("smtplog: ").contains("nosuchfield").doesNotContain("\tat ");
  }

  @Test
  void aTargetThatIsNotSolr_isAUsageError() {
    CliRun run = CliRun.run("query", "--solr", "ftp://example.org/mail", "*");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("smtplog: ").doesNotContain("\tat ").hasLineCount(1);
  }
}
