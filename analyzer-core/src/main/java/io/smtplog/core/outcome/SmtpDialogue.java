package io.smtplog.core.outcome;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One SMTP session as a transcript showed it (transcript-formats reference section 1): from the
 * connection or greeting to QUIT/221, a close, or the end of the input, as command and reply
 * pairs in order. Immutable.
 *
 * @param first the line the session starts at (its file names the transcript or log)
 * @param process the writer: a Postfix smtp/smtpd process, an Exim debug pid, a transcript tool
 * @param peer the other side, when the transcript names it
 * @param role whether the writer was the SMTP server or the client
 * @param complete true when the session ended by QUIT, a 221 or 421, or a close; false when the
 *     input ended first or the session was dropped to bound memory
 * @param droppedExchanges exchanges not kept because the session was longer than the limit
 */
public record SmtpDialogue(
    Mta mta, SourceRef first, ProcessRef process, Peer peer, Role role, Instant start, Instant end,
    List<DialogueExchange> exchanges, boolean complete, int droppedExchanges) implements Outcome {

  public SmtpDialogue {
    Objects.requireNonNull(first, "first");
    exchanges = List.copyOf(exchanges);
  }

  @Override
  public Instant at() {
    return end;
  }
}
