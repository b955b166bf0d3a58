package io.smtplog.core.outcome;

import io.smtplog.core.model.DeliveryAttempt;
import java.time.Instant;
import java.util.Objects;

/**
 * One delivery attempt, as read, with what the correlator knows of its recipient: the domain the
 * mail was addressed to and the message. Deferrals are counted from these (each attempt in its own
 * hour); the recipient's final outcome comes later as a {@link RecipientOutcome}. Immutable.
 *
 * @param domain the domain the mail was addressed to, lower-cased
 */
public record Attempt(DeliveryAttempt event, String domain, MessageContext message) implements Outcome {
  public Attempt {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public Instant at() {
    return event.at();
  }
}
