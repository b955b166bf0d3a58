package io.smtplog.core.summary;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.RelayReportDocument;
import io.smtplog.core.report.RelayRow;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.lucene.search.Query;

/** Builds the relay report in one pass (pipeline or index, correlator, report), under a report filter. */
public final class RelayReportBuilder {
  /** The report and what became of every line read. */
  public record Result(RelayReportDocument document, IngestReport ingest) {}

  private RelayReportBuilder() {}

  /**
   * Reads the logs.
   *
   * @param top at most this many domain rows; 0 for all (the totals row always covers all)
   */
  public static Result build(List<LogInput> inputs, ReadOptions options, ReportFilter filter, Pseudonymizer pseudonyms,
      int top, LongConsumer progress) {
    RelaySection relay = new RelaySection(filter, pseudonyms, options.zone());
    ReportRun.Result run = ReportRun.fromLogs("relay", relay, filter, inputs, options, top, progress);
    return new Result(document(run, relay, top), run.ingest());
  }

  /** Every recipient of the logs, or of one domain and its subdomains. */
  public static Result build(List<LogInput> inputs, ReadOptions options, Optional<String> domain, int top) {
    return build(inputs, options, ReportFilter.ALL.withDomain(domain), Pseudonymizer.NONE, top, bytes -> { });
  }

  /**
   * The same report from the events of an index that match {@code query}, read back in the order
   * the logs were read; the input section counts the events read from the index.
   */
  public static Result build(IndexSearch index, Query query, String indexName, ZoneId zone, ReportFilter filter,
      Pseudonymizer pseudonyms, int top) throws IOException {
    RelaySection relay = new RelaySection(filter, pseudonyms, zone);
    ReportRun.Result run = ReportRun.fromIndex("relay", relay, filter, index, query, indexName, top);
    return new Result(document(run, relay, top), run.ingest());
  }

  public static Result build(IndexSearch index, Query query, String indexName, ZoneId zone, Optional<String> domain,
      int top) throws IOException {
    return build(index, query, indexName, zone, ReportFilter.ALL.withDomain(domain), Pseudonymizer.NONE, top);
  }

  private static RelayReportDocument document(ReportRun.Result run, RelaySection relay, int top) {
    List<RelayRow> rows = relay.rows(top);
    return new RelayReportDocument(run.document().input(), rows.subList(0, rows.size() - 1), rows.get(rows.size() - 1));
  }
}
