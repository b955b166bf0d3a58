package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.InputNote;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.report.SafeText;
import java.io.PrintWriter;

/** The stderr summary after a command that read logs, and the --strict verdict. */
final class Summaries {
  private static final int SHOWN_PROBLEMS = 3;

  private Summaries() {}

  /** Prints the summary and up to three problems; returns the exit code for {@code strict}. */
  static int report(IngestReport ingest, boolean strict, PrintWriter err) {
    err.println(ingest.summary());
    int shown = 0;
    for (LineProblem problem : ingest.samples()) {
      if (shown++ == SHOWN_PROBLEMS) {
        break;
      }
      err.println("  " + SafeText.stripControls(problem.toString()));
    }
    if (ingest.problems() > SHOWN_PROBLEMS) {
      err.println("  (the JSON format lists up to " + ingest.samples().size() + " problems with their lines)");
    }
    for (InputNote note : ingest.notes()) {
      err.println("  note: " + SafeText.stripControls(note.toString())); // once per file, never per line
    }
    if (strict && ingest.problems() > 0) {
      LineProblem first = ingest.firstProblem().orElseThrow();
      err.println("smtplog: --strict: " + ingest.problems() + " line(s) could not be used, the first at "
          + first.source() + " (" + first.kind() + ")");
      err.flush();
      return ExitCodes.PROBLEMS;
    }
    err.flush();
    return ExitCodes.OK;
  }
}
