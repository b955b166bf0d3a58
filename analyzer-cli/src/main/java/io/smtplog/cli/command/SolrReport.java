package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.CodesAggregates;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.RelayAggregates;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
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
 * A report over a SolrCloud collection ({@code report relay|codes --solr URL}): the relay section,
 * and the codes report, from aggregates Solr computes across its shards ({@link SolrAggregator}):
 * the relay section over the stories {@code --query} selects as over the local index's, the codes
 * report over the whole collection (its --query is refused); the report filters that act on events
 * before correlation (--since, --until, --mta, --domain, --sender-domain) are refused there with one
 * line. The summary reads every stored line of the collection again ({@link SolrReplay}), filters
 * and all, and says so on stderr; with --query it is refused. Loaded only when --solr is given.
 */
final class SolrReport {
  private SolrReport() {}

  /** The report {@code name} from the collection of {@code solr}, or a {@link UserError} saying why not. */
  static ReportRun.Result run(String name, ReportCollector collector, SolrOptions solr, String queryText,
      ReportFilter filter, String filters, ReadOptions options, Pseudonymizer pseudonyms, int top, PrintWriter err)
      throws IOException {
    ZoneId zone = options.zone();
    if (!name.equals(Reports.RELAY) && !name.equals(Reports.CODES)) {
      return replay(name, collector, solr, queryText, filter, options, pseudonyms, top, err);
    }
    if (name.equals(Reports.CODES) && queryText != null) {
      throw notComputed(name);
    }
    if (!filters.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, filters + ": these filters act on the log's events before correlation,"
          + " which Solr does not do yet: select with --query (time:[2024-06-01 TO *]), or report from --index");
    }
    Instant now = Instant.now();
    if (name.equals(Reports.CODES)) {
      try (SolrConnection connection = solr.open()) {
        Aggregations aggregations = new SolrAggregator(connection, zone, now).aggregations(new MatchAllDocsQuery());
        return ReportRun.fromCollector(name, CodesAggregates.collector(aggregations, ((CodesCollector) collector).by(),
            pseudonyms), pseudonyms, connection.target().toString(), top);
      } catch (SolrAccessException e) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
      }
    }
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

  /** A report whose --query is not computed over Solr yet. */
  private static UserError notComputed(String name) {
    return new UserError(ExitCodes.USAGE, "report " + name + " --query over Solr is not computed yet (report relay"
        + " --query is): use --index for now, or leave --query out");
  }

  /** A report not computed from aggregates yet: every stored line of the collection read again, as from --index. */
  private static ReportRun.Result replay(String name, ReportCollector collector, SolrOptions solr, String queryText,
      ReportFilter filter, ReadOptions options, Pseudonymizer pseudonyms, int top, PrintWriter err) throws IOException {
    if (queryText != null) {
      throw notComputed(name);
    }
    try (SolrConnection connection = solr.open()) {
      err.println(name + " over Solr reads the stored lines: every line of the collection is sent here and parsed"
          + " again (report relay and report codes are computed by Solr)");
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
