package io.smtplog.core.outcome;

/**
 * One item of the outcome stream. Reports switch on the record type; every item is immutable and
 * knows its time.
 */
public sealed interface Outcome
    permits RecipientOutcome, MessageOutcome, Attempt, RcptReply, ServerSession, SmtpDialogue, Observation {

  /** When it happened: the last line that decided it. */
  java.time.Instant at();
}
