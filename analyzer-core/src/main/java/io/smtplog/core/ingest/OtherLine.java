package io.smtplog.core.ingest;

import io.smtplog.core.model.SourceRef;
import java.util.Objects;

/**
 * A sample of the lines counted as {@code other}: where it is, why it carries no event, its shape
 * (the tracing function, the first word of a logwrite text; see {@link LineResult#freeText}) and
 * an excerpt safe to print (at most {@value LineProblem#MAX_EXCERPT} characters, control
 * characters replaced). Immutable.
 */
public record OtherLine(SourceRef source, SkipReason reason, String shape, String excerpt) {
  public OtherLine {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    shape = LineProblem.excerptOf(shape);
    excerpt = LineProblem.excerptOf(excerpt);
  }

  /** "mail.log:48213 [FREE_TEXT] excerpt". */
  @Override
  public String toString() {
    return source + " [" + reason + "] " + excerpt;
  }
}
