package io.smtplog.core.session;

import io.smtplog.core.model.QueueId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the recipients of a refused message from the header lines a reject log writes after the
 * refusal (exim-log-format reference section 7.1): {@code Envelope-to: <r1>,} and the folded lines
 * after it (RFC 5322 section 2.2.3: a line that starts with white space continues the header).
 * Follows one entry at a time. Not thread-safe.
 */
final class EnvelopeRecipients {
  private static final String ENVELOPE_TO = "Envelope-to:";

  private QueueId entry;
  private boolean inHeader;

  /** The addresses {@code line} of the entry of message {@code id} names; none for other lines. */
  List<String> addresses(QueueId id, String line) {
    if (!id.equals(entry)) {
      entry = id;
      inHeader = false;
    }
    String value;
    if (line.regionMatches(true, 0, ENVELOPE_TO, 0, ENVELOPE_TO.length())) {
      inHeader = true;
      value = line.substring(ENVELOPE_TO.length());
    } else if (inHeader && !line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
      value = line;
    } else {
      inHeader = false;
      return List.of();
    }
    List<String> addresses = new ArrayList<>(1);
    for (int open = value.indexOf('<'); open >= 0; open = value.indexOf('<', open + 1)) {
      int close = value.indexOf('>', open + 1);
      if (close < 0) {
        break;
      }
      if (close > open + 1) {
        addresses.add(value.substring(open + 1, close));
      }
      open = close;
    }
    return addresses;
  }
}
