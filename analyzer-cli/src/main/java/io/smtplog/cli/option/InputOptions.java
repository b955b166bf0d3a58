package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.ingest.InputResolver;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.ResolvedInputs;
import io.smtplog.core.ingest.SkippedFile;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Inputs and how to read them: shared by every command that reads logs. */
public final class InputOptions {
  @Parameters(paramLabel = "INPUT", arity = "0..*", type = Path.class, converter = Completions.AsTyped.class,
      description = "Log files, directories (their log files, rotated sets oldest first) or - for standard input."
          + " .gz, .bz2, .xz and .zst are read directly. In a directory, hidden and binary files and reports or"
          + " scripts by their names are skipped, each named in the summary; any other file is read.")
  List<String> inputs;

  @Mixin ReadingOptions reading;

  /** The files of the named folders that {@link #resolve()} left out, and why. */
  private List<SkippedFile> skipped = List.of();

  /** True when INPUT arguments were given. */
  public boolean hasInputs() {
    return inputs != null && !inputs.isEmpty();
  }

  public boolean strict() {
    return reading.strict();
  }

  /** The inputs in reading order; a missing file is a user error (exit 3). */
  public List<LogInput> resolve() {
    if (inputs == null || inputs.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "no INPUT given: name log files, directories or - for standard input");
    }
    try {
      ResolvedInputs resolved = InputResolver.resolveAll(inputs);
      skipped = resolved.skipped();
      if (resolved.inputs().isEmpty()) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, SafeText.stripControls("no log files in "
            + String.join(", ", inputs) + (skipped.isEmpty() ? "" : ": " + String.join("; ", SkipSummary.lines(skipped)))
            + " (name a file to read it)"));
      }
      return resolved.inputs();
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE,
          "cannot read " + e.getFile() + ": no such file or directory");
    } catch (IOException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot list inputs: " + e.getMessage(), e);
    }
  }

  /** The files of the named folders that were not read, and why (empty before {@link #resolve()}). */
  public List<SkippedFile> skipped() {
    return skipped;
  }

  public ReadOptions readOptions() {
    return reading.readOptions();
  }

  /** The inputs {@code names} (files, directories, "-") in reading order; a missing file is a user error (exit 3). */
  public static List<LogInput> resolve(List<String> names) {
    InputOptions options = new InputOptions();
    options.inputs = names;
    return options.resolve();
  }
}
