package io.smtplog.core.report;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.session.CorrelationListener;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.Query;

/** Reads logs and builds the relay report in one pass: pipeline, correlator, report. */
public final class RelayReportBuilder {
  /** The report and what became of every line read. */
  public record Result(RelayReportDocument document, IngestReport ingest) {}

  private RelayReportBuilder() {}

  /**
   * @param domain only this domain and its subdomains, when present
   * @param top at most this many domain rows; 0 for all (the totals row always covers all)
   */
  /**
   * The same report from the events of an index that match {@code query}, read back in the order
   * the logs were read; the input section counts the events read from the index.
   */
  public static Result build(IndexSearch index, Query query, String indexName, ZoneId zone, Optional<String> domain,
      int top) throws IOException {
    RelayReport report = new RelayReport(domain);
    MailCorrelator correlator = new MailCorrelator(CorrelationListener.recipientsOnly(report));
    IngestReport ingest = new IngestReport(0);
    index.eventsInOrder(query, event -> {
      ingest.record(new LineResult.Parsed(event));
      correlator.accept(event);
    });
    correlator.finish();
    ingest.addFile(indexName, 0);
    RelayReportDocument document = new RelayReportDocument(InputSummary.of(ingest), report.rows(top, zone),
        report.totals(zone));
    return new Result(document, ingest);
  }

  public static Result build(List<LogInput> inputs, ReadOptions options, Optional<String> domain, int top) {
    RelayReport report = new RelayReport(domain);
    MailCorrelator correlator = new MailCorrelator(CorrelationListener.recipientsOnly(report));
    IngestReport ingest = new LogPipeline(options).run(inputs, correlator);
    correlator.finish();
    RelayReportDocument document = new RelayReportDocument(InputSummary.of(ingest),
        report.rows(top, options.zone()), report.totals(options.zone()));
    return new Result(document, ingest);
  }
}
