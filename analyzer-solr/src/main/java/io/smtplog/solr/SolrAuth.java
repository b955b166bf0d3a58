package io.smtplog.solr;

import java.util.Objects;

/**
 * Basic-auth credentials for Solr (its BasicAuthPlugin). The password is read from a file or the
 * environment by the CLI, never from the command line, and never shown: {@link #toString()} hides it.
 */
public record SolrAuth(String user, String password) {
  public SolrAuth {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "SolrAuth[user=" + user + ", password=(hidden)]";
  }
}
