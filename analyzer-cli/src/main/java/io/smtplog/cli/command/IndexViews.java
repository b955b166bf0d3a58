package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.DamagedIndexException;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.index.LogIndexer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the index a command reads ({@code query}, {@code trace}, {@code report --index},
 * {@code index stats}): the one place that chooses the implementation of {@link IndexView}, so
 * another backend (issue 13: SolrCloud) is opened here and nowhere else.
 */
final class IndexViews {
  private IndexViews() {}

  /**
   * The collection of {@code --solr} when it is given, else the local index of {@code --index} (or
   * its default); both given is a usage error. SolrJ is loaded only for {@code --solr} ({@link SolrViews}).
   */
  static IndexView open(IndexOptions index, SolrOptions solr) throws IOException {
    if (solr.given()) {
      if (index.given()) {
        throw new UserError(ExitCodes.USAGE, "give --index or --solr, not both");
      }
      return SolrViews.open(solr);
    }
    return open(index.dir());
  }

  /** The local index at {@code dir}; a missing, foreign, unfinished or damaged one is one line and exit 3. */
  static IndexView open(Path dir) throws IOException {
    try {
      return IndexSearch.open(dir, QueryDeadline.current()).orElseThrow(() -> new UserError(ExitCodes.INPUT_UNREADABLE,
          "no index at " + dir + ": run `smtplog ingest --index " + dir + " LOGS...` first"));
    } catch (LogIndexer.FormatException | IndexSearch.BuildingException | DamagedIndexException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    }
  }
}
