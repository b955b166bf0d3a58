package io.smtplog.core.model;

/** Which kind of software wrote an event: a mail server's log, or a raw SMTP transcript. */
public enum Mta {
  POSTFIX, EXIM, TRANSCRIPT
}
