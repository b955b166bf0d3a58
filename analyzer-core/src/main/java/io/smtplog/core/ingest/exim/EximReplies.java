package io.smtplog.core.ingest.exim;

import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the remote server's reply in the texts Exim logs for deliveries, deferrals, failures and
 * callouts (exim-log-format reference section 6.4, {@code transports/smtp.c}):
 * <ul>
 *   <li>{@code SMTP error from remote mail server after [pipelined ]RCPT TO:<x>: 551 ...} (older
 *       releases: "remote mailer", and "after RCPT TO:<x>: host H [ip]: 553 ..."): the reply, and
 *       the command it answered;
 *   <li>{@code host H [ip]: 451 ...} and {@code response to "MAIL FROM:<x>" was: 550 ...}: the
 *       first ": CODE " in the text;
 *   <li>the {@code C="250 OK id=..."} confirmation of a delivery, which answers the end of data.
 * </ul>
 * Stateless; never throws.
 */
final class EximReplies {
  private static final String SMTP_ERROR = "SMTP error from remote mail";
  private static final String AFTER = " after ";
  private static final String PIPELINED = "pipelined ";

  private EximReplies() {}

  /** The reply inside a delivery or verification message, when there is one. */
  static Optional<SmtpReply> inMessage(String text) {
    int error = text.indexOf(SMTP_ERROR);
    if (error >= 0) {
      int after = text.indexOf(AFTER, error + SMTP_ERROR.length());
      if (after > 0) {
        int command = after + AFTER.length();
        if (text.startsWith(PIPELINED, command)) {
          command += PIPELINED.length();
        }
        int reply = replyStart(text, command);
        if (reply > 0) {
          int phraseEnd = text.indexOf(": ", command);
          SmtpCommand answered = commandOf(text.substring(command, phraseEnd < 0 ? reply : phraseEnd));
          return ReplyTextParser.parseReply(text, reply, text.length(), answered);
        }
      }
    }
    int reply = replyStart(text, 0);
    return reply < 0 ? Optional.empty() : ReplyTextParser.parseReply(text, reply, text.length(), null);
  }

  /**
   * The reply that starts {@code text}: "554 5.7.1 Relay not permitted", "451 Greylisted", "550-first
   * line\n550 last" as an ACL message is logged; empty when the text starts with no reply code.
   */
  static Optional<SmtpReply> leading(String text, SmtpCommand answered) {
    return ReplyTextParser.parseReply(text, 0, text.length(), answered);
  }

  /** The confirmation logged as {@code C="..."}: the reply to the end of data (or to LMTP's). */
  static Optional<SmtpReply> confirmation(String value) {
    return value == null ? Optional.empty() : ReplyTextParser.parseReply(value, 0, value.length(), SmtpCommand.DATA_END);
  }

  /** Index of a reply code that follows ": " at or after {@code from}, or -1. */
  private static int replyStart(String text, int from) {
    int i = from;
    while (true) {
      int colon = text.indexOf(": ", i);
      if (colon < 0) {
        return -1;
      }
      int code = colon + 2;
      if (ReplyCode.isValid(text, code)
          && (code + 3 == text.length() || text.charAt(code + 3) == ' ' || text.charAt(code + 3) == '-')) {
        return code;
      }
      i = colon + 1;
    }
  }

  /** The command named in "after COMMAND": "RCPT TO:&lt;x&gt;", "MAIL FROM:...", "end of data"... */
  static SmtpCommand commandOf(String phrase) {
    String p = phrase.strip();
    String lower = p.toLowerCase(Locale.ROOT);
    if (lower.startsWith("end of data")) {
      return SmtpCommand.DATA_END;
    }
    if (lower.startsWith("initial connection")) {
      return SmtpCommand.CONNECT;
    }
    return SmtpCommand.ofCommandLine(p).orElse(null);
  }
}
