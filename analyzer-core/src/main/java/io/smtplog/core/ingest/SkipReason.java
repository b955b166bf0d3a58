package io.smtplog.core.ingest;

/** Why a readable line produced no event. None of these is a problem. */
public enum SkipReason {
  /** An empty line. */
  BLANK,
  /** A known line of a mail program that carries nothing the model keeps (TLS setup, statistics...). */
  KNOWN_NO_EVENT,
  /** Postfix verbose (debug_peer_list or -v) records other than the SMTP transcript itself. */
  VERBOSE_DEBUG,
  /** A line of another program in the same syslog stream (dovecot, amavis, cron...). */
  OTHER_PROGRAM,
  /** A comment or annotation line ("# ...") in a fixture or hand-made log. */
  COMMENT,
  /**
   * A line of a transcript file outside the SMTP dialogue: the prose around an RFC example, the
   * mail headers around a bounce's transcript, debug output between the SMTP lines.
   */
  NOT_DIALOGUE
}
