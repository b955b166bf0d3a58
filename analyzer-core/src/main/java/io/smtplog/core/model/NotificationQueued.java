package io.smtplog.core.model;

import java.time.Instant;

/**
 * A delivery status notification about {@code parent} was queued as {@code child} (Postfix bounce
 * "OLDID: sender non-delivery notification: NEWID"). {@code kind} is the logged phrase without
 * ": NEWID", e.g. "sender non-delivery notification".
 */
public record NotificationQueued(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId parent, QueueId child,
    String kind)
    implements MailEvent {}
