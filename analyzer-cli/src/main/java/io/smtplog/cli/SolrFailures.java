package io.smtplog.cli;

import io.smtplog.solr.SolrAccessException;
import java.util.Optional;

/**
 * A failure to use Solr ({@code --solr}) as the user's error: its message is already the one line
 * (SolrConnection.explain), exit 3 as for an index that cannot be read. A class of its own so that
 * {@link UserMessageHandler} loads nothing of analyzer-solr unless a command fails.
 */
final class SolrFailures {
  private SolrFailures() {}

  static Optional<UserError> describe(Throwable ex) {
    return ex instanceof SolrAccessException e
        ? Optional.of(new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e)) : Optional.empty();
  }
}
