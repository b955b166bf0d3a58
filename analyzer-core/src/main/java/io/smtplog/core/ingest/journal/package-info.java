/**
 * The systemd journal as {@code journalctl -o json} exports it: one JSON object per line, whose
 * fields (systemd.journal-fields(7)) give the syslog envelope that the syslog adapters read.
 */
package io.smtplog.core.ingest.journal;
