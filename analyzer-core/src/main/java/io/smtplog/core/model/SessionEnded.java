package io.smtplog.core.model;

import java.time.Instant;

/**
 * An SMTP server connection ended (Postfix smtpd "disconnect from H[A] ehlo=1 ... commands=5").
 * {@code commandStats} is the per-command tally as logged, empty on old Postfix versions.
 */
public record SessionEnded(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Peer client, String commandStats)
    implements MailEvent {}
