package io.smtplog.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The SMTP command a reply answered (RFC 5321 section 4.1 and extensions). {@link #CONNECT} stands
 * for the greeting, which answers the connection rather than a command; {@link #DATA_END} for the
 * final dot after DATA (RFC 5321 section 4.1.1.4), whose reply is the transaction result.
 */
public enum SmtpCommand {
  CONNECT, HELO, EHLO, LHLO, MAIL, RCPT, DATA, DATA_END, BDAT, RSET, VRFY, EXPN, HELP, NOOP, QUIT,
  STARTTLS, AUTH, ETRN, XCLIENT, XFORWARD;

  private static final SmtpCommand[] VALUES = values();
  private static final Optional<SmtpCommand>[] OPTIONALS = optionals();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Optional<SmtpCommand>[] optionals() {
    Optional<SmtpCommand>[] all = new Optional[VALUES.length];
    for (SmtpCommand c : VALUES) {
      all[c.ordinal()] = Optional.of(c);
    }
    return all;
  }

  /** A shared {@code Optional.of(this)}: replies are built on the hot path. */
  public Optional<SmtpCommand> asOptional() {
    return OPTIONALS[ordinal()];
  }

  /** {@code Optional.ofNullable(command)} without allocating. */
  public static Optional<SmtpCommand> optional(SmtpCommand command) {
    return command == null ? Optional.empty() : command.asOptional();
  }

  /**
   * Recognises the verb at the start of a command line ("RCPT TO:&lt;x&gt;", "ehlo x"), case-insensitively.
   * Returns empty for anything else. Never throws.
   */
  public static Optional<SmtpCommand> ofCommandLine(String line) {
    if (line == null) {
      return Optional.empty();
    }
    int end = 0;
    while (end < line.length() && end < 9 && Character.isLetter(line.charAt(end))) {
      end++;
    }
    if (end < 4 || (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != ':')) {
      return Optional.empty();
    }
    String verb = line.substring(0, end).toUpperCase(Locale.ROOT);
    return switch (verb) {
      case "HELO" -> HELO.asOptional();
      case "EHLO" -> EHLO.asOptional();
      case "LHLO" -> LHLO.asOptional();
      case "MAIL" -> MAIL.asOptional();
      case "RCPT" -> RCPT.asOptional();
      case "DATA" -> DATA.asOptional();
      case "BDAT" -> BDAT.asOptional();
      case "RSET" -> RSET.asOptional();
      case "VRFY" -> VRFY.asOptional();
      case "EXPN" -> EXPN.asOptional();
      case "HELP" -> HELP.asOptional();
      case "NOOP" -> NOOP.asOptional();
      case "QUIT" -> QUIT.asOptional();
      case "STARTTLS" -> STARTTLS.asOptional();
      case "AUTH" -> AUTH.asOptional();
      case "ETRN" -> ETRN.asOptional();
      case "XCLIENT" -> XCLIENT.asOptional();
      case "XFORWARD" -> XFORWARD.asOptional();
      default -> Optional.empty();
    };
  }

  /**
   * Recognises the command names Postfix writes after "in reply to" ("RCPT TO command",
   * "end of DATA command", "MAIL FROM command"...). Returns empty for anything else.
   */
  public static Optional<SmtpCommand> ofPostfixPhrase(String phrase) {
    if (phrase == null || phrase.isEmpty()) {
      return Optional.empty();
    }
    if (phrase.startsWith("end of DATA")) {
      return DATA_END.asOptional();
    }
    if (phrase.startsWith("final RSET") || phrase.startsWith("RSET probe")) {
      return RSET.asOptional();
    }
    return ofCommandLine(phrase);
  }

  /** The wire name: "RCPT", "DATA"; "connect" and "end-of-data" for the two pseudo commands. */
  public String wireName() {
    return switch (this) {
      case CONNECT -> "connect";
      case DATA_END -> "end-of-data";
      default -> name();
    };
  }

  /** Parses {@link #wireName()} or the enum name, case-insensitively; empty when unknown. */
  public static Optional<SmtpCommand> ofName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (upper.equals("END_OF_DATA") || upper.equals("DOT") || upper.equals(".")) {
      return DATA_END.asOptional();
    }
    for (SmtpCommand c : values()) {
      if (c.name().equals(upper)) {
        return c.asOptional();
      }
    }
    return Optional.empty();
  }
}
