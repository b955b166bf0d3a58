package io.smtplog.core.ingest.journal;

/**
 * The journal fields smtplog reads (systemd.journal-fields(7); systemd's "Journal Export
 * Formats", JSON: a field that is not valid UTF-8 is an array of byte values, and a field may be
 * null).
 */
final class JournalFields {
  /** The program's text, as after the tag in a syslog line. */
  static final String MESSAGE = "MESSAGE";
  /** The tag the program gave to syslog(3): "postfix/smtpd". */
  static final String SYSLOG_IDENTIFIER = "SYSLOG_IDENTIFIER";
  /** The process name, when a program logs without an identifier. */
  static final String COMM = "_COMM";
  /** The pid the program gave to syslog(3); the one a syslog line shows. */
  static final String SYSLOG_PID = "SYSLOG_PID";
  /** The pid journald saw (trusted field): used when there is no SYSLOG_PID. */
  static final String PID = "_PID";
  static final String HOSTNAME = "_HOSTNAME";
  /** When journald received the entry, in microseconds since the epoch (a decimal string). */
  static final String REALTIME_TIMESTAMP = "__REALTIME_TIMESTAMP";

  private JournalFields() {}
}
