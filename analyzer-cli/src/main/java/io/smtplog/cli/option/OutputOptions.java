package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Terminal;
import io.smtplog.cli.UserError;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.report.format.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where and how a report is written. */
public final class OutputOptions {
  /** Standard input, as a file: what {@code -} reads (Linux links it to the file or pipe behind it). */
  private static final Path STDIN = Path.of("/dev/stdin");

  @Option(names = "--format", paramLabel = "FORMAT", converter = ReportFormats.class,
      completionCandidates = ReportFormats.class,
      description = "table, csv, json, html (one self-contained file with charts) or prometheus (node_exporter"
          + " textfile). Default: table.")
  ReportFormat format = ReportFormat.TABLE;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /**
   * The report's file, or null for standard output. A {@link Path}, so that shell completion offers
   * file names; {@link #outputName()} has it as typed.
   */
  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output (missing folders above it are created)."
          + " With --format csv, FILE is a folder that receives one NAME.csv per section, even for a report of one"
          + " section, unless it ends in .csv or is an existing file: DIR/, an existing folder and a new name such as"
          + " out are folders. The other formats write one file.")
  Path output;

  /** --output as typed (a trailing slash asks for a folder; {@link Path} drops it), or null. */
  private OutputName outputName() {
    return output == null ? null : OutputName.typed(command, output);
  }

  @Option(names = "--section", paramLabel = "NAME", completionCandidates = Completions.Sections.class,
      description = "Only this section, in any format (the table format names each section in brackets).")
  String section;

  @Option(names = "--per-domain", description = "With --format prometheus: per-domain series too (one per domain"
      + " and outcome: mind the cardinality).")
  boolean perDomain;

  @Option(names = "--width", paramLabel = "COLUMNS",
      description = "Table width. Default: the terminal's width; unlimited when piped or written to a file.")
  Integer width;

  public ReportFormat format() {
    return format;
  }

  public java.util.Optional<String> section() {
    return java.util.Optional.ofNullable(section);
  }

  public boolean perDomain() {
    return perDomain;
  }

  /** The output path, when one was given. */
  public java.util.Optional<Path> path() {
    return java.util.Optional.ofNullable(output);
  }

  /**
   * True when --output names a directory: one ending with a slash or existing, or a new path whose
   * name has no ".csv" ending. With --format csv, the report then writes one NAME.csv per section
   * in it, whatever the number of sections (help and docs/reports.md say so).
   */
  public boolean outputIsDirectory() {
    return output != null && (outputName().namesFolder() || (!Files.exists(output) && (output.getFileName() == null
        || !output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))));
  }

  /**
   * Refuses "-o DIR/" (or an existing folder) for a format that writes one file (all but CSV):
   * one line saying so, with a file name to give or the format that writes a folder.
   */
  public void refuseFolderForOneFile() {
    OutputName outputName = outputName();
    if (outputName == null || format.oneSectionPerFile()) {
      return;
    }
    String report = command == null ? "report" : command.name();
    outputName.refuseFolder("--format " + format.id(), report + "." + fileEnding(format),
        ", or --format csv for one NAME.csv per section in " + outputName.typed());
  }

  /** The usual file name ending of a format. */
  private static String fileEnding(ReportFormat format) {
    return OutputName.fileEnding(format.id());
  }

  /** The table width to use: --width, else the terminal's width, else unlimited (a pipe or a file). */
  public int width() {
    if (width != null) {
      return Math.max(20, width);
    }
    if (output != null || !Terminal.stdoutIsTerminal()) {
      return Integer.MAX_VALUE;
    }
    return Math.max(20, Terminal.columns());
  }

  /** Where the report goes: the file (whole or not at all), or standard output. */
  public Destination destination(PrintWriter stdout) {
    return Destination.of(output, stdout);
  }

  /**
   * Refuses, before anything is read, an output that is one of the inputs (also through a link or
   * another spelling of its path): the report would overwrite the log it reads.
   */
  public static void refuseInputs(Path output, List<LogInput> inputs) {
    if (output == null || !Files.exists(output)) {
      return;
    }
    for (LogInput input : inputs) {
      Path read = input.path().orElse(input.displayName().equals(LogInput.STDIN) ? STDIN : null);
      if (read != null && isSameFile(output, read)) {
        throw new UserError(ExitCodes.USAGE, "--output " + output + " is the input " + input.displayName()
            + ": writing it would overwrite what is read; write the output elsewhere");
      }
    }
  }

  private static boolean isSameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
