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
 * @param domain the recipient's domain, lower-cased (what the relay report groups by)
 * @param rcptReply the reply to RCPT TO for this recipient, when a transcript showed it
 * @param finalReply the SMTP reply in the last delivery status or reject, when there was one
 * @param relay the next hop of the last attempt, when it was a network peer
 * @param local true when delivered by a local agent (local, virtual, pipe, or LMTP over a socket)
 * @param deferrals how many attempts were deferred
 * @param delay the total delay of the last attempt, when logged
 */
public record RecipientOutcome(
    Mta mta, Optional<QueueId> queueId, String recipient, String domain, Optional<String> origRecipient,
    RecipientStatus status, Optional<SmtpReply> rcptReply, Optional<SmtpReply> finalReply,
    Optional<Peer> relay, boolean local, int deferrals, Optional<Duration> delay, Instant firstSeen,
    Instant lastSeen) {

  public RecipientOutcome {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(status, "status");
  }
}
