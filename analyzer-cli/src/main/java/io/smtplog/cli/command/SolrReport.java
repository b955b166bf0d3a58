package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.RelayAggregates;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.solr.SolrAccessException;
import io.smtplog.solr.SolrAggregator;
import io.smtplog.solr.SolrConnection;
import io.smtplog.solr.SolrQueries;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.lucene.search.Query;

/**
 * A report over a SolrCloud collection ({@code report relay --solr URL}): the relay section from
 * aggregates Solr computes across its shards ({@link SolrAggregator}), over the stories
 * {@code --query} selects as over the local index's. Only the relay report is computed so; the
 * others, and the report filters that act on events before correlation (--since, --until, --mta,
 * --domain, --sender-domain), are refused with one line. Loaded only when --solr is given.
 */
final class SolrReport {
  private SolrReport() {}

  /** The report {@code name} from the collection of {@code solr}, or a {@link UserError} saying why not. */
  static ReportRun.Result run(String name, SolrOptions solr, String queryText, String filters, ZoneId zone,
      Pseudonymizer pseudonyms, int top) throws IOException {
    if (!name.equals(Reports.RELAY)) {
      throw new UserError(ExitCodes.USAGE, "report " + name + " is not computed over Solr yet (report relay is): use"
          + " --index for now");
    }
    if (!filters.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, filters + ": these filters act on the log's events before correlation,"
          + " which Solr does not do yet: select with --query (time:[2024-06-01 TO *]), or report from --index");
    }
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
}
