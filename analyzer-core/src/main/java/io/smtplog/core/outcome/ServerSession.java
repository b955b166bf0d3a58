package io.smtplog.core.outcome;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One SMTP server session: a client's connection from its start to its end (postfix-log-format
 * section 2.2, exim-log-format section 6.6). Immutable.
 *
 * @param first the line that started it
 * @param end empty when the input ended before the disconnect (or the session was dropped)
 * @param commandStats the end record's tally ("ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4"), "" when none
 * @param messages the queue ids the session created, in order
 * @param refusals access refusals logged in the session (reject, milter-reject...)
 * @param tls true when the session was encrypted (a TLS record of the server for it)
 */
public record ServerSession(Mta mta, ProcessRef process, Peer client, SourceRef first, Instant start,
    Optional<Instant> end, String commandStats, List<QueueId> messages, int refusals, boolean tls)
    implements Outcome {

  public ServerSession {
    messages = List.copyOf(messages);
  }

  @Override
  public Instant at() {
    return end.orElse(start);
  }
}
