package io.smtplog.cli;

import io.smtplog.cli.command.ClassifyCommand;
import io.smtplog.cli.command.ExplainCommand;
import io.smtplog.cli.command.FollowCommand;
import io.smtplog.cli.command.FormatsCommand;
import io.smtplog.cli.command.GenerateCommand;
import io.smtplog.cli.command.HelpCommand;
import io.smtplog.cli.command.IndexCommand;
import io.smtplog.cli.command.IngestCommand;
import io.smtplog.cli.command.QueryCommand;
import io.smtplog.cli.command.ReportCommand;
import io.smtplog.cli.command.SessionsCommand;
import io.smtplog.cli.command.SolrCommand;
import io.smtplog.cli.command.TraceCommand;
import io.smtplog.cli.option.WatchedOutput;
import io.smtplog.cli.serve.ServeCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code smtplog} command with all its subcommands: the whole tree that the usage, help, shell
 * completion and man pages are made from (picocli's AutoComplete and ManPageGenerator read this class).
 */
@Command(subcommands = {ReportCommand.class, SessionsCommand.class, IngestCommand.class, FollowCommand.class,
    QueryCommand.class, TraceCommand.class, IndexCommand.class, ClassifyCommand.class, ExplainCommand.class,
    FormatsCommand.class, SolrCommand.class, GenerateCommand.class, ServeCommand.class, HelpCommand.class})
public final class AnalyzerCli extends TopCommand {
  /**
   * The subcommands, in the order the usage lists them. A run that names one builds the picocli model
   * of that one only ({@link #commandLine(PrintWriter, PrintWriter, String...)}): building all of them
   * (reflection over every option of every command) was most of the start-up time of a short command
   * such as {@code explain 251}.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzerCli.class.getAnnotation(Command.class).subcommands());

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    // Standard output written directly, not through System.out: its PrintStream swallows a failed write.
    int code = run(new FileOutputStream(FileDescriptor.out), err, args);
    err.flush();
    System.exit(code);
  }

  /**
   * Runs a command with standard output on {@code stdout}. A write to it that fails makes the run
   * fail (exit 3, one line saying the output is incomplete and why), except a closed pipe: the
   * reader went away ({@code | head}), and the run ends as it would have.
   */
  public static int run(OutputStream stdout, PrintWriter err, String... args) {
    WatchedOutput watched = new WatchedOutput(stdout);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(watched, StandardCharsets.UTF_8), true);
    PrintWriter safeErr = safe(err);
    int code;
    try {
      code = commandLine(out, safeErr, args).execute(args);
    } catch (OutOfMemoryError e) {
      safeErr.println("smtplog: " + Failures.outOfMemory());
      code = ExitCodes.SOFTWARE;
    }
    out.flush();
    java.util.Optional<IOException> failure = watched.failure().filter(e -> !WatchedOutput.isClosedPipe(e));
    if (failure.isPresent()) {
      safeErr.println("smtplog: the output is incomplete: cannot write to standard output: "
          + Failures.reason(failure.get()));
      code = code == ExitCodes.OK || code == ExitCodes.PROBLEMS ? ExitCodes.INPUT_UNREADABLE : code;
    }
    safeErr.flush();
    return code;
  }

  /**
   * The whole command tree, every subcommand in it: for the usage, help, shell completion and man
   * pages. Tests call this with StringWriters. Standard error is cleaned of controls.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, new String[0]);
  }

  /**
   * The command tree that {@code args} need: when they name a subcommand, only that one (see
   * {@link #SUBCOMMANDS}); otherwise (no command, {@code help}, a mistyped name, an {@code @file}) all of
   * them, so that the usage, help and suggestions are complete.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    Verbosity.clear();
    Optional<Class<?>> only = named(firstCommandWord(args));
    CommandLine cli = only.isEmpty() ? new CommandLine(new AnalyzerCli()) : new CommandLine(new TopCommand());
    only.ifPresent(cli::addSubcommand);
    // "--by Domain" and "--format JSON" as typed: no option's values differ only by case.
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new UserMessageHandler())
        .setHelpFactory(WholeWordHelp::new)
        .setOut(out)
        .setErr(safe(err));
    cli.setParameterExceptionHandler((ex, unused) -> UsageErrors.report(ex));
    cli.setExecutionStrategy(parsed -> {
      Verbosity.set(parsed);
      // Before the command runs, so before any library logs (Lucene starts java.util.logging lazily).
      LibraryLogging.configure(Verbosity.isVerbose());
      return new CommandLine.RunLast().execute(parsed);
    });
    return cli;
  }

  /**
   * The first argument that is not an option of {@code smtplog} itself: the command's name, if any.
   * None when {@code smtplog}'s own help is asked for before it ({@code smtplog --help explain},
   * {@code -h}, {@code -hV}): that help lists every command.
   */
  private static String firstCommandWord(String... args) {
    for (String arg : args) {
      // Help before the command lists every command; after "--" comes no command: the whole tree says so.
      if (arg.equals("--help") || arg.equals("--") || arg.matches("-[A-Za-z]*h[A-Za-z]*")) {
        return "";
      }
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return "";
  }

  /** The subcommand called {@code name}, except {@code help}, which needs every command. */
  private static Optional<Class<?>> named(String name) {
    for (Class<?> subcommand : SUBCOMMANDS) {
      Command command = subcommand.getAnnotation(Command.class);
      if (subcommand != HelpCommand.class && command != null && command.name().equals(name)) {
        return Optional.of(subcommand);
      }
    }
    return Optional.empty();
  }

  private static PrintWriter safe(PrintWriter err) {
    return new PrintWriter(new TerminalSafeWriter(err), true);
  }
}
