package io.smtplog.core.outcome;

import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.TlsEstablished;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event that is part of no recipient's outcome, passed on as read: an access decision
 * ({@link Rejected}: its refused recipient also has an outcome, but warnings, holds and the reason
 * texts are counted from these), a diagnostic ({@link DaemonMessage}), a TLS session
 * ({@link TlsEstablished}). A reject a server wrote to two logs comes once. Immutable.
 *
 * @param domain the domain of the recipient the event names, lower-cased; "" when it names none
 * @param sender the sender it names, when it names one
 */
public record Observation(MailEvent event, String domain, Optional<String> sender) implements Outcome {
  public Observation {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(sender, "sender");
  }

  /** The observation of {@code event}, with the recipient and sender it names. */
  public static Observation of(MailEvent event) {
    if (event instanceof Rejected r) {
      return new Observation(r, Addresses.domainOf(r.recipient()), Optional.of(r.sender()));
    }
    return new Observation(event, "", Optional.empty());
  }

  @Override
  public Instant at() {
    return event.at();
  }
}
