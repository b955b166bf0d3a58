package io.smtplog.core.outcome;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reply to RCPT TO that the input shows, whatever became of the recipient later: a 251 in a
 * session that never sent its data, or whose data was refused, is still one. Each reply is one
 * item, also when a dialogue and a record both show it. Immutable.
 *
 * @param recipient the address in the RCPT TO command
 * @param domain its domain, lower-cased
 * @param server who answered: the next hop, or the server whose log refused the client
 * @param source where the reply was seen
 * @param line the line that showed it
 */
public record RcptReply(Instant at, Mta mta, String recipient, String domain, Optional<String> sender,
    SmtpReply reply, Optional<Peer> server, ReplySource source, SourceRef line) implements Outcome {

  public RcptReply {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(source, "source");
  }
}
