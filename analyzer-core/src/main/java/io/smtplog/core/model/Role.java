package io.smtplog.core.model;

/** Which side of an SMTP dialogue wrote the transcript line: the server or the client. */
public enum Role {
  /** The logging process is the SMTP server (Postfix smtpd): it receives commands, sends replies. */
  SERVER,
  /** The logging process is the SMTP client (Postfix smtp/lmtp): it sends commands, receives replies. */
  CLIENT
}
