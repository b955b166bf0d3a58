package io.smtplog.core.session;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SmtpReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The story of one recipient of one message. Immutable.
 *
 * @param queueId the message, empty for recipients rejected before a queue file existed
 * @param recipient the address delivered to (after aliases and forwards)
 * @param domain the domain the mail was addressed to, lower-cased (what the relay report groups
 *     by): that of {@code origRecipient} when an alias or forward rewrote it, else of {@code recipient}
 * @param origRecipient the address as the message carried it, when an alias or forward changed it
 * @param rcptReply the reply to RCPT TO for this recipient, when a transcript showed it
 * @param finalReply the SMTP reply in the last delivery status or reject, when there was one
 * @param relay the next hop of the last attempt, when it was a network peer
 * @param local true when delivered by a local agent (local, virtual, pipe, or LMTP over a socket)
 * @param deferrals how many attempts were deferred
 * @param delay the total delay of the last attempt, when logged
 * @param client the host the message came from, when it arrived over the network
 * @param sender the envelope sender, when known ("" for the null sender)
 */
public record RecipientOutcome(
    Mta mta, Optional<QueueId> queueId, String recipient, String domain, Optional<String> origRecipient,
    RecipientStatus status, Optional<SmtpReply> rcptReply, Optional<SmtpReply> finalReply,
    Optional<Peer> relay, boolean local, int deferrals, Optional<Duration> delay, Instant firstSeen,
    Instant lastSeen, Optional<Peer> client, Optional<String> sender) {

  public RecipientOutcome {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sender, "sender");
  }

  /**
   * The final address when an alias or forward changed the one the message carried: the forward
   * target (RFC 5321 section 3.4), empty when the address was not rewritten.
   */
  public Optional<String> forwardTarget() {
    if (origRecipient.isEmpty()) {
      return Optional.empty();
    }
    String original = origRecipient.get();
    if (original.equalsIgnoreCase(recipient)) {
      return Optional.empty();
    }
    int at = original.lastIndexOf('@');
    if (recipient.indexOf('@') < 0 && at > 0 && original.substring(0, at).equalsIgnoreCase(recipient)) {
      return Optional.empty(); // Exim's "=> carol <carol@example.com>": the local part of the same address
    }
    return Optional.of(recipient);
  }

  /**
   * Relayed in eximstats' sense: arrived from a remote host, delivered to a remote host, and the
   * address not rewritten on the way.
   */
  public boolean relayedThrough() {
    return status == RecipientStatus.DELIVERED && client.isPresent() && relay.isPresent() && forwardTarget().isEmpty();
  }
}
