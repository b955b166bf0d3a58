package io.smtplog.core.ingest;

import io.smtplog.core.model.SourceRef;
import java.util.Objects;

/**
 * One remark about one input file: a {@link NoteKind}, how many of its lines showed it, and the
 * first of them as a sample (excerpt at most {@value LineProblem#MAX_EXCERPT} characters, control
 * characters replaced). Immutable.
 */
public record InputNote(NoteKind kind, long lines, SourceRef first, String excerpt) {
  public InputNote {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(first, "first");
    if (lines < 1) {
      throw new IllegalArgumentException("a note covers at least one line, was " + lines);
    }
    excerpt = LineProblem.excerptOf(excerpt);
  }

  /** The file the note is about. */
  public String file() {
    return first.file();
  }

  /** "mail.log: 1,234 lines with queue ids ..., the first at mail.log:3: excerpt". */
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%s: %,d %s with %s, the first at %s: %s", first.file(), lines,
        lines == 1 ? "line" : "lines", kind.meaning(), first, excerpt);
  }
}
