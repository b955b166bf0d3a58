package io.smtplog.core.ingest;

import io.smtplog.core.model.SmtpCommand;
import java.util.Locale;
import java.util.Optional;

/**
 * Removes SMTP AUTH credentials from command lines before anything stores or prints them
 * (RFC 4954 section 4): the initial response after "AUTH mechanism", and the client's answers to
 * 334 challenges, which are bare base64 lines. Stateless and thread-safe.
 */
public final class CredentialRedactor {
  /** What replaces a credential. */
  public static final String REDACTED = "[redacted]";

  private CredentialRedactor() {}

  /**
   * Returns the line with credentials replaced. "AUTH PLAIN dXNlcg==" becomes "AUTH PLAIN
   * [redacted]"; a line that is not a command and looks like base64 (an AUTH continuation) becomes
   * "[redacted]"; "*" (a cancelled exchange) and every other line are returned unchanged.
   */
  public static String redactCommandLine(String line, Optional<SmtpCommand> command) {
    if (command.isPresent()) {
      if (command.get() != SmtpCommand.AUTH) {
        return line;
      }
      // AUTH SP mechanism [SP initial-response]
      int mechStart = line.indexOf(' ');
      if (mechStart < 0) {
        return line;
      }
      int mechEnd = line.indexOf(' ', mechStart + 1);
      return mechEnd < 0 ? line : line.substring(0, mechEnd + 1) + REDACTED;
    }
    return looksLikeBase64(line) ? REDACTED : line;
  }

  /** True for a non-empty run of base64 characters, as AUTH continuations are. */
  static boolean looksLikeBase64(String line) {
    String s = line.strip();
    if (s.length() < 4 || s.equals("*")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return false;
      }
    }
    // A word such as "QUIT" is a command, not base64; commands were recognised before we got here.
    return !s.toUpperCase(Locale.ROOT).equals(s) || s.length() >= 8 || s.endsWith("=");
  }
}
