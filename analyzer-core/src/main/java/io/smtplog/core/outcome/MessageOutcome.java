package io.smtplog.core.outcome;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.QueueId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One message as its lines tell it (postfix-log-format reference, section 2.2; exim-log-format
 * section 6): where it came from, what it is a copy or a notification of, and the outcomes of the
 * recipients decided with it. Immutable.
 *
 * @param received true when the message entered the queue in this input (Postfix smtpd "client="
 *     or pickup, Exim "&lt;="), false for one seen only by its later lines
 * @param copyOf the message this one is a copy of: a content filter's re-injection, or the new
 *     message an alias or .forward made; the same mail again, not a new one
 * @param notificationOf the message this delivery status notification reports on
 * @param recipients the outcomes emitted with this message: those of its own recipients, and for a
 *     copy the merged outcomes of the recipients it was made for
 * @param recipientDomains the domains every recipient known of this message was addressed to,
 *     those handed on to a copy included (what a domain filter asks about)
 * @param recipientCount the number of recipients the queue file had, when logged (Postfix nrcpt=)
 * @param complete true when the input showed the end of its story (removed, or Exim's Completed)
 * @param expired true when the queue gave up on it
 */
public record MessageOutcome(Mta mta, QueueId queueId, MessageContext message, boolean received,
    Optional<QueueId> copyOf, Optional<QueueId> notificationOf, List<RecipientOutcome> recipients,
    Set<String> recipientDomains, OptionalLong recipientCount, boolean complete, boolean expired, Instant firstSeen,
    Instant lastSeen) implements Outcome {

  public MessageOutcome {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(message, "message");
    recipients = List.copyOf(recipients);
    recipientDomains = Set.copyOf(recipientDomains);
  }

  @Override
  public Instant at() {
    return lastSeen;
  }

  /** Received from outside in this input, and not a copy of a message received before. */
  public boolean receivedNew() {
    return received && copyOf.isEmpty();
  }
}
