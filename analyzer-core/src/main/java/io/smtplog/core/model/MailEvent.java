package io.smtplog.core.model;

import java.time.Instant;

/**
 * Something a mail server logged or a transcript showed. Every event knows when it happened, the
 * file and line it came from, the kind of software that wrote it and the writing process.
 * Implementations are immutable records.
 */
public sealed interface MailEvent
    permits SessionStarted, SessionEnded, MessageReceived, MessageIdentified, MessageQueued,
        DeliveryAttempt, MessageExpired, MessageRemoved, NotificationQueued, Rejected,
        CommandLine, ReplyLine, DaemonMessage, MessageArrival, EntryContinuation, TranscriptNote, TlsEstablished {

  Instant at();

  SourceRef source();

  Mta mta();

  ProcessRef process();
}
