package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.RelayAggregates;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.SummaryAggregates;
import io.smtplog.solr.SolrAccessException;
import io.smtplog.solr.SolrAggregator;
import io.smtplog.solr.SolrConnection;
import io.smtplog.solr.SolrQueries;
import io.smtplog.solr.SolrReplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * A report over a SolrCloud collection ({@code report relay|summary --solr URL}): the relay section
 * and the summary from aggregates Solr computes across its shards ({@link SolrAggregator},
 * {@link RelayAggregates}, {@link SummaryAggregates}), the relay report over the stories
 * {@code --query} selects as over the local index's; the report filters that act on events before
 * correlation (--since, --until, --mta, --domain, --sender-domain) are refused there with one line,
 * and so are the summary with --query (not computed yet) and with --pseudonymize (its reason texts
 * are pseudonymised before they are normalised, which keys counted at ingest time cannot follow).
 * The other reports read every stored line of the collection again ({@link SolrReplay}), filters
 * and all, and say so on stderr; with --query they are refused. Loaded only when --solr is given.
 */
final class SolrReport {
  private SolrReport() {}

  /** The report {@code name} from the collection of {@code solr}, or a {@link UserError} saying why not. */
  static ReportRun.Result run(String name, ReportCollector collector, SolrOptions solr, String queryText,
      ReportFilter filter, String filters, ReadOptions options, Pseudonymizer pseudonyms, int top, PrintWriter err)
      throws IOException {
    ZoneId zone = options.zone();
    if (name.equals(Reports.SUMMARY)) {
      return summary(solr, queryText, filters, pseudonyms, zone, top);
    }
    if (!name.equals(Reports.RELAY)) {
      return replay(name, collector, solr, queryText, filter, options, pseudonyms, top, err);
    }
    refuseFilters(filters);
    Instant now = Instant.now();
    Query query;
    try {
      query = IndexSearch.parse(queryText, zone, now);
    } catch (IndexSearch.QueryException e) {
      throw new UserError(ExitCodes.USAGE, QueryCommand.queryError(queryText, e));
    }
    try (SolrConnection connection = solr.open()) {
      SolrAggregator aggregator = new SolrAggregator(connection, zone, now);
      return ReportRun.fromCollector(name, RelayAggregates.collector(aggregator.aggregations(query), pseudonyms, zone),
          pseudonyms, connection.target().toString(), top);
    } catch (SolrQueries.UnsupportedQueryException e) {
      throw new UserError(ExitCodes.USAGE, "--query: " + e.getMessage(), e);
    } catch (SolrAccessException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    } catch (SolrAggregator.QueryTooBroadException e) {
      throw new UserError(ExitCodes.USAGE, "--query: " + e.getMessage(), e);
    }
  }

  private static void refuseFilters(String filters) {
    if (!filters.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, filters + ": these filters act on the log's events before correlation,"
          + " which Solr does not do yet: select with --query (time:[2024-06-01 TO *]), or report from --index");
    }
  }

  /** The summary from aggregates over the whole collection ({@link SummaryAggregates}). */
  private static ReportRun.Result summary(SolrOptions solr, String queryText, String filters, Pseudonymizer pseudonyms,
      ZoneId zone, int top) throws IOException {
    refuseQuery(Reports.SUMMARY, queryText);
    refuseFilters(filters);
    if (pseudonyms.active()) {
      throw new UserError(ExitCodes.USAGE, "report summary --solr --pseudonymize: the summary over Solr counts reasons"
          + " by their texts as logged, which pseudonyms would change: use --index for a pseudonymised summary");
    }
    try (SolrConnection connection = solr.open()) {
      SolrAggregator aggregator = new SolrAggregator(connection, zone, Instant.now());
      return ReportRun.fromCollector(Reports.SUMMARY, SummaryAggregates.collector(
          aggregator.aggregations(new MatchAllDocsQuery()), zone, top), pseudonyms, connection.target().toString(), top);
    } catch (SolrAccessException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    }
  }

  private static void refuseQuery(String name, String queryText) {
    if (queryText != null) {
      throw new UserError(ExitCodes.USAGE, "report " + name + " --query over Solr is not computed yet (report relay"
          + " --query is): use --index for now, or leave --query out");
    }
  }

  /** A report not computed from aggregates yet: every stored line of the collection read again, as from --index. */
  private static ReportRun.Result replay(String name, ReportCollector collector, SolrOptions solr, String queryText,
      ReportFilter filter, ReadOptions options, Pseudonymizer pseudonyms, int top, PrintWriter err) throws IOException {
    refuseQuery(name, queryText);
    try (SolrConnection connection = solr.open()) {
      err.println(name + " over Solr reads the stored lines: every line of the collection is sent here and parsed"
          + " again (report relay is computed by Solr)");
      return ReportRun.fromStoredLines(name, collector, pseudonyms, filter, SolrReplay.all(connection),
          connection.target().toString(), options, top);
    } catch (SolrAccessException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof SolrAccessException a) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, a.getMessage(), a);
      }
      throw e.getCause();
    }
  }
}
