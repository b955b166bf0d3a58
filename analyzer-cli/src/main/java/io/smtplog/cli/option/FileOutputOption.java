package io.smtplog.cli.option;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o FILE} of a command that writes one file (sessions, query, trace): a folder
 * ("-o out/", or an existing one) is refused in one line before anything is read.
 */
public final class FileOutputOption {
  /** The option whose value decides the ending of the file name suggested for a folder. */
  private static final String FORMAT = "--format";

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** A {@link Path}, so that shell completion offers file names; {@link #name()} has it as typed. */
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  /** -o as typed ("out/" asks for a folder), or null for standard output. */
  private OutputName name() {
    return output == null ? null : OutputName.typed(command, output);
  }

  /** The file to write, or null for standard output; a folder is a usage error (exit 2). */
  public Path file() {
    OutputName name = name();
    if (name == null) {
      return null;
    }
    String commandName = command == null ? "output" : command.name();
    name.refuseFolder("smtplog " + commandName, commandName + "." + OutputName.fileEnding(format()), "");
    return name.path();
  }

  /** The command's --format as typed or defaulted ("json", "table"), or "text" when it has none. */
  private String format() {
    OptionSpec option = command == null ? null : command.findOption(FORMAT);
    Object value = option == null ? null : option.getValue();
    return value == null ? "text" : value.toString();
  }

  /** True when -o was given. */
  public boolean given() {
    return output != null;
  }

  /** The file as typed, when -o was given (not checked). */
  public Optional<Path> typed() {
    return Optional.ofNullable(output);
  }
}
