package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.ingest.InputResolver;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Inputs and how to read them: shared by every command that reads logs. */
public final class InputOptions {
  @Parameters(paramLabel = "INPUT", arity = "0..*",
      description = "Log files, directories (their log files, rotated sets oldest first) or - for standard input."
          + " .gz, .bz2, .xz and .zst are read directly.")
  List<String> inputs;

  @Mixin ReadingOptions reading;

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
    return reading.readOptions();
  }

  /** The inputs {@code names} (files, directories, "-") in reading order; a missing file is a user error (exit 3). */
  public static List<LogInput> resolve(List<String> names) {
    InputOptions options = new InputOptions();
    options.inputs = names;
    return options.resolve();
  }
}
