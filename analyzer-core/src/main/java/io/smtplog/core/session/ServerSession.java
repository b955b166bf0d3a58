package io.smtplog.core.session;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One SMTP server session: a Postfix smtpd process between "connect from" and "disconnect from"
 * (a process serves many sessions in turn, so the pid alone is not the key). Immutable.
 *
 * @param end empty when the input ended before the disconnect
 * @param commandStats the disconnect record's tally ("ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4")
 * @param messages the queue ids the session created, in order
 * @param refusals access refusals logged in the session (reject, milter-reject...)
 */
public record ServerSession(Mta mta, ProcessRef process, Peer client, Instant start, Optional<Instant> end,
    String commandStats, List<QueueId> messages, int refusals) {

  public ServerSession {
    messages = List.copyOf(messages);
  }
}
