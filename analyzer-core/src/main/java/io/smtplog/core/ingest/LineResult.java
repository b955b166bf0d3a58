package io.smtplog.core.ingest;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.SourceRef;
import java.util.Objects;
import java.util.Optional;

/** What became of one line: an event, a harmless skip, or a counted problem. */
public sealed interface LineResult {

  /**
   * The line became an event; {@code note} says when it had a shape worth one remark per file
   * (an anonymised queue id), which is counted, never a problem.
   */
  record Parsed(MailEvent event, Optional<NoteKind> note) implements LineResult {
    public Parsed {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(note, "note");
    }

    /** An event without a note: what nearly every line gives. */
    public Parsed(MailEvent event) {
      this(event, Optional.empty());
    }
  }

  /** A valid line that carries no event; {@code detail} says which kind (e.g. the program name). */
  record Skipped(SkipReason reason, String detail) implements LineResult {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A line that could not be used. */
  record Malformed(LineProblem problem) implements LineResult {
    public Malformed {
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** Shared instances for the common skips, so the hot path allocates nothing for them. */
  Skipped BLANK = new Skipped(SkipReason.BLANK, "");
  Skipped COMMENT = new Skipped(SkipReason.COMMENT, "");

  static Skipped known(String what) {
    return new Skipped(SkipReason.KNOWN_NO_EVENT, what);
  }

  /**
   * A mail program's free text; {@code shape} names its kind ("logwrite" text's first word, a
   * Postfix note's phrase) so that samples show different kinds rather than one kind many times.
   */
  static Skipped freeText(String shape) {
    return new Skipped(SkipReason.FREE_TEXT, shape);
  }

  /** Verbose output; {@code shape} is the tracing function's name or the trace's phrase. */
  static Skipped verbose(String shape) {
    return new Skipped(SkipReason.VERBOSE_DEBUG, shape);
  }

  /** A problem with an excerpt of the raw line: what every adapter returns for a bad line. */
  static Malformed malformed(SourceRef source, ProblemKind kind, String detail, String line) {
    return new Malformed(LineProblem.of(source, kind, detail, line));
  }
}
