/**
 * The Exim adapter: main, reject and panic log entries (exim-log-format reference; Exim
 * specification chapter "Log files") become events, with or without the pid and syslog prefix;
 * continuation lines of a reject-log header dump stay with their entry; known entries without
 * content are skipped by name, an ACL's own {@code logwrite} text is counted as other, and
 * anything else is a counted problem.
 */
package io.smtplog.core.ingest.exim;
