package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.InputResolver;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Inputs and how to read them: shared by every command that reads logs. */
public final class InputOptions {
  @Parameters(paramLabel = "INPUT", arity = "0..*",
      description = "Log files, directories (their log files, rotated sets oldest first) or - for standard input."
          + " .gz, .bz2, .xz and .zst are read directly.")
  List<String> inputs;

  @Option(names = "--year", paramLabel = "YEAR",
      description = "Year of the first line read, for timestamps without a year (\"Nov  3 16:04:31\");"
          + " it carries on through the inputs in reading order, a month earlier than the one before starting"
          + " the next year (December to January). Default, per input: the latest year that puts its newest"
          + " stamp neither after now nor after the file's modification time.")
  Integer year;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Time zone of timestamps without an offset, e.g. UTC or Europe/Istanbul. Default: ${DEFAULT-VALUE}.")
  String timezone = ZoneId.systemDefault().getId();

  @Option(names = "--threads", paramLabel = "N", description = "Parser threads. Default: one per core (${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--input-format", paramLabel = "FORMAT",
      description = "Read every input as FORMAT instead of detecting it per file: syslog, exim or transcript,"
          + " or a transcript notation: rfc, rfc821, swaks, exim-debug, arrows, smtplib, postfix-notice, bare."
          + " 'smtplog formats' lists them with an example line each.")
  String inputFormat;

  @Option(names = "--transcript-time", paramLabel = "TIME",
      description = "The time of the sessions in undated transcripts, e.g. 2024-06-01T08:00 (read in --timezone)."
          + " Default: each file's modification time (standard input: now).")
  String transcriptTime;

  @Option(names = "--strict", description = "Exit with code 4 if any line could not be used (without it: if more"
      + " than half could not, or some could not and none was a mail event).")
  boolean strict;

  @Option(names = "--stacktrace", description = "Show the stack trace of an internal error.")
  boolean stacktrace;

  /** True when INPUT arguments were given. */
  public boolean hasInputs() {
    return inputs != null && !inputs.isEmpty();
  }

  public boolean strict() {
    return strict;
  }

  /** The inputs in reading order; a missing file is a user error (exit 3). */
  public List<LogInput> resolve() {
    if (inputs == null || inputs.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "no INPUT given: name log files, directories or - for standard input");
    }
    try {
      List<LogInput> resolved = InputResolver.resolve(inputs);
      if (resolved.isEmpty()) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, "no log files in " + String.join(", ", inputs)
            + " (in directories, reports and notes such as *.json, *.txt, *.csv are skipped; name a file to read it)");
      }
      return resolved;
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE,
          "cannot read " + e.getFile() + ": no such file or directory");
    } catch (IOException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot list inputs: " + e.getMessage(), e);
    }
  }

  public ReadOptions readOptions() {
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new UserError(ExitCodes.USAGE, "unknown time zone '" + timezone
          + "': use a region such as Europe/Istanbul, or an offset such as +03:00 or UTC");
    }
    if (threads < 1 || threads > 256) {
      throw new UserError(ExitCodes.USAGE, "--threads must be 1..256, was " + threads);
    }
    if (year != null && (year < 1970 || year > 9999)) {
      throw new UserError(ExitCodes.USAGE, "--year must be 1970..9999, was " + year);
    }
    ReadOptions options = new ReadOptions(zone, year == null ? OptionalInt.empty() : OptionalInt.of(year), threads, 20);
    if (transcriptTime != null) {
      options = options.withTranscriptTime(
          ReportOptions.time("--transcript-time", transcriptTime, zone, options.clock().instant(), false));
    }
    if (inputFormat == null) {
      return options;
    }
    Optional<InputFormat> format = InputFormat.ofId(inputFormat);
    if (format.isPresent()) {
      return options.withFormat(format, Optional.empty());
    }
    Optional<TranscriptNotation> notation = TranscriptNotation.ofId(inputFormat);
    if (notation.isPresent()) {
      return options.withFormat(Optional.of(InputFormat.TRANSCRIPT), notation);
    }
    throw new UserError(ExitCodes.USAGE, "unknown input format '" + inputFormat
        + "': use syslog, exim, transcript or a transcript notation ('smtplog formats' lists them)");
  }
}
