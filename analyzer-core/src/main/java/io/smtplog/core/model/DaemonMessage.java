package io.smtplog.core.model;

import java.time.Instant;

/** A diagnostic a mail daemon logged with a severity ("warning: ...", "fatal: ...", "panic: ..."). */
public record DaemonMessage(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Severity severity, String text)
    implements MailEvent {}
