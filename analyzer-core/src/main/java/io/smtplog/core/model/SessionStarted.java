package io.smtplog.core.model;

import java.time.Instant;

/** An SMTP server accepted a connection (Postfix smtpd "connect from H[A]"). */
public record SessionStarted(Instant at, SourceRef source, Mta mta, ProcessRef process, Peer client)
    implements MailEvent {}
