package io.smtplog.core.classify;

import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies any SMTP reply (RFC 5321 section 4.2): class from the first digit, category from the
 * second, the specific meaning of the code for the command it answered, the forward-path of 251
 * and 551 replies (RFC 5321 sections 3.4 and 4.2: the only texts besides 220/221/421 that carry
 * data), and the enhanced status code's registry names. Codes missing from the catalog are
 * described by their first digit, as RFC 5321 section 4.2 tells clients to handle them.
 * Immutable and thread-safe.
 */
public final class ReplyClassifier {
  private final CodeCatalog catalog;
  private final EnhancedStatusRegistry registry;

  public ReplyClassifier(CodeCatalog catalog, EnhancedStatusRegistry registry) {
    this.catalog = catalog;
    this.registry = registry;
  }

  /** A classifier over the shipped catalogs. */
  public static ReplyClassifier standard() {
    return Holder.STANDARD;
  }

  public CodeCatalog catalog() {
    return catalog;
  }

  /** Never throws. */
  public ReplyClassification classify(SmtpReply reply) {
    ReplyCode code = reply.code();
    Optional<SmtpCommand> command = reply.command();
    String tag = catalog.tag(code, command).orElseGet(() -> fallbackTag(code));
    String meaning = catalog.meaning(code, command, Language.EN).orElseGet(() -> fallbackMeaning(code));
    return new ReplyClassification(reply, code.replyClass(), code.category(), meaning, tag,
        forwardPath(reply), reply.enhanced().map(registry::describe));
  }

  /** "unknown-4xx": unknown codes are handled by their first digit (RFC 5321 section 4.2). */
  static String fallbackTag(ReplyCode code) {
    return "unknown-" + code.value() / 100 + "xx";
  }

  static String fallbackMeaning(ReplyCode code) {
    return "Unlisted code; handled as " + code.replyClass().displayName().toLowerCase(Locale.ROOT)
        + " by its first digit (RFC 5321 section 4.2)";
  }

  /**
   * The forward-path of a 251 or 551 reply to RCPT or VRFY (or to an unknown command): the first
   * {@code <...>} group of the text. Empty for other codes, for ETRN and BDAT, and when the server
   * named no address (many send "251 2.1.5 OK").
   */
  public static Optional<String> forwardPath(SmtpReply reply) {
    int code = reply.code().value();
    if (code != 251 && code != 551) {
      return Optional.empty();
    }
    if (reply.command().isPresent()) {
      SmtpCommand c = reply.command().get();
      if (c != SmtpCommand.RCPT && c != SmtpCommand.VRFY) {
        return Optional.empty();
      }
    }
    String text = reply.text();
    int open = text.indexOf('<');
    int close = open < 0 ? -1 : text.indexOf('>', open + 1);
    if (close <= open + 1) {
      return Optional.empty();
    }
    String path = text.substring(open + 1, close).strip();
    return path.isEmpty() || path.indexOf('<') >= 0 ? Optional.empty() : Optional.of(path);
  }

  private static final class Holder {
    static final ReplyClassifier STANDARD = new ReplyClassifier(CodeCatalog.load(), EnhancedStatusRegistry.load());
  }
}
