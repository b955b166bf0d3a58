/**
 * The Postfix adapter: every daemon's records (postfix-log-format reference, sections 3 to 10)
 * become events; known records without content are skipped by name; anything else is a counted
 * problem. Record layouts are cited from the Postfix source file that writes them.
 */
package io.smtplog.core.ingest.postfix;
