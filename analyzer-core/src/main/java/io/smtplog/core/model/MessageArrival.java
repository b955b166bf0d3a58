package io.smtplog.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message arrived, with its whole envelope on one line (Exim's "&lt;=" line, exim-log-format
 * reference section 6.1): sender, the client that sent it, protocol, TLS, authentication, size,
 * Message-ID, the message it reports on (a bounce's {@code R=}) and, with {@code
 * received_recipients}, its recipients.
 *
 * @param sender the envelope sender, "" for the null sender {@code <>}
 * @param client the sending host ({@code H=}), empty for local submissions
 * @param helo the HELO/EHLO name when the host field shows one
 * @param protocol the {@code P=} value ("esmtps", "local"...), "" when missing
 * @param tlsCipher the {@code X=} cipher suite when the message came over TLS
 * @param authenticator the {@code A=} value ("dovecot_plain:alice") when the client authenticated
 * @param parent the message this one reports on ({@code R=} on a bounce)
 * @param recipients the {@code for} list, empty unless logged
 */
public record MessageArrival(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId queueId, String sender,
    Optional<Peer> client, String helo, String protocol, Optional<String> tlsCipher,
    Optional<String> authenticator, OptionalLong sizeBytes, Optional<String> messageId,
    Optional<QueueId> parent, List<String> recipients)
    implements MailEvent {

  public MessageArrival {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
  }
}
