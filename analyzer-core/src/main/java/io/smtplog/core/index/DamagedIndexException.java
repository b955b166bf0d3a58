package io.smtplog.core.index;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;

/**
 * The index is damaged: a file of its last commit is missing, cut short or fails its checksum. Its
 * message names the index, the file when known, and what to do.
 */
public final class DamagedIndexException extends IOException {
  /** Lucene names the file in its messages as {@code path="/.../_0.cfs"} or {@code (resource=...)}. */
  private static final Pattern PATH = Pattern.compile("path=\"([^\"]+)\"");
  private static final Pattern RESOURCE = Pattern.compile("resource=([^ ()\\]]+)\\)");
  /** Deeper cause chains are cut: a chain can be a cycle. */
  private static final int MAX_DEPTH = 20;

  private final Path dir;

  public DamagedIndexException(Path dir, Throwable cause) {
    super("the index at " + dir + " is damaged (" + what(cause) + "): run `smtplog index check --index " + dir
        + "` to see what is lost (with --repair it keeps what is intact), or delete it and ingest again", cause);
    this.dir = dir;
  }

  /** The index's folder. */
  public Path dir() {
    return dir;
  }

  /**
   * The damage in the cause chain of {@code t}, as seen reading the index at {@code dir}: a file
   * that fails its checksum or its format's checks, ends too early, or is missing.
   */
  public static Optional<DamagedIndexException> of(Path dir, Throwable t) {
    if (t instanceof DamagedIndexException d) {
      return Optional.of(d);
    }
    String where = realPath(dir);
    Throwable c = t;
    for (int depth = 0; c != null && depth < MAX_DEPTH; depth++, c = c.getCause()) {
      boolean lucene = c instanceof CorruptIndexException || c instanceof IndexFormatTooOldException
          || c instanceof IndexFormatTooNewException;
      // A missing or short file is the index's only when it is in the index's folder (not an input's).
      boolean inIndex = (c instanceof EOFException || c instanceof NoSuchFileException)
          && String.valueOf(c instanceof NoSuchFileException n ? n.getFile() : c.getMessage()).contains(where);
      if (lucene || inIndex) {
        return Optional.of(new DamagedIndexException(dir, c));
      }
    }
    return Optional.empty();
  }

  private static String realPath(Path dir) {
    try {
      return dir.toRealPath().toString();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize().toString();
    }
  }

  /**
   * The damage in the cause chain of {@code t} when the index is known only from the file Lucene
   * names in its message (a damage met while searching).
   */
  public static Optional<DamagedIndexException> in(Throwable t) {
    Throwable c = t;
    for (int depth = 0; c != null && depth < MAX_DEPTH; depth++, c = c.getCause()) {
      if (c instanceof DamagedIndexException d) {
        return Optional.of(d);
      }
      if (c instanceof CorruptIndexException || c instanceof IndexFormatTooOldException
          || c instanceof IndexFormatTooNewException) {
        String named = fileIn(String.valueOf(c.getMessage()));
        if (named != null) {
          Path file = Path.of(named);
          if (file.getParent() != null) {
            return Optional.of(new DamagedIndexException(file.getParent(), c));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String what(Throwable cause) {
    Throwable missing = cause;
    while (missing != null && !(missing instanceof NoSuchFileException)) {
      missing = missing.getCause() == missing ? null : missing.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    String file = missing != null ? ((NoSuchFileException) missing).getFile() : fileIn(message);
    String kind = missing != null ? "a file is missing"
        : cause instanceof EOFException || message.contains("truncated") ? "a file is cut short"
        : message.contains("checksum") ? "a file fails its checksum"
        : cause instanceof IndexFormatTooOldException || cause instanceof IndexFormatTooNewException
            ? "a file of an unknown format"
        : "a file is corrupt";
    return file == null ? kind : kind + ": " + fileName(file);
  }

  /** The file Lucene names: its path="..." (the real file under its wrappers), else its resource=. */
  private static String fileIn(String message) {
    Matcher path = PATH.matcher(message);
    if (path.find()) {
      return path.group(1);
    }
    Matcher resource = RESOURCE.matcher(message);
    return resource.find() ? resource.group(1) : null;
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
