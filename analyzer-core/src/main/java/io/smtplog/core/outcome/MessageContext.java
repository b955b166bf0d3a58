package io.smtplog.core.outcome;

import io.smtplog.core.model.Peer;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is known of the message a recipient belongs to, shared by its recipients' outcomes: for a
 * copy made by a content filter, the original's (the real client, not the filter). Immutable.
 *
 * @param sender the envelope sender ("" for the null sender), when the input shows it
 * @param client the host the message came from, when it came over the network
 * @param arrival when it entered the queue, when the input shows it
 * @param tls true when it was received over TLS, as far as the input tells (Exim's X=, the TLS
 *     record of the Postfix smtpd session that received it)
 * @param session the first line of the server session that received it, when known
 */
public record MessageContext(Optional<String> messageId, Optional<String> sender, Optional<Peer> client,
    OptionalLong sizeBytes, Optional<Instant> arrival, boolean tls, Optional<SourceRef> session) {

  /** Nothing known: a recipient refused before any message existed, or a transcript's. */
  public static final MessageContext NONE = new MessageContext(Optional.empty(), Optional.empty(), Optional.empty(),
      OptionalLong.empty(), Optional.empty(), false, Optional.empty());

  public MessageContext {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sizeBytes, "sizeBytes");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(session, "session");
  }

  /** A context that knows only the sender and the client (a refusal at SMTP time). */
  public static MessageContext of(String sender, Optional<Peer> client) {
    return new MessageContext(Optional.empty(), Optional.ofNullable(sender), client, OptionalLong.empty(),
        Optional.empty(), false, Optional.empty());
  }
}
