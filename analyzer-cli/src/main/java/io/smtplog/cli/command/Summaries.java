package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.option.SkipSummary;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.InputNote;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkippedFile;
import io.smtplog.core.report.format.SafeText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The stderr summary after a command that read logs, and the exit code: {@link ExitCodes#PROBLEMS}
 * when most lines were problems or none became an event while some were problems (the report
 * then shows little or nothing of the input; {@link ExitCodes#INPUT_UNREADABLE} when those
 * problems are inputs that could not be read to their end), or with {@code --strict} when any
 * line was one; {@link ExitCodes#INPUT_UNREADABLE} too when an input could not be opened at all
 * (docs/commands.md, "Exit codes"), after the report of the others.
 */
final class Summaries {
  private static final int SHOWN_PROBLEMS = 3;

  private Summaries() {}

  /** Prints the summary, up to three problems and the notes; returns the exit code. */
  static int report(IngestReport ingest, boolean strict, PrintWriter err) {
    return report(ingest, List.of(), strict, err);
  }

  /** As {@link #report(IngestReport, boolean, PrintWriter)}, naming the files of the folders that were not read. */
  static int report(IngestReport ingest, List<SkippedFile> skipped, boolean strict, PrintWriter err) {
    err.println(ingest.summary());
    for (String line : SkipSummary.lines(skipped)) {
      err.println("  " + line); // after the figures they explain: these files are in none of them
    }
    boolean littleUnderstood = isLittleUnderstood(ingest);
    if (littleUnderstood) {
      err.println(headline(ingest));
    }
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
    boolean unreadable = ingest.problems() > 0
        && ingest.problemsByKind().getOrDefault(ProblemKind.UNREADABLE_INPUT, 0L) == ingest.problems();
    if (littleUnderstood && !unreadable) {
      err.println("  Is it a mail log? smtplog reads Postfix and Exim logs and SMTP transcripts ('smtplog formats'"
          + " shows a line of each).");
      err.println("  Try --input-format syslog|exim|transcript to read every input as one of them, and --year YEAR or"
          + " --timezone ZONE for stamps without a year or an offset.");
    } else if (ingest.eventsParsed() == 0 && ingest.other() > 0) {
      err.println("smtplog: no line of the inputs was a mail event; " + ingest.otherPrograms().keySet().stream()
          .limit(5).reduce((a, b) -> a + ", " + b).map(p -> "programs: " + p).orElse("other lines")
          + " (smtplog reads Postfix, Exim and SMTP transcripts).");
    }
    for (InputNote note : ingest.notes()) {
      err.println("  note: " + SafeText.stripControls(note.toString())); // once per file, never per line
    }
    if (ingest.inputsNotOpened() > 0) {
      err.flush();
      return ExitCodes.INPUT_UNREADABLE; // the report is of the other inputs
    }
    if (littleUnderstood) {
      err.flush();
      // an input that failed to be read (a damaged archive) is code 3, like one that cannot be opened
      return unreadable ? ExitCodes.INPUT_UNREADABLE : ExitCodes.PROBLEMS;
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

  /**
   * True when more than half of the lines read were problems, or when none became an event and
   * some were problems: whatever the report shows, it is not the input.
   */
  static boolean isLittleUnderstood(IngestReport ingest) {
    long problems = ingest.problems();
    return problems > 0 && (problems * 2 > ingest.linesRead() || ingest.eventsParsed() == 0);
  }

  private static String headline(IngestReport ingest) {
    long lines = ingest.linesRead();
    long problems = ingest.problems();
    String share = lines == 0 ? "no line could be read"
        : String.format(Locale.ROOT, "%,d of %,d %s (%d%%) could not be used", problems, lines,
            lines == 1 ? "line" : "lines", Math.round(100.0 * Math.min(problems, lines) / lines));
    return ingest.eventsParsed() == 0
        ? "smtplog: NOTHING WAS UNDERSTOOD: no line of the inputs was a mail event, and " + share
            + "; the report shows nothing of them. The first problems:"
        : "smtplog: LITTLE WAS UNDERSTOOD: " + share + "; the report shows only the rest. The first problems:";
  }
}
