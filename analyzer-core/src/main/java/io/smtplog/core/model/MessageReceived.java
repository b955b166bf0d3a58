package io.smtplog.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A message entered the queue: over SMTP (Postfix "QID: client=H[A]", with the SASL login when
 * there was one) or locally (Postfix pickup "QID: uid=N from=&lt;x&gt;", {@code client} empty).
 */
public record MessageReceived(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId queueId,
    Optional<Peer> client, Optional<String> saslUsername, Optional<QueueId> origQueueId)
    implements MailEvent {}
