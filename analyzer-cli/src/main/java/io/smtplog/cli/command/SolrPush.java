package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.solr.Retries;
import io.smtplog.solr.SolrAccessException;
import io.smtplog.solr.SolrConnection;
import io.smtplog.solr.SolrIndexStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The part of {@code index push} that uses SolrJ, apart from the command so that nothing of it is
 * loaded until a push runs.
 */
final class SolrPush {
  private SolrPush() {}

  static LogIndexer.Result push(Path dir, SolrOptions solr, String source, ReadOptions options) throws IOException {
    String name = source != null ? source : HostName.of();
    IngestCommand.checkSource(name);
    try (SolrConnection connection = solr.open();
        SolrIndexStore store = new SolrIndexStore(connection, name, new Retries(Retries.DEFAULT_PATIENCE, (e, n, w) -> { }))) {
      return LogIndexer.copy(dir, store, options);
    } catch (SolrAccessException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    } catch (LogIndexer.FormatException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    }
  }
}
