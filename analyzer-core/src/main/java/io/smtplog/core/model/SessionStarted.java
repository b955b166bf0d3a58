package io.smtplog.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An SMTP server accepted a connection (Postfix smtpd "connect from H[A]", Exim "SMTP connection
 * from H [A]:P").
 *
 * @param scope how the session's later lines can be told from those of other sessions
 */
public record SessionStarted(Instant at, SourceRef source, Mta mta, ProcessRef process, Peer client,
    SessionScope scope)
    implements MailEvent {

  public SessionStarted {
    Objects.requireNonNull(scope, "scope");
  }
}
