package io.smtplog.core.model;

import java.time.Instant;

/** A message left the queue (Postfix qmgr or postsuper "QID: removed"): its story is complete. */
public record MessageRemoved(
    Instant at, SourceRef source, Mta mta, ProcessRef process, QueueId queueId)
    implements MailEvent {}
