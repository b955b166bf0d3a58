package io.smtplog.core.outcome;

import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SmtpReply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one recipient: the fate of the last copy of the mail that was meant for it.
 * Hops count once: a copy through a content filter, and a copy an alias or .forward sent on as a new
 * message, are merged into the outcome of the recipient the mail was addressed to. Immutable.
 *
 * @param queueId the message (the last copy), empty for recipients refused before a message existed
 * @param message what is known of the message: sender, client, size, arrival, TLS, session
 * @param recipient the address the last copy was delivered to (after aliases and forwards), its
 *     domain lower-cased
 * @param origRecipient the address as the mail was addressed, when an alias, forward or filter
 *     rewrote it
 * @param domain the domain the mail was addressed to, lower-cased: what reports group by
 *     ({@link io.smtplog.core.model.Addresses#addressedDomain})
 * @param rcptReply the reply to RCPT TO for this recipient in its last attempt, when the input shows it
 * @param rcptReplySource where that reply was seen
 * @param finalReply the SMTP reply of the last attempt or refusal (the reply to the end of data for
 *     a delivery), when there was one
 * @param finalText the text that says why: the last status text, the refusal's reason
 * @param lastAttempt the last delivery attempt, when there was one (relay, delays, dsn, as logged)
 * @param relay the network peer of the last attempt, when it was one
 * @param local true when delivered on this host (mailbox, pipe, file, LMTP over a socket): a
 *     delivered recipient is either local or relayed
 * @param attempts delivery attempts of this recipient, hops included
 * @param deferrals how many of them were deferred (at a content filter too)
 * @param hops how many times the mail was queued again under a new id on the way: a content filter that
 *     re-injected it, or the next host of a relay chain whose log is in the inputs
 * @param forwards how many times an alias or .forward sent it on as a new message
 * @param firstSeen the first line about this recipient
 * @param lastSeen the line that decided its fate
 * @param finalAddresses every address the mail for this recipient was finally delivered (or tried)
 *     to: more than one when an alias expanded it, {@code recipient} among them
 */
public record RecipientOutcome(
    Mta mta, Optional<QueueId> queueId, MessageContext message, String recipient, Optional<String> origRecipient,
    String domain, RecipientStatus status, Optional<SmtpReply> rcptReply, Optional<ReplySource> rcptReplySource,
    Optional<SmtpReply> finalReply, String finalText, Optional<DeliveryAttempt> lastAttempt, Optional<Peer> relay,
    boolean local, int attempts, int deferrals, int hops, int forwards, Instant firstSeen, Instant lastSeen,
    List<String> finalAddresses)
    implements Outcome {

  public RecipientOutcome {
    Objects.requireNonNull(mta, "mta");
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(origRecipient, "origRecipient");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rcptReply, "rcptReply");
    Objects.requireNonNull(rcptReplySource, "rcptReplySource");
    Objects.requireNonNull(finalReply, "finalReply");
    Objects.requireNonNull(finalText, "finalText");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    finalAddresses = List.copyOf(finalAddresses);
    if (status != RecipientStatus.DELIVERED && local) {
      throw new IllegalArgumentException("only a delivered recipient is local");
    }
  }

  @Override
  public Instant at() {
    return lastSeen;
  }

  /** Delivered to a network peer (a next hop, or the server a transcript talked to). */
  public boolean relayed() {
    return status == RecipientStatus.DELIVERED && !local;
  }

  /** The envelope sender, when known. */
  public Optional<String> sender() {
    return message.sender();
  }

  /** The total delay of the last attempt, when logged. */
  public Optional<Duration> delay() {
    return lastAttempt.flatMap(DeliveryAttempt::delay);
  }

  /**
   * The final address when an alias or forward changed the one the mail was addressed to: the
   * forward target (RFC 5321 section 3.4), empty when the address was not rewritten.
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
   * The final addresses that differ from the address the mail was addressed to: the forward
   * targets of aliases and forwards (RFC 5321 section 3.4), in order.
   */
  public List<String> forwardTargets() {
    String original = origRecipient.orElse(recipient);
    int at = original.lastIndexOf('@');
    List<String> targets = new ArrayList<>(finalAddresses.size());
    for (String address : finalAddresses) {
      boolean same = address.equalsIgnoreCase(original)
          || address.indexOf('@') < 0 && at > 0 && original.substring(0, at).equalsIgnoreCase(address);
      if (!same) {
        targets.add(address);
      }
    }
    return targets;
  }

  /**
   * Relayed in eximstats' sense: arrived from a remote host, delivered to a remote host, and the
   * address not rewritten on the way.
   */
  public boolean relayedThrough() {
    return relayed() && message.client().isPresent() && relay.isPresent() && forwardTarget().isEmpty();
  }
}
