package io.smtplog.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * An access decision logged by the receiving server (Postfix smtpd_check.c log_whatsup(), cleanup
 * header/body checks, milters, postscreen): "NOQUEUE: reject: RCPT from H[A]: 554 5.7.1 ...;
 * from=&lt;S&gt; to=&lt;R&gt; proto=ESMTP helo=&lt;H&gt;".
 *
 * @param action the logged action word: "reject", "reject_warning", "milter-reject", "hold"...
 * @param stage the SMTP stage ("RCPT", "END-OF-MESSAGE") or the check class ("header", "body")
 * @param reply the SMTP reply given to the client, when the record carries a reply code
 * @param detail the reason text as logged (the reply without its code, or a check's own text)
 * @param recipient the {@code to=} address, empty when not yet known at that stage
 * @param mirrored true when the writer logs this record twice, in two files (Exim writes every
 *     reject to its main log and to its reject log, exim-log-format reference section 7): reading
 *     both shows it twice, and the second copy is no second reject
 * @param wholeMessage true when the action applies to the whole message, all its recipients, not only
 *     the one it names: a refusal of the data or by a content check, Postfix's DISCARD (access(5):
 *     the message is discarded); false for one recipient's (a RCPT refusal, Exim's PRDR refusal)
 */
public record Rejected(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Optional<QueueId> queueId,
    String action, String stage, Optional<Peer> client, Optional<SmtpReply> reply, String detail, String sender,
    String recipient, String protocol, String helo, boolean mirrored, boolean wholeMessage)
    implements MailEvent {

  /**
   * True when mail was really refused: a reject (Exim's "temporarily rejected" is {@code defer}),
   * not a warning, hold or discard.
   */
  public boolean isRefusal() {
    return action.equals("reject") || action.equals("milter-reject") || action.equals("proxy-reject")
        || action.equals("defer");
  }

  /**
   * The reply, with the command it answered when the reply does not say: the command of the
   * stage ("RCPT", "MAIL", "END-OF-MESSAGE" and the content checks at the end of the data).
   */
  public Optional<SmtpReply> answeredReply() {
    if (reply.isEmpty() || reply.get().command().isPresent()) {
      return reply;
    }
    Optional<SmtpCommand> command = switch (stage) {
      case "END-OF-MESSAGE", "header", "body", "mime-header", "nested-header", "mime-error" ->
          Optional.of(SmtpCommand.DATA_END);
      default -> SmtpCommand.ofName(stage);
    };
    return command.map(c -> reply.get().answering(c)).or(() -> reply);
  }

  /**
   * True when the mail (or the recipient) was accepted and then thrown away on purpose: Postfix's
   * DISCARD access and header-check actions, milter discards, Exim's ACL {@code discard}.
   */
  public boolean isDiscard() {
    return action.equals("discard") || action.equals("milter-discard");
  }
}
