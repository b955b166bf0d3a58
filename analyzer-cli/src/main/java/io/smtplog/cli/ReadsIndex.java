package io.smtplog.cli;

import java.nio.file.Path;
import java.util.Optional;

/** A command that reads an index: when it fails unexpectedly, the index is checked for damage before blaming a bug. */
public interface ReadsIndex {
  /** The index the command reads, when it reads one. */
  Optional<Path> indexDir();
}
