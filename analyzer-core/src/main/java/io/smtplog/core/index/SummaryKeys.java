package io.smtplog.core.index;

import io.smtplog.core.classify.Normalizer;
import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.TlsEstablished;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.ServerSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values the summary report counts by, computed from outcomes by one code: SummaryCollector
 * counts with them when it replays the outcomes, and the index writes them at ingest time into the
 * internal {@code _sum_} fields ({@link IndexFields#SUM_QUARTER}...), so that aggregates over the
 * documents (SummaryAggregates) only count, add up and group, and give the same figures. A function
 * that pseudonymises a value is passed in where the collector applies one (the identity for the index).
 */
public final class SummaryKeys {
  private SummaryKeys() {}

  /** Upper bounds (seconds) of the delay histogram's buckets; the last bucket is open. */
  public static final double[] DELAY_BUCKETS = {1, 5, 30, 120, 600, 3600, 6 * 3600, 24 * 3600};

  /** The seconds of a traffic table's buckets: a quarter hour, the unit every zone's offset is made of today. */
  public static final long QUARTER_SECONDS = 900;

  /** What the summary counts an event as ({@link #eventClass}). */
  public static final String REFUSAL = "refusal";
  public static final String REJECT_WARNING = "reject_warning";
  public static final String WARNED = "warned";
  public static final String HELD = "held";
  public static final String DISCARD_ACTION = "discard_action";

  /** The row of a recipient the log does not name, and of an address without a domain. */
  public static final String UNNAMED_DOMAIN = "(unnamed)";
  public static final String NO_DOMAIN = "(no domain)";

  /** A recipient's domain row: its domain, else {@link #NO_DOMAIN}, or {@link #UNNAMED_DOMAIN} for no address. */
  public static String domainRow(String recipient, String domain) {
    if (!domain.isEmpty()) {
      return domain;
    }
    return recipient.isEmpty() ? UNNAMED_DOMAIN : NO_DOMAIN;
  }

  /** The quarter hour of {@code at}: the traffic tables' bucket, named in the report's zone afterwards. */
  public static long quarter(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), QUARTER_SECONDS);
  }

  /** A reason's key: "enhanced\0normalised text" (the text pseudonymised first, when it is). */
  public static String reason(Optional<String> enhanced, String text) {
    return enhanced.orElse("") + "\u0000" + Normalizer.text(text);
  }

  /** The enhanced status code a deferral shows. */
  public static Optional<String> enhanced(DeliveryAttempt d) {
    return d.dsn().map(Object::toString);
  }

  /** The enhanced status code a bounce shows: its last attempt's, else its final reply's. */
  public static Optional<String> enhanced(RecipientOutcome o) {
    return o.lastAttempt().flatMap(DeliveryAttempt::dsn).or(() -> o.finalReply().flatMap(SmtpReply::enhanced))
        .map(Object::toString);
  }

  /** The enhanced status code of a refusal's reply. */
  public static Optional<String> enhanced(Rejected r) {
    return r.reply().flatMap(SmtpReply::enhanced).map(Object::toString);
  }

  /** The text of a refusal's reason: its stage and detail. */
  public static String refusalText(Rejected r) {
    return r.stage() + ": " + r.detail();
  }

  /**
   * What the summary counts an access decision as: a refusal (its reject records), or one of the
   * actions it counts; null for one it does not count (filter, redirect, prepend...).
   */
  public static String eventClass(Rejected r) {
    if (r.isRefusal()) {
      return REFUSAL;
    }
    return switch (r.action()) {
      case "reject_warning" -> REJECT_WARNING;
      case "warn", "warning" -> WARNED; // an access table's WARN, a header or body check's WARN
      case "hold", "milter-hold" -> HELD;
      case "discard", "milter-discard" -> DISCARD_ACTION;
      default -> null;
    };
  }

  /** What the summary counts a diagnostic as: its severity (warning, error, fatal, panic). */
  public static String eventClass(DaemonMessage m) {
    return m.severity().name().toLowerCase(Locale.ROOT);
  }

  /** A diagnostic's key: "severity\0process: normalised text" ({@code text} pseudonymised first, when it is). */
  public static String diagnostic(DaemonMessage m, String text) {
    return eventClass(m) + "\u0000" + m.process().tag() + ": " + Normalizer.text(text);
  }

  /** A TLS connection's kind ("inbound trusted TLSv1.3"); empty for a reused one (counted apart). */
  public static Optional<String> tlsKind(TlsEstablished t) {
    if (t.reused()) {
      return Optional.empty();
    }
    return Optional.of((t.role() == Role.SERVER ? "inbound " : "outbound ") + t.trust() + " "
        + (t.protocol().isEmpty() ? "?" : t.protocol()));
  }

  /** The sender as the summary counts it: the address ({@code addresses} applied), "<>" for the null sender. */
  public static String sender(String sender, UnaryOperator<String> addresses) {
    return sender.isEmpty() ? "<>" : addresses.apply(sender);
  }

  /**
   * The sending host or domain as pflogsumm counts it: the sender's domain; without one (the null
   * sender, a bare local name), the client's domain (pflogsumm's gimme_domain()), or for mail
   * submitted locally the sender itself ({@code senderKey}).
   */
  public static String sendingDomain(MessageOutcome m, String senderKey, UnaryOperator<String> domains,
      Function<Peer, String> clientDomains) {
    String domain = Addresses.domainOf(m.message().sender().orElse(""));
    if (!domain.isEmpty()) {
      return domains.apply(domain);
    }
    if (m.message().client().isPresent()) {
      return domains.apply(clientDomains.apply(m.message().client().get()));
    }
    return senderKey;
  }

  /**
   * pflogsumm's gimme_domain() (pflogsumm 1.1.5, line 1532), so that "sending hosts/domains" count
   * alike: an unknown name becomes the address; "mach.host.dom" and "mach.host.do.co" become
   * "host.dom" and "host.do.co" (other names, such as "mx.example.info", stay whole).
   */
  public static String clientDomain(Peer client) {
    String host = client.hostname();
    if (host.isEmpty() || host.equals("unknown")) {
      return client.address();
    }
    Matcher m = PFLOGSUMM_DOMAIN.matcher(host);
    return (m.matches() ? m.group(2) + "." + m.group(3) : host).toLowerCase(Locale.ROOT);
  }

  private static final Pattern PFLOGSUMM_DOMAIN = Pattern.compile("^(.*)\\.([^.]+)\\.([^.]{3}|[^.]{2,3}\\.[^.]{2})$");

  /** "host[ip]": a client's port is one connection's, not the host's. */
  public static String withoutPort(Peer peer) {
    return new Peer(peer.hostname(), peer.address(), Peer.NO_PORT).toString();
  }

  /** A recipient relayed through: "client -> relay", each without its port, "?" for one not known. */
  public static String relayed(RecipientOutcome o, UnaryOperator<String> texts, UnaryOperator<Peer> peers) {
    return o.message().client().map(SummaryKeys::withoutPort).map(texts).orElse("?") + " -> "
        + o.relay().map(peers).map(SummaryKeys::withoutPort).orElse("?");
  }

  /** The delay histogram's bucket of a delay in seconds (an index into {@link #DELAY_BUCKETS}, one past for the last). */
  public static int delayBucket(double seconds) {
    int bucket = 0;
    while (bucket < DELAY_BUCKETS.length && seconds >= DELAY_BUCKETS[bucket]) {
      bucket++;
    }
    return bucket;
  }

  /** A delay in seconds as the summary adds it. */
  public static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** A server session's length in whole seconds (0 when it has no end). */
  public static long sessionSeconds(ServerSession s) {
    return s.end().map(end -> Duration.between(s.start(), end).toSeconds()).orElse(0L);
  }
}
