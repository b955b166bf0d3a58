package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.Verbosity;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.solr.Retries;
import io.smtplog.solr.SolrAccessException;
import io.smtplog.solr.SolrConnection;
import io.smtplog.solr.SolrIndexStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@code smtplog ingest --solr URL}: the same ingest into a SolrCloud collection, under a source
 * name. A class of its own so that {@link IngestCommand} loads nothing of SolrJ without {@code --solr}.
 */
final class SolrIngest {
  private SolrIngest() {}

  /** What the ingest did, and where it went ({@code SolrIndexStore.describe()}). */
  record Done(LogIndexer.Result result, String where) {}

  static Done run(SolrOptions solr, String source, Duration patience, List<LogInput> inputs, ReadOptions options,
      LongConsumer progress, PrintWriter err) throws IOException {
    try (SolrConnection connection = solr.open()) {
      // Each retry one line, with --verbose only: a node restarting is no news otherwise.
      Retries retries = new Retries(patience, (failure, attempt, wait) -> {
        if (Verbosity.isVerbose()) {
          ProgressBar.clear(progress);
          err.println(String.format(Locale.ROOT, "smtplog: retry %d in %.1f s: %s", attempt, wait.toMillis() / 1e3,
              connection.explain(failure, "sending").getMessage()));
          err.flush();
        }
      });
      SolrIndexStore store = new SolrIndexStore(connection, source, retries);
      try {
        return new Done(LogIndexer.ingest(store, inputs, options, progress), store.describe());
      } catch (LogIndexer.FormatException e) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
      } catch (IOException | RuntimeException e) {
        ProgressBar.clear(progress);
        Optional<SolrAccessException> access = accessFailure(e);
        if (access.isPresent()) {
          throw new UserError(ExitCodes.INPUT_UNREADABLE, access.get().getMessage(), e);
        }
        throw e;
      }
    }
  }

  /** The Solr failure inside {@code failure} (a worker's, wrapped on its way out of the pipeline). */
  static Optional<SolrAccessException> accessFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SolrAccessException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
