package io.smtplog.core.outcome;

/** Where an SMTP reply was seen, for the reply to RCPT TO above all: what the input can show. */
public enum ReplySource {
  /** A raw SMTP transcript (swaks, smtplib, telnet, a test client, Exim {@code -d} output). */
  TRANSCRIPT,
  /** A mail server's own record of its SMTP dialogue (Postfix {@code debug_peer_list}). */
  DEBUG_LOG,
  /**
   * A delivery or reject record quoting the reply and the command it answered (Postfix "(in reply
   * to RCPT TO command)", Exim "SMTP error from remote mail server after RCPT TO:", a server's own
   * refusal of a RCPT).
   */
  RECORD
}
