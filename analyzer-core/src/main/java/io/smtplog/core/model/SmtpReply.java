package io.smtplog.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One SMTP reply as it appeared in a log or transcript: the code, the optional RFC 3463 enhanced
 * status, the text (continuation lines joined with a newline, enhanced codes removed from each
 * line) and, when known, the command it answered. Immutable.
 */
public record SmtpReply(
    ReplyCode code, Optional<EnhancedStatus> enhanced, String text, Optional<SmtpCommand> command) {

  public SmtpReply {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(enhanced, "enhanced");
    Objects.requireNonNull(command, "command");
    text = text == null ? "" : text.strip();
  }

  /** Returns a copy that records the command this reply answered. */
  public SmtpReply answering(SmtpCommand answered) {
    return new SmtpReply(code, enhanced, text, Optional.ofNullable(answered));
  }

  /** The reply as one line in wire form: "250 2.1.5 Ok". Newlines of multi-line text become spaces. */
  public String toWireString() {
    StringBuilder sb = new StringBuilder(8 + text.length()).append(code.value());
    enhanced.ifPresent(e -> sb.append(' ').append(e));
    if (!text.isEmpty()) {
      sb.append(' ').append(text.replace('\n', ' '));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toWireString();
  }
}
