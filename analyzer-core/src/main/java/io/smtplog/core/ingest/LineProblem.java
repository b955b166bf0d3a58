package io.smtplog.core.ingest;

import io.smtplog.core.model.SourceRef;
import java.util.Objects;

/**
 * A line that could not be used, with where it came from and a short excerpt that is safe to print
 * (at most {@value #MAX_EXCERPT} characters, control characters replaced). Immutable.
 */
public record LineProblem(SourceRef source, ProblemKind kind, String detail, String excerpt) {
  public static final int MAX_EXCERPT = 120;

  public LineProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
    excerpt = excerptOf(excerpt);
  }

  /** Builds a problem whose excerpt is cut from the raw line. */
  public static LineProblem of(SourceRef source, ProblemKind kind, String detail, String rawLine) {
    return new LineProblem(source, kind, detail, rawLine);
  }

  static String excerptOf(String raw) {
    if (raw == null) {
      return "";
    }
    int n = Math.min(raw.length(), MAX_EXCERPT);
    StringBuilder sb = new StringBuilder(n + 1);
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    if (raw.length() > MAX_EXCERPT) {
      sb.append('\u2026');
    }
    return sb.toString();
  }

  /** "maillog.2:48213 [TRUNCATED] line ends inside status= text: &lt;excerpt&gt;". */
  @Override
  public String toString() {
    return source + " [" + kind + "] " + detail + (excerpt.isEmpty() ? "" : ": " + excerpt);
  }
}
