package io.smtplog.core.ingest;

import io.smtplog.core.model.SourceRef;

/**
 * Turns one raw line into at most one event. Malformed text is a result, not an exception:
 * implementations never throw for bad input. Instances may keep per-thread caches and are not
 * thread-safe; create one per worker.
 */
public interface LineParser {
  LineResult parse(String line, SourceRef source);
}
