package io.smtplog.core.model;

import java.time.Instant;

/** The Message-ID header of a queued message (Postfix cleanup "QID: message-id=&lt;...&gt;"). */
public record MessageIdentified(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId queueId, String messageId)
    implements MailEvent {}
