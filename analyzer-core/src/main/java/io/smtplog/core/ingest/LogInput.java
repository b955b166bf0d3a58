package io.smtplog.core.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One input to read: a file, or standard input ({@code path} empty). {@code displayName} is what
 * problems and events cite as the file; {@code unreadable}, when present, is why it cannot be read
 * (a directory that cannot be listed, found while resolving the arguments): the read reports it
 * as a problem instead. Immutable.
 */
public record LogInput(String displayName, Optional<Path> path, Optional<String> unreadable) {
  public static final String STDIN = "-";

  public LogInput {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(unreadable, "unreadable");
  }

  public LogInput(String displayName, Optional<Path> path) {
    this(displayName, path, Optional.empty());
  }

  public static LogInput of(Path path) {
    return new LogInput(path.toString(), Optional.of(path));
  }

  public static LogInput stdin() {
    return new LogInput(STDIN, Optional.empty());
  }

  /** An input that cannot be read, and why ("permission denied"). */
  public static LogInput unreadable(Path path, String reason) {
    return new LogInput(path.toString(), Optional.of(path), Optional.of(reason));
  }

  public boolean isStdin() {
    return path.isEmpty();
  }

  /**
   * True when the input can be read only once, from its start: standard input, a pipe
   * ({@code <(cmd)}, a named pipe) or a device; false for a regular file, which can be read again
   * and from a position.
   */
  public boolean isStream() {
    return path.isEmpty() || !Files.isRegularFile(path.get());
  }
}
