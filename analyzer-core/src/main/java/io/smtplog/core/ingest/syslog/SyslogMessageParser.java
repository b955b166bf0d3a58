package io.smtplog.core.ingest.syslog;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.model.SourceRef;

/**
 * A format adapter for the text after a syslog envelope: Postfix, and later Exim when it logs
 * through syslog. Implementations are stateless apart from per-thread caches.
 */
public interface SyslogMessageParser {

  /** True when lines with this tag belong to the adapter's program family. */
  boolean accepts(String tag);

  /** Parses the message part of {@code line}; never throws for bad input. */
  LineResult parse(String line, SyslogHeader header, SourceRef source);
}
