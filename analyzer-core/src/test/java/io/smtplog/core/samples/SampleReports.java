package io.smtplog.core.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.outcome.Recorder;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/** Reports and outcome streams of sample logs, read as the golden tests read them. */
public final class SampleReports {
  private SampleReports() {}

  /** The report {@code name} ("relay", "summary", "codes") of {@code logs}, read with the options of the first. */
  public static ReportRun.Result report(String name, int threads, int top, ReportFilter filter, Path... logs)
      throws IOException {
    ReportCollector collector = switch (name) {
      case Reports.RELAY -> Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC);
      case Reports.SUMMARY -> Reports.summary(Pseudonymizer.NONE, ZoneOffset.UTC);
      default -> Reports.codes(io.smtplog.core.report.CodesCollector.By.NONE, Pseudonymizer.NONE);
    };
    return ReportRun.fromLogs(name, collector, Pseudonymizer.NONE, filter, List.of(logs).stream().map(SampleLogs::input).toList(),
        SampleLogs.options(logs[0], threads), top, bytes -> { });
  }

  /** The relay report of one log, every domain. */
  public static ReportDocument relay(Path log, int threads) throws IOException {
    return report(Reports.RELAY, threads, 0, ReportFilter.ALL, log).document();
  }

  /** The document as the JSON format writes it. */
  public static JsonNode json(ReportDocument document) {
    return JsonFormat.tree(document);
  }

  /** The whole outcome stream of {@code log}, dialogues included. */
  public static Recorder outcomes(Path log) throws IOException {
    Recorder recorder = new Recorder();
    MailCorrelator correlator = new MailCorrelator(recorder);
    new LogPipeline(SampleLogs.options(log, 1)).run(List.of(SampleLogs.input(log)), correlator);
    correlator.finish();
    return recorder;
  }
}
