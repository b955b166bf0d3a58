package io.smtplog.core.model;

import java.time.Instant;

/**
 * The queue gave up on a message (Postfix qmgr "QID: from=&lt;S&gt;, status=expired, returned to
 * sender"): every recipient still deferred is now expired.
 */
public record MessageExpired(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId queueId, String sender)
    implements MailEvent {}
