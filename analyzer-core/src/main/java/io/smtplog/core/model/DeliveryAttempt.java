package io.smtplog.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One delivery attempt of one recipient (Postfix "QID: to=&lt;R&gt;, relay=..., delay=...,
 * dsn=X.Y.Z, status=S (TEXT)", global/log_adhoc.c).
 *
 * @param relay the {@code relay=} value as logged: "host[ip]:port", "local", "none", a service name
 * @param relayPeer the relay as a network peer or socket ("host[ip]:port", "host[private/lmtp]"), when it is one
 * @param delay total time from arrival to the end of this attempt, when logged
 * @param delays Postfix's {@code delays=a/b/c/d} split into its four stages; {@link DelaySplit#NONE} when not logged
 * @param reply the SMTP reply inside the status text, when there is one
 * @param detail the status text inside the final parentheses, as logged
 * @param queuedAs the queue id the next hop gave the message in its reply ("250 2.0.0 Ok: queued as
 *     4BxQ2k0fJmz9v", Exim's "250 OK id=1pBq3c-0001Xy-Ab"), when it named one
 * @param forwardedAs the new message this delivery made for the recipient (Postfix local(8)
 *     "forwarded as ID": an alias or .forward sent the mail on as a copy), when there is one
 */
public record DeliveryAttempt(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId queueId, String recipient,
    Optional<String> origRecipient, String relay, Optional<Peer> relayPeer, Optional<Duration> delay, DelaySplit delays,
    Optional<EnhancedStatus> dsn, DeliveryStatus status, Optional<SmtpReply> reply, String detail,
    Optional<QueueId> queuedAs, Optional<QueueId> forwardedAs)
    implements MailEvent {
  public DeliveryAttempt {
    java.util.Objects.requireNonNull(delays, "delays");
  }
}
