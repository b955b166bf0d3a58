package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.ValueErrors;
import io.smtplog.cli.option.Destination;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.Plural;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Section;
import io.smtplog.core.report.format.CsvFormat;
import io.smtplog.core.report.format.ReportFormat;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a report document in the format the options ask for: one writer per format, one place. */
final class ReportOutput {
  private ReportOutput() {}

  /** Fails now (before minutes of reading) when the options cannot be honoured for these sections. */
  static void check(OutputOptions output, List<String> sectionNames) {
    if (output.section().isPresent() && !sectionNames.contains(output.section().get())) {
      throw ValueErrors.notOneOf("--section", output.section().get(), "a section of this report", sectionNames);
    }
    if (output.perDomain() && output.format() != ReportFormat.PROMETHEUS) {
      throw new UserError(ExitCodes.USAGE, "--per-domain is for --format prometheus");
    }
    output.refuseFolderForOneFile();
    // A file that cannot be written fails now, not after minutes of reading. Missing folders above
    // it are made when it is written, as the folder of "--format csv -o DIR/" is.
    output.path().ifPresent(p -> {
      Path existing = p.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        return;
      }
      boolean isTarget = existing.equals(p.toAbsolutePath());
      if (!isTarget && !Files.isDirectory(existing)) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, SafeText.stripControls("cannot write " + p + ": " + existing
            + " is a file, not a folder"));
      }
      if (!Files.isWritable(existing) && !(isTarget && Files.isDirectory(existing))) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, SafeText.stripControls("cannot write " + p
            + ": permission denied" + (isTarget ? "" : " on " + existing)));
      }
    });
    if (output.format().oneSectionPerFile() && output.section().isEmpty() && sectionNames.size() > 1
        && !output.outputIsDirectory()) {
      throw new UserError(ExitCodes.USAGE, "CSV holds one section per file, and this report has " + sectionNames.size()
          + ": give --section NAME (one of " + String.join(", ", sectionNames) + ") or --output DIR for one"
          + " NAME.csv each");
    }
  }

  /**
   * Writes the report; a table of a report the filter ({@code filter}, as typed) left empty is one
   * line that says so, where CSV, JSON and the others still write their (empty) sections and the line
   * goes to standard error ({@code err}), so that a script or a cron job sees it too.
   */
  static void write(ReportRun.Result result, String filter, OutputOptions output, PrintWriter stdout,
      PrintWriter err) throws IOException {
    if (result.matchedNothing() && output.format() == ReportFormat.TABLE) {
      try (Destination out = output.destination(stdout)) {
        out.writer().write(nothingMatched(filter, result.ingest().eventsParsed()) + "\n");
        out.commit();
      }
      return;
    }
    write(result.document(), output, stdout);
    if (result.matchedNothing()) {
      err.println(nothingMatched(filter, result.ingest().eventsParsed()));
    }
  }

  /** The one line of an empty table: what was asked and how much was read. */
  static String nothingMatched(String filter, long events) {
    return String.format(Locale.ROOT, "Nothing matched %s: of the %s read, none is in the report.",
        SafeText.stripControls(filter), Plural.of(events, "event"));
  }

  static void write(ReportDocument document, OutputOptions output, PrintWriter stdout) throws IOException {
    ReportDocument shown = output.section().map(document::only).orElse(document);
    ReportFormat format = output.format();
    // A folder (DIR/, an existing one, a new name not ending in .csv) even for one section: relay's
    // "-o out" makes out/relay.csv as summary's makes out/totals.csv..., one rule whatever the report.
    if (format.oneSectionPerFile() && (shown.sections().size() > 1 || output.outputIsDirectory())) {
      Path dir = output.path().orElseThrow();
      Files.createDirectories(dir);
      for (Section section : shown.sections()) {
        try (Destination file = Destination.file(dir.resolve(section.name() + ".csv"))) {
          CsvFormat.write(section, file.writer());
          file.commit();
        }
      }
      return;
    }
    try (Destination out = output.destination(stdout)) {
      format.write(shown, out.writer(), new ReportFormat.Options(output.width(), output.perDomain()));
      out.commit();
    }
  }

  /** Refuses (before reading) an output file that is one of the inputs: the report would overwrite the log. */
  static void refuseInputs(OutputOptions output, List<String> sectionNames, List<LogInput> inputs) {
    if (output.path().isEmpty()) {
      return;
    }
    Path path = output.path().get();
    OutputOptions.refuseInputs(path, inputs);
    if (output.format().oneSectionPerFile() && output.outputIsDirectory()) {
      for (String name : sectionNames) { // every section's file: --section's is one of them
        OutputOptions.refuseInputs(path.resolve(name + ".csv"), inputs);
      }
    }
  }
}
