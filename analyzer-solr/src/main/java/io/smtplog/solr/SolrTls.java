package io.smtplog.solr;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The trust store for {@code https://} Solr nodes with a certificate the JVM's default trust store
 * does not know (a cluster's own CA): a PKCS12 or JKS file and its password, given to SolrJ's HTTP/2
 * client as its {@code SSLConfig} (what {@code -Djavax.net.ssl.trustStore} sets for every client).
 * {@link #toString()} hides the password.
 */
public record SolrTls(Path trustStore, Optional<String> password) {
  public SolrTls {
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "SolrTls[trustStore=" + trustStore + ", password=" + (password.isPresent() ? "(hidden)" : "none") + "]";
  }
}
