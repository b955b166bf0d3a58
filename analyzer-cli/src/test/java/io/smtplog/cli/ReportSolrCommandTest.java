package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code report ... --solr}: what is refused before any connection (filters that act before
 * correlation on the aggregates, a query that does not parse, the summary pseudonymised, two
 * sources at once), and a cluster that is not there, for every report and with a query; each one
 * line with its exit code. The reports' figures over a real cluster: analyzer-solr's
 * SolrAggregatorTest, SolrSummaryTest and SolrCodesReportTest, and SolrCommandsEndToEndTest here.
 */
class ReportSolrCommandTest {
  private static final String NOWHERE = "http://127.0.0.1:1/solr/mail";

  /** Every report is computed by Solr, with a query too: it connects first. */
  @Test
  void everyReport_withAQuery_isComputedBySolr_noClusterThere_isOneLine_exit3() {
    for (String report : new String[] {"relay", "summary", "codes"}) {
      CliRun run = CliRun.run("report", report, "--solr", NOWHERE, "--query", "status:bounced");
      assertThat(run.exitCode()).as(report).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(run.err()).as(report).isEqualTo("smtplog: cannot reach Solr at http://127.0.0.1:1/solr while listing"
          + " the collections (no node answers): is it running, and is the address right?\n");
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
  void summary_filtersBeforeCorrelation_areRefused_asForRelay() {
    CliRun run = CliRun.run("report", "summary", "--solr", NOWHERE, "--mta", "exim");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: --mta exim: these filters act on the log's events before correlation,"
        + " which Solr does not do yet: select with --query (time:[2024-06-01 TO *]), or report from --index\n");
  }

  @Test
  void summary_pseudonymized_isRefused_withWhatToUse() {
    CliRun run = CliRun.run("report", "summary", "--solr", NOWHERE, "--pseudonymize", "a-long-secret-key");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: report summary --solr --pseudonymize: the summary over Solr counts"
        + " reasons by their texts as logged, which pseudonyms would change: use --index for a pseudonymised summary\n");
    assertThat(run.out()).isEmpty();
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
