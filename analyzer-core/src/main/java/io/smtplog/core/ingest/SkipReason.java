package io.smtplog.core.ingest;

/**
 * Why a readable line produced no event. None of these is a problem. {@link #isOther()} tells the
 * lines counted as {@code other} (text that is not a mail program's own record of mail traffic)
 * from those counted as {@code ignored}.
 */
public enum SkipReason {
  /** An empty line. */
  BLANK,
  /** A known line of a mail program that carries nothing the model keeps (TLS setup, statistics...). */
  KNOWN_NO_EVENT,
  /**
   * Postfix verbose records (debug_peer_list or -v) other than the SMTP transcript itself: a
   * function's trace ("smtpd_check_addr: addr=..."), ">>> START Recipient address RESTRICTIONS
   * <<<", attribute exchanges with the daemons. Counted as {@code other}, with samples.
   */
  VERBOSE_DEBUG,
  /** A line of another program in the same syslog stream (dovecot, amavis, cron...). */
  OTHER_PROGRAM,
  /**
   * Free text that a mail program writes for its configuration: an Exim ACL's {@code logwrite}
   * (with or without a message id), a Postfix informational note that is not a record of mail
   * ("cannot load Certification Authority data..."). It looks like no event, so it is no problem;
   * counted as {@code other}, with samples.
   */
  FREE_TEXT,
  /** A comment or annotation line ("# ...") in a fixture or hand-made log. */
  COMMENT,
  /**
   * A line of a transcript file outside the SMTP dialogue: the prose around an RFC example, the
   * mail headers around a bounce's transcript, debug output between the SMTP lines.
   */
  NOT_DIALOGUE;

  /** True for the lines counted as {@code other}: other programs, verbose output and free text. */
  public boolean isOther() {
    return this == OTHER_PROGRAM || this == VERBOSE_DEBUG || this == FREE_TEXT;
  }

  /** True for the {@code other} lines of which samples are kept (a mail program's own text). */
  public boolean isSampled() {
    return this == VERBOSE_DEBUG || this == FREE_TEXT;
  }
}
