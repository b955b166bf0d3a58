package io.smtplog.core.report;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.session.CorrelationListener;
import io.smtplog.core.session.MailCorrelator;
import java.util.List;
import java.util.Optional;

/** Reads logs and builds the relay report in one pass: pipeline, correlator, report. */
public final class RelayReportBuilder {
  /** The report and what became of every line read. */
  public record Result(RelayReportDocument document, IngestReport ingest) {}

  private RelayReportBuilder() {}

  /**
   * @param domain only this domain and its subdomains, when present
   * @param top at most this many domain rows; 0 for all (the totals row always covers all)
   */
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
