package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
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
 * A report over a SolrCloud collection ({@code report relay|summary|codes --solr URL}), computed
 * from aggregates Solr takes across its shards ({@link SolrAggregator}, {@link Reports#fromAggregates})
 * over the whole collection or over the documents of the stories {@code --query} selects, as the
 * local index's aggregates take them; no stored line is read again. Refused in one line: the report filters that act on events before
 * correlation (--since, --until, --mta, --domain, --sender-domain: --query selects instead), and
 * the summary with --pseudonymize (its reason texts are pseudonymised before they are normalised,
 * which keys counted at ingest time cannot follow). Loaded only when --solr is given.
 */
final class SolrReport {
  private SolrReport() {}

  /** The report {@code name} from the collection of {@code solr}, or a {@link UserError} saying why not. */
  static ReportRun.Result run(String name, ReportCollector collector, SolrOptions solr, String queryText,
      String filters, ZoneId zone, Pseudonymizer pseudonyms, int top) throws IOException {
    if (!filters.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, filters + ": these filters act on the log's events before correlation,"
          + " which Solr does not do yet: select with --query (time:[2024-06-01 TO *]), or report from --index");
    }
    if (name.equals(Reports.SUMMARY) && pseudonyms.active()) {
      throw new UserError(ExitCodes.USAGE, "report summary --solr --pseudonymize: the summary over Solr counts reasons"
          + " by their texts as logged, which pseudonyms would change: use --index for a pseudonymised summary");
    }
    Instant now = Instant.now();
    Query query;
    try {
      query = IndexSearch.parse(queryText, zone, now);
    } catch (IndexSearch.QueryException e) {
      throw new UserError(ExitCodes.USAGE, QueryCommand.queryError(queryText, e));
    }
    try (SolrConnection connection = solr.open()) {
      Aggregations aggregations = new SolrAggregator(connection, zone, now).aggregations(query);
      CodesCollector.By by = collector instanceof CodesCollector codes ? codes.by() : CodesCollector.By.NONE;
      ReportCollector computed = Reports.fromAggregates(name, aggregations, by, pseudonyms, zone, top);
      return ReportRun.fromCollector(name, computed, pseudonyms, connection.target().toString(), top);
    } catch (SolrQueries.UnsupportedQueryException | SolrAggregator.QueryTooBroadException e) {
      throw new UserError(ExitCodes.USAGE, "--query: " + e.getMessage(), e);
    } catch (SolrAccessException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    }
  }
}
