/**
 * Correlation: the lines of one message by queue id, SMTP dialogues by process, rejects by server
 * session. The result is one {@link io.smtplog.core.session.RecipientOutcome} per (message,
 * recipient) pair, emitted when the message's story ends. State is bounded: finished messages
 * leave the tables, and the oldest open ones are evicted past a cap.
 */
package io.smtplog.core.session;
