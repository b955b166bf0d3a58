/**
 * Correlation: the events of every format put together into the outcome stream
 * ({@link io.smtplog.core.outcome}). The lines of one message by queue id, its copies through
 * content filters and forwards, SMTP dialogues by process, rejects and TLS by server session. State
 * is bounded: finished messages leave the tables, and the oldest open ones are evicted past a cap.
 * Nothing here knows which mail server wrote an event: what a format means is said by its adapter
 * ({@link io.smtplog.core.ingest}) in the events' fields.
 */
package io.smtplog.core.session;
