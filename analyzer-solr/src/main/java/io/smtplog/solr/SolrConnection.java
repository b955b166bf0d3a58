package io.smtplog.solr;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.embedded.SSLConfig;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.SolrException;

/**
 * A connection to a smtplog collection on SolrCloud: SolrJ's {@link CloudHttp2SolrClient} (which
 * routes each document to its shard's leader), through ZooKeeper or a Solr node, with basic auth
 * and a trust store when given. {@link #open} checks first that the cluster answers, the credentials
 * are accepted, the collection exists and was made from smtplog's configset of this format; every
 * failure is one {@link SolrAccessException} with a line a person can act on ({@link #explain}).
 */
public final class SolrConnection implements AutoCloseable {
  /** How long to wait for ZooKeeper or a node to accept a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private final SolrTarget target;
  private final Optional<SolrAuth> auth;
  private final CloudHttp2SolrClient client;

  private SolrConnection(SolrTarget target, Optional<SolrAuth> auth, CloudHttp2SolrClient client) {
    this.target = target;
    this.auth = auth;
    this.client = client;
  }

  /** Opens and checks a connection to {@code target} ({@link #preflight}). */
  public static SolrConnection open(SolrTarget target, Optional<SolrAuth> auth, Optional<SolrTls> tls)
      throws SolrAccessException {
    return open(target, auth, tls, CONNECT_TIMEOUT);
  }

  /** {@link #open(SolrTarget, Optional, Optional)} with another connect timeout. */
  public static SolrConnection open(SolrTarget target, Optional<SolrAuth> auth, Optional<SolrTls> tls,
      Duration connectTimeout) throws SolrAccessException {
    refuseClearText(target, auth, tls);
    Http2SolrClient.Builder http = http(null, auth, tls, connectTimeout);
    CloudHttp2SolrClient.Builder cloud = target.zooKeeper()
        ? new CloudHttp2SolrClient.Builder(target.hosts(), target.chroot())
            .withZkConnectTimeout((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        : new CloudHttp2SolrClient.Builder(target.hosts());
    CloudHttp2SolrClient client;
    try {
      client = cloud.withInternalClientBuilder(http).withDefaultCollection(target.collection()).build();
    } catch (RuntimeException e) {
      throw explain(e, target, auth, "connecting");
    }
    SolrConnection connection = new SolrConnection(target, auth, client);
    try {
      connection.preflight(target.zooKeeper() ? null : http(target.baseUrl(), auth, tls, connectTimeout));
      return connection;
    } catch (SolrAccessException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Basic auth sends the password readable by anyone on the way (base64 is not encryption): over
   * plain http only to this machine. A trust store is for https: with an http:// address it would
   * do nothing, silently. (Through ZooKeeper the nodes' scheme is the cluster's urlScheme, which
   * only the cluster knows.)
   */
  static void refuseClearText(SolrTarget target, Optional<SolrAuth> auth, Optional<SolrTls> tls)
      throws SolrAccessException {
    if (target.zooKeeper()) {
      return;
    }
    java.net.URI url = java.net.URI.create(target.baseUrl());
    if (!"http".equalsIgnoreCase(url.getScheme())) {
      return;
    }
    if (tls.isPresent()) {
      throw new SolrAccessException("--solr-truststore is for https:// nodes, and " + Clean.text(target.where())
          + " is http://: give the https:// address, or leave the trust store out");
    }
    if (auth.isPresent() && !loopback(url.getHost())) {
      throw new SolrAccessException("refusing to send the password of " + Clean.text(auth.get().user())
          + " unencrypted to " + Clean.text(target.where()) + ": give the node's https:// address (with"
          + " --solr-truststore for its CA), or run smtplog on a node and use http://localhost");
    }
  }

  private static boolean loopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
  }

  /** SolrJ's HTTP/2 client with the credentials and trust store; {@code baseUrl} null for the cloud client's. */
  private static Http2SolrClient.Builder http(String baseUrl, Optional<SolrAuth> auth, Optional<SolrTls> tls,
      Duration connectTimeout) throws SolrAccessException {
    Http2SolrClient.Builder http = (baseUrl == null ? new Http2SolrClient.Builder() : new Http2SolrClient.Builder(baseUrl))
        .withConnectionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    auth.ifPresent(a -> http.withBasicAuthCredentials(a.user(), a.password()));
    if (tls.isPresent()) {
      SolrTls t = tls.get();
      if (!Files.isReadable(t.trustStore())) {
        throw new SolrAccessException("cannot read the trust store " + Clean.text(t.trustStore().toString())
            + " (--solr-truststore)");
      }
      http.withSSLConfig(new SSLConfig(true, false, null, null, t.trustStore().toString(), t.password().orElse(null)));
    }
    return http;
  }

  /**
   * Lists the collections (for a Solr URL with a plain client: the cloud client reports a refused
   * password there as "Error refreshing state", solr-findings §3), then checks the collection and
   * its schema's name ({@link SolrSchema#NAME}).
   */
  private void preflight(Http2SolrClient.Builder plainForUrl) throws SolrAccessException {
    List<String> collections;
    try {
      if (target.zooKeeper()) {
        collections = CollectionAdminRequest.listCollections(client);
      } else {
        try (Http2SolrClient plain = plainForUrl.build()) {
          collections = CollectionAdminRequest.listCollections(plain);
        }
      }
    } catch (Exception e) {
      throw explain(e, target, auth, "listing the collections");
    }
    if (!collections.contains(target.collection())) {
      throw missing(target, collections);
    }
    String schema;
    try {
      schema = new SchemaRequest.SchemaName().process(client, target.collection()).getSchemaName();
    } catch (Exception e) {
      throw explain(e, target, auth, "reading the schema of collection " + target.collection());
    }
    if (!SolrSchema.NAME.equals(schema)) {
      throw new SolrAccessException("collection " + target.collection() + " on " + Clean.text(target.where())
          + " was not made from smtplog's configset of format " + io.smtplog.core.index.LogIndexer.FORMAT
          + " (its schema is '" + Clean.text(schema) + "', not '" + SolrSchema.NAME + "'): upload the configset of"
          + " `smtplog solr configset` and create a collection from it");
    }
  }

  private static SolrAccessException missing(SolrTarget target, List<String> collections) {
    return new SolrAccessException("collection " + target.collection() + " does not exist on "
        + Clean.text(target.where()) + " (collections: " + (collections.isEmpty() ? "none"
        : Clean.text(String.join(", ", collections.stream().sorted().toList())))
        + "): create it with `bin/solr create -c " + target.collection() + " -n " + SolrConfigset.NAME
        + " -shards 2` after uploading the configset of `smtplog solr configset`");
  }

  /** The client, with the collection as its default. */
  public SolrClient client() {
    return client;
  }

  public SolrTarget target() {
    return target;
  }

  public String collection() {
    return target.collection();
  }

  /** {@code failure} of a request made while {@code doing} (for messages: "adding documents"), as one line. */
  public SolrAccessException explain(Throwable failure, String doing) {
    return explain(failure, target, auth, doing);
  }

  /**
   * One line for a failure: the cause chain read for what a person can fix (credentials, a missing
   * collection, an unreachable node or ZooKeeper, TLS); Solr's own message only as a last resort,
   * its first line without any HTML page.
   */
  static SolrAccessException explain(Throwable failure, SolrTarget target, Optional<SolrAuth> auth, String doing) {
    String where = Clean.text(target.where());
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String message = c.getMessage() == null ? "" : c.getMessage();
      if (c instanceof SolrException se && se.code() == 401) {
        return new SolrAccessException(auth.map(a -> "authentication failed for user " + Clean.text(a.user()) + " at "
            + where + " (HTTP 401): check --solr-user and the password file (or " + "SMTPLOG_SOLR_PASSWORD)")
            .orElse(where + " asks for a user and password (HTTP 401): give --solr-user and --solr-password-file"),
            failure);
      }
      if (c instanceof SolrException se && se.code() == 403) {
        return new SolrAccessException("user " + auth.map(a -> Clean.text(a.user())).orElse("(none)")
            + " may not do this at " + where + " while " + doing + " (HTTP 403): check the user's role in Solr's"
            + " security.json", failure);
      }
      if (message.startsWith("Collection not found")) {
        return new SolrAccessException("collection " + target.collection() + " does not exist on " + where
            + ": create it with `bin/solr create -c " + target.collection() + " -n " + SolrConfigset.NAME
            + " -shards 2` after uploading the configset of `smtplog solr configset`", failure);
      }
      if (target.zooKeeper() && (c instanceof TimeoutException || message.contains("ZooKeeper")
          || message.contains("zookeeper"))) {
        return new SolrAccessException("cannot reach ZooKeeper at " + String.join(",", target.hosts())
            + " while " + doing + ": is it running, and is the address right (bin/solr's -z)?", failure);
      }
      if (c instanceof SSLException) {
        return new SolrAccessException("TLS with " + where + " failed (" + Clean.text(firstLine(message))
            + "): give the cluster's CA with --solr-truststore", failure);
      }
      if (c instanceof UnknownHostException) {
        return new SolrAccessException("cannot reach Solr at " + where + ": unknown host " + Clean.text(message),
            failure);
      }
      if (c instanceof ConnectException || message.contains("No live SolrServers")) {
        return new SolrAccessException("cannot reach Solr at " + where + " while " + doing
            + " (no node answers): is it running, and is the address right?", failure);
      }
    }
    String code = failure instanceof SolrException se ? " (HTTP " + se.code() + ")" : "";
    return new SolrAccessException("Solr at " + where + " failed while " + doing + code + ": "
        + Clean.text(firstLine(failure.getMessage())), failure);
  }

  /** A message's first line, without an HTML page or SolrJ's "Error from server at URL:" prefix. */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String m = message;
    int html = m.indexOf('<');
    if (html >= 0) {
      m = m.substring(0, html);
    }
    int newline = m.indexOf('\n');
    if (newline >= 0) {
      m = m.substring(0, newline);
    }
    if (m.startsWith("Error from server at ")) {
      int colon = m.indexOf(": ", "Error from server at ".length());
      m = colon >= 0 ? m.substring(colon + 2) : m;
    }
    return m.strip();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // Closing releases connections and threads; nothing is lost if it fails.
    }
  }
}
