package io.smtplog.cli.command;

import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.IndexView;
import io.smtplog.solr.SolrIndexView;
import java.util.Optional;

/**
 * The view of a SolrCloud collection ({@code --solr}): a class of its own, so that {@link IndexViews}
 * loads nothing of SolrJ for a command on the local index.
 */
final class SolrViews {
  private SolrViews() {}

  /** Every source of the collection; a connection that fails is one line and exit 3 ({@link SolrOptions#open}). */
  static IndexView open(SolrOptions solr) {
    return new SolrIndexView(solr.open(), Optional.empty());
  }
}
