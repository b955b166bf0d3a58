package io.smtplog.core.session;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One message as its lines tell it (postfix-log-format reference, section 2.2): where it came
 * from, its Message-ID, envelope sender, size and recipient count, the message it was made from
 * (a bounce's original, or the copy before a content filter), and every recipient's outcome.
 * Immutable.
 *
 * @param complete true when the log showed the end of the story ("removed"); false when the input
 *     ended first or the message was finished early because the table was full
 * @param received true when the message entered the queue in this input (Postfix smtpd
 *     "client=" or pickup, Exim "&lt;="), false for one seen only by its later lines
 * @param tls true when it was received over TLS, as far as the log tells (Exim's X=)
 */
public record MessageOutcome(
    Mta mta, QueueId queueId, Optional<Peer> client, Optional<String> messageId, Optional<String> sender,
    OptionalLong sizeBytes, OptionalLong recipientCount, Optional<QueueId> parent, boolean expired,
    boolean complete, Instant firstSeen, Instant lastSeen, List<RecipientOutcome> recipients, boolean received,
    boolean tls) {

  public MessageOutcome {
    Objects.requireNonNull(queueId, "queueId");
    recipients = List.copyOf(recipients);
  }
}
