package io.smtplog.cli.command;

import io.smtplog.cli.AnalyzerCli;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    header = "Shows the help of a command or subcommand, as in smtplog help report relay.",
    description = "Prints the usage of the command named by its path (smtplog help report relay), as that"
        + " command's --help does; without a name, the usage of smtplog.")
public class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
  @Parameters(paramLabel = "COMMAND", arity = "0..*", completionCandidates = CommandNames.class,
      description = "The command, followed by its subcommands (report relay).")
  List<String> path = List.of();

  /**
   * What shell completion offers after {@code help}: the names of the commands and of their
   * subcommands, read from the annotations of the tree ({@link AnalyzerCli}), hidden ones left out.
   * picocli's completion script has one list per parameter, so {@code help report <TAB>} offers the
   * same names: relay, summary and codes among them.
   */
  public static final class CommandNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      Set<String> names = new LinkedHashSet<>();
      add(AnalyzerCli.class.getAnnotation(Command.class).subcommands(), names);
      return names.iterator();
    }

    private static void add(Class<?>[] commands, Set<String> names) {
      for (Class<?> command : commands) {
        Command annotation = command.getAnnotation(Command.class);
        if (annotation != null && !annotation.hidden() && command != HelpCommand.class) {
          names.add(annotation.name());
          add(annotation.subcommands(), names);
        }
      }
    }
  }

  /**
   * {@code help} under a command ({@code smtplog report help relay}): it works, but it is hidden from
   * the command's list, its completion and the man pages, where it would repeat the top-level
   * {@code help} (smtplog-help(1)) as a page of its own.
   */
  @Command(name = "help", hidden = true, helpCommand = true)
  public static final class Nested extends HelpCommand {}

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
