package io.smtplog.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;

/**
 * What went wrong, for people: the real cause behind wrappers. Lucene closes a writer that met a
 * full disk or ran out of memory and answers every later call with an {@code AlreadyClosedException}
 * whose cause is that first failure; picocli and the pipeline wrap exceptions too. Stateless.
 */
public final class Failures {
  /** Deeper chains are cut: a cause chain can be a cycle. */
  private static final int MAX_DEPTH = 20;

  private Failures() {}

  /** The first out-of-memory error or I/O error in the cause chain of {@code t} (itself included). */
  public static Optional<Throwable> resourceCause(Throwable t) {
    Throwable c = t;
    for (int depth = 0; c != null && depth < MAX_DEPTH; depth++, c = c.getCause()) {
      if (c instanceof OutOfMemoryError || (c instanceof IOException && !(c.getCause() instanceof IOException))) {
        return Optional.of(c);
      }
      if (c instanceof UncheckedIOException u && u.getCause() != null) {
        return Optional.of(u.getCause());
      }
    }
    return Optional.empty();
  }

  /** True when the disk (or the user's quota) is full. */
  public static boolean isDiskFull(Throwable t) {
    String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
    return t instanceof IOException && (m.contains("no space left on device") || m.contains("disk quota exceeded")
        || m.contains("not enough space on the disk"));
  }

  /** One line for an out-of-memory error: the heap it had, and how to give it more. */
  public static String outOfMemory() {
    return "out of memory (the heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); raise the heap,"
        + " e.g. SMTPLOG_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx2g\" ./smtplog ...";
  }

  /** The system's reason for an I/O error, in lower case ("no space left on device"), with the file when known. */
  public static String reason(IOException e) {
    String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : null;
    return file == null ? why(e) : why(e) + " (" + file + ")";
  }

  /** The system's reason for an I/O error, in lower case, without the file (the message names it). */
  public static String why(IOException e) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof NoSuchFileException ? "no such file or directory"
        : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
        : e.getMessage();
    if (reason == null || reason.isBlank()) {
      reason = e.getClass().getSimpleName();
    }
    return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
  }
}
