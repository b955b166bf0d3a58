package io.smtplog.core.report;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.SmtpDialogue;
import java.util.Locale;
import java.util.Optional;

/**
 * Which sessions {@code smtplog sessions} prints: those with a MAIL or RCPT address in a domain
 * (or its subdomains), with a reply of a code, and with a reply of a classification tag. Every
 * given condition must hold. Immutable.
 */
public record SessionFilter(Optional<String> domain, Optional<ReplyCode> code, Optional<String> tag) {
  public static final SessionFilter ALL = new SessionFilter(Optional.empty(), Optional.empty(), Optional.empty());

  public SessionFilter {
    domain = domain.map(d -> d.toLowerCase(Locale.ROOT).replaceAll("^[.@]+", ""));
    tag = tag.map(t -> t.toLowerCase(Locale.ROOT));
  }

  public boolean matches(SmtpDialogue dialogue, ReplyClassifier classifier) {
    boolean domainOk = domain.isEmpty() || hasDomain(dialogue);
    boolean replyOk = (code.isEmpty() && tag.isEmpty()) || hasReply(dialogue, classifier);
    return domainOk && replyOk;
  }

  private boolean hasDomain(SmtpDialogue dialogue) {
    String wanted = domain.get();
    for (DialogueExchange e : dialogue.exchanges()) {
      SmtpCommand c = e.command().orElse(null);
      if ((c == SmtpCommand.MAIL || c == SmtpCommand.RCPT) && e.line().isPresent()) {
        String d = Addresses.domainOf(Addresses.pathOfCommand(e.line().get()));
        if (d.equals(wanted) || d.endsWith("." + wanted)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean hasReply(SmtpDialogue dialogue, ReplyClassifier classifier) {
    for (DialogueExchange e : dialogue.exchanges()) {
      if (e.reply().isEmpty()) {
        continue;
      }
      boolean codeOk = code.isEmpty() || e.reply().get().code().equals(code.get());
      boolean tagOk = tag.isEmpty() || classifier.classify(e.reply().get()).tag().equals(tag.get());
      if (codeOk && tagOk) {
        return true;
      }
    }
    return false;
  }
}
