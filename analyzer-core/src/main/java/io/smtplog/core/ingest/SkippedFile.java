package io.smtplog.core.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file found in a folder named as an input that is not read, and why. Only files that are
 * clearly no log are skipped; a file that might be one is read, and its lines that are not mail
 * events are counted. Immutable.
 */
public record SkippedFile(Path file, Why why) {
  public SkippedFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(why, "why");
  }

  /** Why a file in a folder is not read, most expected first. */
  public enum Why {
    /** A report, a transcript or notes named after a log beside it ("mail.pflogsumm.txt" beside "mail.log"). */
    NAMED_AFTER_A_LOG("named after a log beside it: its report, transcript or notes"),
    /** A report, a document, data or a script by its ending (".json", ".md", ".sh"...). */
    NOT_A_LOG_BY_NAME("a report, document or script by its name: .json, .csv, .md, .html, .sh..."),
    /** A name starting with a dot (".gitkeep", ".mail.log.swp"), or a file in a folder so named (".git"). */
    HIDDEN("hidden: the name starts with a dot"),
    /** An editor's backup or recovery file ("mail.log~", "#mail.log#", "mail.log.swp"). */
    EDITOR_FILE("an editor's backup or swap file"),
    /** A daemon's process id or lock file ("exim.pid", "master.lock"). */
    PID_OR_LOCK("a process id or lock file"),
    /** A pipe, socket or device inside the folder (a named input of that kind is read as a stream). */
    NOT_A_REGULAR_FILE("not a regular file: a pipe, socket, device or folder link; name it to read it"),
    /** Control bytes in its first kilobytes and no compressed format read here (gzip, bzip2, xz, zstd). */
    BINARY("binary data, not a compressed log");

    private final String meaning;

    Why(String meaning) {
      this.meaning = meaning;
    }

    /** A phrase for people, with no parentheses (it is shown in them), e.g. "binary data, not a compressed log". */
    public String meaning() {
      return meaning;
    }
  }
}
