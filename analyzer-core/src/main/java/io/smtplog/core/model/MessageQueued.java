package io.smtplog.core.model;

import java.time.Instant;

/**
 * The envelope of a message in the active queue (Postfix qmgr
 * "QID: from=&lt;S&gt;, size=N, nrcpt=N (queue active)"). Logged again on every retry.
 */
public record MessageQueued(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId queueId, String sender,
    long sizeBytes, int recipientCount)
    implements MailEvent {}
