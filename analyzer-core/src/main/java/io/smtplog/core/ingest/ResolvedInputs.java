package io.smtplog.core.ingest;

import java.util.List;

/**
 * The inputs to read, in reading order, and the files of the named folders that are not read
 * (in the order found). Immutable.
 */
public record ResolvedInputs(List<LogInput> inputs, List<SkippedFile> skipped) {
  public ResolvedInputs {
    inputs = List.copyOf(inputs);
    skipped = List.copyOf(skipped);
  }
}
