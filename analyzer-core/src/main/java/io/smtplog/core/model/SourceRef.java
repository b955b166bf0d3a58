package io.smtplog.core.model;

import java.util.Objects;

/** Where a value came from: a file (as the user named it) and a 1-based line number. Immutable. */
public record SourceRef(String file, long lineNumber) {
  public SourceRef {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + lineNumber;
  }
}
