package io.smtplog.core.summary;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.pipeline.Resume;
import io.smtplog.core.report.InputSummary;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.lucene.search.Query;

/**
 * One pass for a sectioned report, from logs or from an index: every event the filter keeps goes
 * to the collector as it is read and to the correlator, whose messages, recipients, sessions and
 * dialogues go to the collector too.
 */
public final class ReportRun {
  /** The report and what became of every line read. */
  public record Result(SummaryDocument document, IngestReport ingest) {}

  private ReportRun() {}

  /**
   * Reads the logs once.
   *
   * @param progress told how many bytes of the inputs (decompressed) were read, after each chunk
   */
  public static Result fromLogs(String report, SectionCollector collector, ReportFilter filter, List<LogInput> inputs,
      ReadOptions options, int top, LongConsumer progress) {
    MailCorrelator correlator = new MailCorrelator(collector);
    IngestReport ingest = new LogPipeline(options).run(inputs, tee(filter, collector, correlator),
        new ProgressResume(progress));
    correlator.finish();
    collector.finished(correlator);
    return new Result(new SummaryDocument(report, InputSummary.of(ingest), collector.sections(top)), ingest);
  }

  /** Reads the events of an index that match {@code query}, in the order they were read from the logs. */
  public static Result fromIndex(String report, SectionCollector collector, ReportFilter filter, IndexSearch index,
      Query query, String indexName, int top) throws IOException {
    MailCorrelator correlator = new MailCorrelator(collector);
    IngestReport ingest = new IngestReport(0);
    Consumer<MailEvent> sink = tee(filter, collector, correlator);
    index.eventsInOrder(query, event -> {
      ingest.record(new LineResult.Parsed(event));
      sink.accept(event);
    });
    correlator.finish();
    collector.finished(correlator);
    ingest.addFile(indexName, 0);
    return new Result(new SummaryDocument(report, InputSummary.of(ingest), collector.sections(top)), ingest);
  }

  private static Consumer<MailEvent> tee(ReportFilter filter, Consumer<MailEvent> collector,
      MailCorrelator correlator) {
    return event -> {
      if (filter.event(event)) {
        collector.accept(event);
        correlator.accept(event);
      }
    };
  }

  /** Reads every input from its start and tells {@code progress} the bytes read so far. */
  static final class ProgressResume implements Resume {
    private final LongConsumer progress;
    private final Map<LogInput, Long> read = new HashMap<>();
    private long total;

    ProgressResume(LongConsumer progress) {
      this.progress = progress;
    }

    @Override
    public Position startOf(LogInput input) {
      return Position.START;
    }

    @Override
    public void consumed(LogInput input, Position end) {
      Long before = read.put(input, end.offset());
      total += end.offset() - (before == null ? 0 : before);
      progress.accept(total);
    }
  }
}
