package io.smtplog.core.pipeline;

import io.smtplog.core.model.MailEvent;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Events read back from somewhere other than the logs (an index), in the order the logs were read,
 * so that the correlator sees them as it would have seen the lines.
 */
@FunctionalInterface
public interface EventSource {
  /** Hands every event to {@code sink}, in reading order, on the calling thread. */
  void forEach(Consumer<MailEvent> sink) throws IOException;
}
