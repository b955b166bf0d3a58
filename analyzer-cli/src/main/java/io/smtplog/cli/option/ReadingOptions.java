package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.pipeline.ReadOptions;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** How to read inputs: shared by every command that reads logs ({@link InputOptions} adds the inputs). */
public final class ReadingOptions {
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

  // Not "FORMAT": picocli's completion script keeps one value list per label, and --format has that one.
  // Six letters as FORMAT: a shorter "--input-format=LABEL" widens the option column of the usage.
  @Option(names = "--input-format", paramLabel = "SYNTAX", completionCandidates = Completions.InputFormats.class,
      description = "Read every input as SYNTAX instead of detecting it per file: syslog, exim, journal or"
          + " transcript,"
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

  public boolean strict() {
    return strict;
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
