package io.smtplog.solr;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;

/**
 * Sending again what a cluster could not take for a while: a node restarting, a shard without a
 * live replica, a connection refused. Waits double from {@link #FIRST_WAIT} up to {@link #LONGEST_WAIT}
 * until {@code patience} has passed; then the last failure is thrown. What no wait cures (a refused
 * password, a missing collection, a document the schema refuses) is thrown at once. Safe because
 * every document's id derives from its content: a batch sent twice replaces itself.
 */
public final class Retries {
  static final Duration FIRST_WAIT = Duration.ofMillis(250);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(8);
  /** How long an ingest waits for a cluster by default before it gives up. */
  public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(2);

  /** One request to the cluster. */
  @FunctionalInterface
  public interface Request<T> {
    T send() throws SolrServerException, IOException;
  }

  /** Told of each failure that will be retried, and the wait before the next try. */
  @FunctionalInterface
  public interface Listener {
    void retrying(Exception failure, int attempt, Duration wait);
  }

  private final Duration patience;
  private final LongSupplier nanoClock;
  private final Listener listener;

  public Retries(Duration patience, Listener listener) {
    this(patience, listener, System::nanoTime);
  }

  Retries(Duration patience, Listener listener, LongSupplier nanoClock) {
    this.patience = patience;
    this.listener = listener;
    this.nanoClock = nanoClock;
  }

  /** How long failures a wait can cure are retried. */
  public Duration patience() {
    return patience;
  }

  /** Sends {@code request}, again after a wait while the failure is one a wait can cure. */
  public <T> T send(Request<T> request) throws SolrServerException, IOException {
    long started = nanoClock.getAsLong();
    Duration wait = FIRST_WAIT;
    for (int attempt = 1; ; attempt++) {
      try {
        return request.send();
      } catch (SolrServerException | IOException | SolrException e) {
        boolean later = Duration.ofNanos(nanoClock.getAsLong() - started).plus(wait).compareTo(patience) > 0;
        if (!curable(e) || later) {
          throw e;
        }
        listener.retrying(e, attempt, wait);
        sleep(wait);
        wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      }
    }
  }

  /**
   * True for a failure a wait may cure: the cluster did not answer (a refused or broken connection,
   * a timeout, no live node for a shard), or answered that it cannot serve now (HTTP 5xx, 503 above all).
   * Not a refused password (401, 403), a missing collection or a refused document (other 4xx).
   */
  static boolean curable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Refused by the cluster, a name that does not resolve, a certificate not trusted: the same
      // request fails the same way however long one waits.
      if (t instanceof SolrException s && s.code() >= 400 && s.code() < 500
          || t instanceof java.net.UnknownHostException || t instanceof javax.net.ssl.SSLException) {
        return false;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof java.io.EOFException) {
        return true;
      }
      if (t instanceof SolrException s && s.code() >= 500) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && (message.contains("No live SolrServers") || message.contains("no active servers")
          || message.contains("Connection refused"))) {
        return true;
      }
    }
    // Another failure of the connection (reset, closed, cut short) while the cluster is in flux.
    return failure instanceof SolrServerException || failure instanceof IOException;
  }

  private static void sleep(Duration wait) throws IOException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for the cluster");
    }
  }
}
