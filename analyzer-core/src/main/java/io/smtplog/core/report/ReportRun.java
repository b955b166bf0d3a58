package io.smtplog.core.report;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.OutcomeThread;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.pipeline.Resume;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One pass for a report, from logs or from another event source: events the filter's window keeps
 * go to the correlator, and the outcome stream, under the filter's domains, to the collector. The
 * filter is applied here and nowhere else.
 */
public final class ReportRun {
  /**
   * The report and what became of every line read; {@code matchedNothing} when the filter left no
   * event in its window, or (by domain) no message or recipient: the report is empty because of it.
   */
  public record Result(ReportDocument document, IngestReport ingest, boolean matchedNothing) {}

  /**
   * What the filter kept, counted where it keeps it: events in the window (the reading thread) and
   * messages and recipients of the domains (the collecting thread).
   */
  private static final class Kept {
    final AtomicLong events = new AtomicLong();
    final AtomicLong mail = new AtomicLong();

    boolean nothing(ReportFilter filter) {
      boolean window = filter.since().isPresent() || filter.until().isPresent() || filter.mta().isPresent();
      return window && events.get() == 0 || filter.byDomain() && mail.get() == 0;
    }
  }

  private ReportRun() {}

  /**
   * Reads the logs once.
   *
   * @param pseudonyms the collector's: applied to every text of the document at its end
   * @param progress told how many bytes of the inputs (decompressed) were read, after each chunk
   */
  public static Result fromLogs(String report, ReportCollector collector, Pseudonymizer pseudonyms,
      ReportFilter filter, List<LogInput> inputs, ReadOptions options, int top, LongConsumer progress) {
    Kept kept = new Kept();
    if (options.threads() == 1) {
      MailCorrelator correlator = new MailCorrelator(filtered(filter, collector, kept));
      IngestReport ingest = new LogPipeline(options).run(inputs, window(filter, correlator, kept),
          new ProgressResume(progress));
      correlator.finish();
      return finish(report, collector, pseudonyms, ingest, top, kept.nothing(filter));
    }
    // Parsers, the correlator and the collector each on their own threads: a pipeline, in order.
    IngestReport ingest;
    try (OutcomeThread collecting = new OutcomeThread(filtered(filter, collector, kept), "smtplog-report")) {
      MailCorrelator correlator = new MailCorrelator(collecting);
      ingest = new LogPipeline(options).run(inputs, window(filter, correlator, kept), new ProgressResume(progress));
      correlator.finish();
    }
    return finish(report, collector, pseudonyms, ingest, top, kept.nothing(filter));
  }

  /**
   * Reads stored lines again (an index's, see {@link io.smtplog.core.index.IndexView#replay}),
   * with the same parsers and correlator as {@link #fromLogs}: the same lines give the same report.
   * {@code sourceName} names them in the input section.
   */
  public static Result fromStoredLines(String report, ReportCollector collector, Pseudonymizer pseudonyms,
      ReportFilter filter, Iterator<LogPipeline.Replay> chunks, String sourceName, ReadOptions options, int top) {
    IngestReport ingest;
    Kept kept = new Kept();
    try (OutcomeThread collecting = new OutcomeThread(filtered(filter, collector, kept), "smtplog-report")) {
      MailCorrelator correlator = new MailCorrelator(collecting);
      ingest = new LogPipeline(options).replay(chunks, window(filter, correlator, kept));
      correlator.finish();
    }
    ingest.addFile(sourceName, 0);
    return finish(report, collector, pseudonyms, ingest, top, kept.nothing(filter));
  }

  /**
   * A report computed from aggregates over an index's documents ({@link RelayAggregates}), with
   * no line read again: its input section names {@code sourceName} and counts no line.
   */
  public static Result fromCollector(String report, ReportCollector collector, Pseudonymizer pseudonyms,
      String sourceName, int top) {
    IngestReport ingest = new IngestReport(0);
    ingest.addFile(sourceName, 0);
    return finish(report, collector, pseudonyms, ingest, top, false);
  }

  /**
   * The one place a report document is finished: the collector's sections and what was read, every
   * text through the pseudonymizer (by column type, see {@link DocumentPseudonyms}).
   */
  private static Result finish(String report, ReportCollector collector, Pseudonymizer pseudonyms,
      IngestReport ingest, int top, boolean matchedNothing) {
    ReportDocument document = new ReportDocument(report, InputSummary.of(ingest), collector.sections(top));
    return new Result(DocumentPseudonyms.apply(document, pseudonyms), ingest, matchedNothing);
  }

  private static Consumer<MailEvent> window(ReportFilter filter, MailCorrelator correlator, Kept kept) {
    if (filter.since().isEmpty() && filter.until().isEmpty() && filter.mta().isEmpty()) {
      return correlator;
    }
    return event -> {
      if (filter.keeps(event)) {
        kept.events.incrementAndGet();
        correlator.accept(event);
      }
    };
  }

  /** The collector behind the filter's domain conditions. */
  private static OutcomeListener filtered(ReportFilter filter, ReportCollector collector, Kept kept) {
    if (!filter.byDomain()) {
      return collector;
    }
    return new OutcomeListener() {
      @Override
      public void accept(Outcome outcome) {
        Optional<Outcome> part = filter.keeps(outcome);
        if (part.isPresent() && (part.get() instanceof RecipientOutcome || part.get() instanceof MessageOutcome)) {
          kept.mail.incrementAndGet();
        }
        part.ifPresent(collector);
      }

      @Override
      public boolean wantsDialogues() {
        return collector.wantsDialogues();
      }

      @Override
      public boolean wants(Class<? extends Outcome> kind) {
        return collector.wants(kind);
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
