package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smtplog ingest --solr}: what is refused before any connection (exit 2, one line), and a
 * cluster that does not answer (exit 3, one line, no stack trace). The ingest itself on a real
 * SolrCloud is SolrIngestTest's (analyzer-solr), through the same SolrConnection and SolrIndexStore.
 */
class IngestSolrArgumentsTest {
  private static final String LOG = CliRun.sample("postfix/loopback-relay.log").toString();

  @Test
  void solrAndIndex_excludeEachOther(@TempDir Path tmp) {
    CliRun run = CliRun.run("ingest", "--solr", "zk://127.0.0.1:1/mail", "--index", tmp.toString(), LOG);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: --solr and --index exclude each other: give --solr URL to ingest into"
        + " SolrCloud, or --index DIR for the local index\n");
  }

  @Test
  void sourceAndPatience_onlyWithSolr(@TempDir Path tmp) {
    CliRun source = CliRun.run("ingest", "--index", tmp.toString(), "--source", "mx1", LOG);
    assertThat(source.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(source.err()).isEqualTo("smtplog: --source applies only with --solr URL\n");
    CliRun patience = CliRun.run("ingest", "--index", tmp.toString(), "--solr-patience", "5", LOG);
    assertThat(patience.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(patience.err()).isEqualTo("smtplog: --solr-patience applies only with --solr URL\n");
  }

  @Test
  void sourceName_nonEmptyPrintableShort() {
    for (String bad : new String[] {"", "mx 1", "mx\u001b[31m1", "x".repeat(65)}) {
      CliRun run = CliRun.run("ingest", "--solr", "zk://127.0.0.1:1/mail", "--source", bad, LOG);
      assertThat(run.exitCode()).as(bad).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(bad).startsWith("smtplog: --source '").endsWith("': give a name of 1 to 64 printable"
          + " characters without spaces (a host name, say)\n").doesNotContain("\u001b");
    }
  }

  @Test
  void negativePatience_isRefused() {
    CliRun run = CliRun.run("ingest", "--solr", "zk://127.0.0.1:1/mail", "--solr-patience", "-1", LOG);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: --solr-patience -1: give a number of seconds, 0 or more\n");
  }

  @Test
  void noNodeAnswering_isOneLine_exit3() {
    CliRun run = CliRun.run("ingest", "--solr", "http://127.0.0.1:1/solr/mail", "--source", "mx1", LOG);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run.err()).isEqualTo("smtplog: cannot reach Solr at http://127.0.0.1:1/solr while listing the"
        + " collections (no node answers): is it running, and is the address right?\n");
  }

  @Test
  void help_namesTheSolrOptions() {
    CliRun help = CliRun.run("ingest", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--solr=URL", "--source=NAME", "--solr-patience=SECONDS", "--solr-user=NAME");
  }
}
