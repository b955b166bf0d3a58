package io.smtplog.core.ingest;

import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import java.util.Optional;

/**
 * Finds SMTP replies inside the free text mail servers log, for every format adapter:
 * <ul>
 *   <li>a bare reply: {@code 550 5.1.1 <x@example.org>: Recipient address rejected};
 *   <li>Postfix's remote replies (smtp/smtp_proto.c, smtp_trouble.c): {@code host H[A] said: 550
 *       5.1.1 ... (in reply to RCPT TO command)} and {@code host H[A] refused to talk to me: 554 ...};
 *   <li>multi-line replies that a server flattened onto one line, {@code 550-5.7.1 first 550 5.7.1
 *       last} (Gmail's bounces look like this): the lines are split again and joined with a newline.
 * </ul>
 * RFC 5321 section 4.2: a reply is a three-digit code, then SP or "-" and text; RFC 3463 section 2:
 * an enhanced status code may start the text. Stateless and thread-safe; never throws.
 */
public final class ReplyTextParser {
  private static final String SAID = " said: ";
  private static final String REFUSED = " refused to talk to me: ";
  private static final String IN_REPLY_TO = " (in reply to ";

  private ReplyTextParser() {}

  /**
   * Parses status text such as Postfix's "(...)" part of a delivery record. Returns empty when the
   * text holds no SMTP reply ("delivered to mailbox", "connect to H[A]:25: Connection refused").
   */
  public static Optional<SmtpReply> parseStatusText(String text) {
    if (text == null || text.length() < 3) {
      return Optional.empty();
    }
    if (text.startsWith("host ")) {
      int said = text.indexOf(SAID);
      if (said > 0) {
        return parseReply(text, said + SAID.length(), text.length(), null);
      }
      int refused = text.indexOf(REFUSED);
      if (refused > 0) {
        return parseReply(text, refused + REFUSED.length(), text.length(), SmtpCommand.CONNECT);
      }
      return Optional.empty();
    }
    return parseReply(text, 0, text.length(), null);
  }

  /** Parses a reply that starts at the beginning of {@code text}; empty when there is none. */
  public static Optional<SmtpReply> parseReply(String text) {
    return text == null ? Optional.empty() : parseReply(text, 0, text.length(), null);
  }

  /**
   * Parses a reply in {@code text[from, to)}. A trailing "(in reply to X command)" names the
   * command; otherwise {@code defaultCommand} (may be null) does.
   */
  public static Optional<SmtpReply> parseReply(String text, int from, int to, SmtpCommand defaultCommand) {
    if (!ReplyCode.isValid(text, from) || from + 3 > to) {
      return Optional.empty();
    }
    if (from + 3 < to) {
      char sep = text.charAt(from + 3);
      if (sep != ' ' && sep != '-') {
        return Optional.empty();
      }
    }
    ReplyCode code = ReplyCode.of(parse3(text, from));
    SmtpCommand command = defaultCommand;
    int end = to;
    int inReply = text.lastIndexOf(IN_REPLY_TO, to);
    if (inReply >= from && text.charAt(to - 1) == ')') {
      String phrase = text.substring(inReply + IN_REPLY_TO.length(), to - 1);
      Optional<SmtpCommand> parsed = SmtpCommand.ofPostfixPhrase(phrase);
      if (parsed.isPresent()) {
        command = parsed.get();
        end = inReply;
      }
    }
    int bodyStart = Math.min(from + 4, end);
    int enhancedEnd = EnhancedStatus.scanEnd(text, bodyStart);
    Optional<EnhancedStatus> enhanced = Optional.empty();
    String enhancedText = null;
    if (enhancedEnd > 0 && enhancedEnd <= end) {
      enhanced = EnhancedStatus.optionalAt(text, bodyStart, enhancedEnd);
      enhancedText = text.substring(bodyStart, enhancedEnd);
      bodyStart = enhancedEnd;
    }
    boolean multiline = from + 3 < end && text.charAt(from + 3) == '-';
    String body = multiline || enhancedText != null
        ? joinFlattenedLines(text, bodyStart, end, text.substring(from, from + 3), enhancedText)
        : text.substring(bodyStart, end);
    return Optional.of(new SmtpReply(code, enhanced, body, SmtpCommand.optional(command)));
  }

  /**
   * Splits "first 550-5.7.1 second 550 5.7.1 last" at each repetition of the code (and of the
   * enhanced code, when the first line had one), drops those markers and joins with newlines.
   */
  private static String joinFlattenedLines(String text, int start, int end, String code, String enhanced) {
    StringBuilder out = null;
    int segment = start;
    int i = text.indexOf(code, start);
    while (i >= 0 && i + 3 < end) {
      int markerEnd = lineMarkerEnd(text, i, end, code, enhanced);
      if (markerEnd > 0) {
        if (out == null) {
          out = new StringBuilder(end - start);
        } else {
          out.append('\n');
        }
        out.append(text, segment, i - 1 >= segment ? i - 1 : segment);
        int trimmed = out.length();
        while (trimmed > 0 && out.charAt(trimmed - 1) == ' ') {
          trimmed--;
        }
        out.setLength(trimmed);
        segment = markerEnd;
        while (segment < end && text.charAt(segment) == ' ') {
          segment++;
        }
      }
      i = text.indexOf(code, i + 3);
    }
    if (out == null) {
      return text.substring(start, end);
    }
    out.append('\n').append(text, segment, end);
    return out.toString();
  }

  /** If text[i] starts " CODE-" or " CODE " (+ the same enhanced code), returns the index after it. */
  private static int lineMarkerEnd(String text, int i, int end, String code, String enhanced) {
    if (i == 0 || text.charAt(i - 1) != ' ' || !text.startsWith(code, i)) {
      return -1;
    }
    char sep = text.charAt(i + 3);
    if (sep != '-' && sep != ' ') {
      return -1;
    }
    int after = i + 4;
    if (enhanced != null) {
      if (!text.startsWith(enhanced, after) || after + enhanced.length() > end) {
        return -1;
      }
      after += enhanced.length();
      if (after < end && text.charAt(after) != ' ') {
        return -1;
      }
    } else if (sep != '-') {
      return -1;
    }
    return Math.min(after, end);
  }

  /**
   * Builds one reply from the lines of a multi-line reply as a transcript showed them (each line's
   * text after "CODE-" or "CODE "): the enhanced status comes from the first line that has one
   * and is removed from every line; lines are joined with a newline (RFC 5321 section 4.2.1).
   */
  public static SmtpReply assemble(ReplyCode code, java.util.List<String> lineTexts, SmtpCommand command) {
    Optional<EnhancedStatus> enhanced = Optional.empty();
    StringBuilder text = new StringBuilder();
    for (String line : lineTexts) {
      int end = EnhancedStatus.scanEnd(line, 0);
      String rest = line;
      if (end > 0) {
        if (enhanced.isEmpty()) {
          enhanced = EnhancedStatus.optionalAt(line, 0, end);
        }
        rest = line.substring(end).strip();
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(rest);
    }
    return new SmtpReply(code, enhanced, text.toString(), SmtpCommand.optional(command));
  }

  private static final String QUEUED_AS = "queued as ";
  private static final String EXIM_ID = "id=";

  /**
   * The queue id a next hop gave the message in its positive reply to the end of data, when the
   * reply names one: Postfix's smtpd "250 2.0.0 Ok: queued as 4BxQ2k0fJmz9v" (smtpd/smtpd.c) and
   * Exim's "250 OK id=1pBq3c-0001Xy-Ab" (smtp_in.c). That id is the message's next copy, which the
   * same logs may show (a content filter that re-injects, or the next host of a relay chain).
   * Empty for other replies; never throws.
   */
  public static Optional<QueueId> queuedAs(SmtpReply reply) {
    if (reply.code().value() / 100 != 2) {
      return Optional.empty();
    }
    String text = reply.text();
    int at = text.lastIndexOf(QUEUED_AS);
    int start = at < 0 ? -1 : at + QUEUED_AS.length();
    if (start < 0) {
      at = text.lastIndexOf(EXIM_ID);
      start = at < 0 || (at > 0 && text.charAt(at - 1) != ' ') ? -1 : at + EXIM_ID.length();
    }
    if (start < 0) {
      return Optional.empty();
    }
    int end = start;
    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-')) {
      end++;
    }
    return end == start ? Optional.empty() : Optional.of(new QueueId(text.substring(start, end)));
  }

  private static int parse3(String s, int at) {
    return (s.charAt(at) - '0') * 100 + (s.charAt(at + 1) - '0') * 10 + (s.charAt(at + 2) - '0');
  }
}
