package io.smtplog.core.model;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * An SMTP server connection ended (Postfix smtpd "disconnect from H[A] ehlo=1 ... commands=5").
 * {@code commandStats} is the per-command tally as logged, empty on old Postfix versions.
 */
public record SessionEnded(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Peer client, String commandStats)
    implements MailEvent {

  /**
   * The RCPT TO commands the server accepted in the session, from an end record's tally
   * ({@code rcpt=3/4}: 3 of 4 accepted; {@code rcpt=2}: both; Postfix smtpd.c, postfix-log-format
   * reference section 4); empty when the tally does not say.
   */
  public static OptionalInt acceptedRecipients(String commandStats) {
    int at = commandStats.startsWith("rcpt=") ? 0 : commandStats.indexOf(" rcpt=") + 1;
    if (at < 0 || (at == 0 && !commandStats.startsWith("rcpt="))) {
      return OptionalInt.empty();
    }
    int i = at + "rcpt=".length();
    int value = 0;
    int digits = 0;
    while (i < commandStats.length() && Character.isDigit(commandStats.charAt(i)) && digits < 9) {
      value = value * 10 + (commandStats.charAt(i++) - '0');
      digits++;
    }
    return digits == 0 ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
