package io.smtplog.core.ingest;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.SourceRef;
import java.util.Objects;

/** What became of one line: an event, a harmless skip, or a counted problem. */
public sealed interface LineResult {

  /** The line became an event. */
  record Parsed(MailEvent event) implements LineResult {
    public Parsed {
      Objects.requireNonNull(event, "event");
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
  Skipped VERBOSE = new Skipped(SkipReason.VERBOSE_DEBUG, "");
  Skipped COMMENT = new Skipped(SkipReason.COMMENT, "");

  static Skipped known(String what) {
    return new Skipped(SkipReason.KNOWN_NO_EVENT, what);
  }

  /** A problem with an excerpt of the raw line: what every adapter returns for a bad line. */
  static Malformed malformed(SourceRef source, ProblemKind kind, String detail, String line) {
    return new Malformed(LineProblem.of(source, kind, detail, line));
  }
}
