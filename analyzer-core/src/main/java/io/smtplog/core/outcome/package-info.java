/**
 * The outcome stream: what happened to each recipient and each session, put together by the
 * correlator ({@link io.smtplog.core.session.MailCorrelator}) from the events of every format, and
 * consumed by every report and the index. One {@link io.smtplog.core.outcome.RecipientOutcome} per
 * recipient (the fate of the last copy of the mail meant for it, hops through content filters and
 * forwards merged in), one {@link io.smtplog.core.outcome.MessageOutcome} per message, each
 * delivery {@link io.smtplog.core.outcome.Attempt}, each {@link io.smtplog.core.outcome.RcptReply}
 * seen, each {@link io.smtplog.core.outcome.ServerSession} and {@link
 * io.smtplog.core.outcome.SmtpDialogue}, and the events that are part of no outcome (rejects,
 * diagnostics, TLS) as {@link io.smtplog.core.outcome.Observation}s. All records, immutable.
 */
package io.smtplog.core.outcome;
