package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code report ... --solr}: what is refused before any connection (a query for the summary, which
 * reads the stored lines, and for codes; filters that act before correlation on the aggregates, two sources at once),
 * and a cluster that is not there; each one line with its exit code. The reports' figures over a real cluster: analyzer-solr's
 * SolrAggregatorTest and SolrCodesReportTest.
 */
class ReportSolrCommandTest {
  private static final String NOWHERE = "http://127.0.0.1:1/solr/mail";

  @Test
  void summaryAndCodes_withAQuery_needAnIndexForNow() {
    for (String report : new String[] {"summary", "codes"}) {
      CliRun run = CliRun.run("report", report, "--solr", NOWHERE, "--query", "status:bounced");
      assertThat(run.exitCode()).as(report).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).isEqualTo("smtplog: report " + report + " --query over Solr is not computed yet (report relay"
          + " --query is): use --index for now, or leave --query out\n");
    }
  }

  @Test
  void summary_noClusterThere_isOneLine_exit3() {
    CliRun run = CliRun.run("report", "summary", "--solr", NOWHERE);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).isEqualTo("smtplog: cannot reach Solr at http://127.0.0.1:1/solr while listing the collections"
        + " (no node answers): is it running, and is the address right?\n");
  }

  /** Computed by Solr: it connects first and says nothing of reading stored lines. */
  @Test
  void codes_isComputedBySolr_noClusterThere_isOneLine_exit3() {
    for (String by : new String[] {"none", "domain", "relay"}) {
      CliRun run = CliRun.run("report", "codes", "--by", by, "--solr", NOWHERE);
      assertThat(run.exitCode()).as(by).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(run.err()).as(by).isEqualTo("smtplog: cannot reach Solr at http://127.0.0.1:1/solr while listing the"
          + " collections (no node answers): is it running, and is the address right?\n");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void codes_filtersBeforeCorrelation_areRefused_asForRelay() {
    CliRun run = CliRun.run("report", "codes", "--solr", NOWHERE, "--mta", "postfix");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: --mta postfix: these filters act on the log's events before correlation,"
        + " which Solr does not do yet: select with --query (time:[2024-06-01 TO *]), or report from --index\n");
  }

  @Test
  void filtersBeforeCorrelation_areRefused_withWhatToUse() {
    CliRun run = CliRun.run("report", "relay", "--solr", NOWHERE, "--since", "2024-06-01", "--domain", "example.org");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: --since 2024-06-01 --domain example.org: these filters act on the log's"
        + " events before correlation, which Solr does not do yet: select with --query (time:[2024-06-01 TO *]), or"
        + " report from --index\n");
  }

  @Test
  void solrAndAnIndex_isOneSourceTooMany() {
    CliRun run = CliRun.run("report", "relay", "--solr", NOWHERE, "--index", "target/no-index");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: give INPUT, --index or --solr, only one of them\n");
  }

  @Test
  void aBadQuery_isRefusedBeforeConnecting() {
    CliRun run = CliRun.run("report", "relay", "--solr", NOWHERE, "--query", "nosuchfield:x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("smtplog: ").contains("there is no field 'nosuchfield'").doesNotContain("\tat ");
  }

  @Test
  void noClusterThere_isOneLine_exit3() {
    CliRun run = CliRun.run("report", "relay", "--solr", NOWHERE);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).isEqualTo("smtplog: cannot reach Solr at http://127.0.0.1:1/solr while listing the collections"
        + " (no node answers): is it running, and is the address right?\n");
    assertThat(run.out()).isEmpty();
  }
}
