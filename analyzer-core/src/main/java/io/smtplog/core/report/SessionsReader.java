package io.smtplog.core.report;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.session.MailCorrelator;
import java.util.List;
import java.util.function.Consumer;

/** Reads logs and transcripts in one pass and hands over every SMTP session as it ends. */
public final class SessionsReader {
  private SessionsReader() {}

  /** Reads {@code inputs}; each dialogue goes to {@code sessions} when it ends, in that order. */
  public static IngestReport read(List<LogInput> inputs, ReadOptions options, Consumer<SmtpDialogue> sessions) {
    MailCorrelator correlator = new MailCorrelator(OutcomeListener.of(o -> {
      if (o instanceof SmtpDialogue d) {
        sessions.accept(d);
      }
    }, true));
    IngestReport ingest = new LogPipeline(options).run(inputs, correlator);
    correlator.finish();
    return ingest;
  }
}
