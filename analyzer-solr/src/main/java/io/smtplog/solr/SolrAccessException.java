package io.smtplog.solr;

/**
 * Solr could not be used: a target that is not a Solr address, a cluster that cannot be reached,
 * refused credentials, a missing collection or one not made from smtplog's configset. The message is
 * one line for a person (what, where, what to try); it never quotes Solr's HTML error pages.
 */
public final class SolrAccessException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  public SolrAccessException(String message) {
    super(message);
  }

  public SolrAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
