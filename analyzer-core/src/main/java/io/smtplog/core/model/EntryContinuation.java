package io.smtplog.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A line without a timestamp that continues the log entry above it (exim-log-format reference
 * section 7.1): a reject-log entry's "Envelope-from: &lt;s&gt;", "Envelope-to: &lt;r&gt;" and
 * header lines with their type letter ("F From: ..."), or the rest of a logged text that held a
 * newline. It belongs to that entry: {@code at}, {@code process} and {@code queueId} are the
 * entry's, {@code entry} is the entry's first line.
 */
public record EntryContinuation(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Optional<QueueId> queueId, SourceRef entry,
    String text)
    implements MailEvent {

  public EntryContinuation {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(text, "text");
  }
}
