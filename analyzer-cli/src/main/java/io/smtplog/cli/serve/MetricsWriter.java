package io.smtplog.cli.serve;

import java.io.IOException;
import java.io.Writer;

/** Writes the Prometheus text exposition (format 0.0.4) that {@code /metrics} answers. */
@FunctionalInterface
public interface MetricsWriter {
  /** Nothing to expose: the server does not follow logs. */
  MetricsWriter NONE = out -> { };

  void write(Writer out) throws IOException;
}
