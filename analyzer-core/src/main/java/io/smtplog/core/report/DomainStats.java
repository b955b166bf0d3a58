package io.smtplog.core.report;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.session.RecipientOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Running totals of one recipient domain (or of all, for the totals row). Not thread-safe. */
final class DomainStats {
  static final int TOP_LIST = 5;

  long recipients;
  long delivered;
  long accepted250;
  long forwarded251;
  long relayed;
  long relayedThrough;
  long local;
  long deferred;
  long bounced;
  long expired;
  long rejected;
  long deferrals;
  final TopCounter<String> forwardPaths = new TopCounter<>();
  final TopCounter<Peer> relayHosts = new TopCounter<>();
  final DelaySketch delays = new DelaySketch();
  Instant firstSeen;
  Instant lastSeen;

  void add(RecipientOutcome o) {
    recipients++;
    deferrals += o.deferrals();
    switch (o.status()) {
      case DELIVERED -> {
        delivered++;
        if (o.local()) {
          local++;
        } else if (o.relay().isPresent()) {
          relayed++;
        }
        o.delay().ifPresent(d -> delays.add(d.toNanos() / 1e9));
      }
      case DEFERRED -> deferred++;
      case BOUNCED -> bounced++;
      case EXPIRED -> expired++;
      case REJECTED -> rejected++;
    }
    // RCPT-time reply where a transcript shows it; otherwise the final delivery reply.
    Optional<SmtpReply> basis = o.rcptReply().isPresent() ? o.rcptReply() : o.finalReply();
    basis.ifPresent(reply -> {
      int code = reply.code().value();
      if (code == 250) {
        accepted250++;
      } else if (code == 251) {
        forwarded251++;
      }
    });
    Optional<String> forward = o.rcptReply().flatMap(ReplyClassifier::forwardPath);
    if (forward.isEmpty()) {
      forward = o.finalReply().flatMap(ReplyClassifier::forwardPath);
    }
    if (forward.isEmpty()) {
      forward = o.forwardTarget(); // an alias or forward: the final address is the forward target
    }
    forward.ifPresent(forwardPaths::add);
    if (o.relayedThrough()) {
      relayedThrough++;
    }
    o.relay().ifPresent(relayHosts::add);
    seen(o.firstSeen(), o.lastSeen());
  }

  void addAll(DomainStats other) {
    recipients += other.recipients;
    delivered += other.delivered;
    accepted250 += other.accepted250;
    forwarded251 += other.forwarded251;
    relayed += other.relayed;
    relayedThrough += other.relayedThrough;
    local += other.local;
    deferred += other.deferred;
    bounced += other.bounced;
    expired += other.expired;
    rejected += other.rejected;
    deferrals += other.deferrals;
    forwardPaths.addAll(other.forwardPaths);
    relayHosts.addAll(other.relayHosts);
    delays.addAll(other.delays);
    if (other.firstSeen != null) {
      seen(other.firstSeen, other.lastSeen);
    }
  }

  private void seen(Instant first, Instant last) {
    if (firstSeen == null || first.isBefore(firstSeen)) {
      firstSeen = first;
    }
    if (lastSeen == null || last.isAfter(lastSeen)) {
      lastSeen = last;
    }
  }

  RelayRow toRow(String domain, ZoneId zone) {
    return new RelayRow(domain, recipients, delivered, accepted250, forwarded251, relayed, local, deferred, bounced,
        expired, rejected, deferrals, forwardPaths.format(TOP_LIST), relayHosts.format(TOP_LIST), relayedThrough,
        seconds(delays.percentile(50)), seconds(delays.percentile(95)),
        delays.count() == 0 ? Optional.empty() : seconds(delays.max()),
        Optional.ofNullable(firstSeen).map(t -> t.atZone(zone).toOffsetDateTime()),
        Optional.ofNullable(lastSeen).map(t -> t.atZone(zone).toOffsetDateTime()));
  }

  /** Seconds to at most 3 decimals, without trailing zeros: 0.01, 17, 1.25. */
  private static Optional<BigDecimal> seconds(double value) {
    if (Double.isNaN(value)) {
      return Optional.empty();
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return Optional.of(d.scale() < 0 ? d.setScale(0) : d);
  }
}
