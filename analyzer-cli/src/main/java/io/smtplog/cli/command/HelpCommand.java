package io.smtplog.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code help [COMMAND...]}: the usage of a command named by its path from where {@code help}
 * stands, so {@code smtplog help report relay} and {@code smtplog report help relay} both show the
 * relay usage (picocli's own help command takes one name only).
 */
@Command(name = "help", helpCommand = true,
    header = "Shows the help of a command or subcommand, as in smtplog help report relay.")
public final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
  @Parameters(paramLabel = "COMMAND", arity = "0..*",
      description = "The command, followed by its subcommands (report relay).")
  List<String> path = List.of();

  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  /** Prints the usage of the command named; an unknown name is a usage error with suggestions. */
  @Override
  public Integer call() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new UnmatchedArgumentException(target, List.of(name));
      }
      target = next;
    }
    target.usage(out, colors);
    out.flush();
    return 0;
  }
}
