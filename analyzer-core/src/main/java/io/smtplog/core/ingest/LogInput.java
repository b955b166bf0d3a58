package io.smtplog.core.ingest;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One input to read: a file, or standard input ({@code path} empty). {@code displayName} is what
 * problems and events cite as the file. Immutable.
 */
public record LogInput(String displayName, Optional<Path> path) {
  public static final String STDIN = "-";

  public LogInput {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(path, "path");
  }

  public static LogInput of(Path path) {
    return new LogInput(path.toString(), Optional.of(path));
  }

  public static LogInput stdin() {
    return new LogInput(STDIN, Optional.empty());
  }

  public boolean isStdin() {
    return path.isEmpty();
  }
}
