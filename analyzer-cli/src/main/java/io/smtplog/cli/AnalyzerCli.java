package io.smtplog.cli;

import io.smtplog.cli.command.ClassifyCommand;
import io.smtplog.cli.command.ExplainCommand;
import io.smtplog.cli.command.FormatsCommand;
import io.smtplog.cli.command.GenerateCommand;
import io.smtplog.cli.command.HelpCommand;
import io.smtplog.cli.command.IndexCommand;
import io.smtplog.cli.command.IngestCommand;
import io.smtplog.cli.command.QueryCommand;
import io.smtplog.cli.command.ReportCommand;
import io.smtplog.cli.command.SessionsCommand;
import io.smtplog.cli.command.TraceCommand;
import io.smtplog.cli.option.DiagnosticOptions;
import io.smtplog.cli.option.WatchedOutput;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code smtplog} command. */
@Command(name = "smtplog", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    header = "Reads Postfix and Exim logs and SMTP transcripts, and reports what became of the mail.",
    subcommands = {ReportCommand.class, SessionsCommand.class, IngestCommand.class, QueryCommand.class,
        TraceCommand.class,
        IndexCommand.class, ClassifyCommand.class, ExplainCommand.class, FormatsCommand.class, GenerateCommand.class,
        HelpCommand.class})
public final class AnalyzerCli implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DiagnosticOptions diagnostics;

  /** Without a subcommand: the usage, on standard error, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

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
      code = commandLine(out, safeErr).execute(args);
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

  /** Tests call this with StringWriters; main() calls it with the console. Standard error is cleaned of controls. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    Verbosity.clear();
    CommandLine cli = new CommandLine(new AnalyzerCli())
        .setExecutionExceptionHandler(new UserMessageHandler())
        .setHelpFactory(WholeWordHelp::new)
        .setOut(out)
        .setErr(safe(err));
    cli.setParameterExceptionHandler((ex, args) -> UsageErrors.report(ex));
    cli.setExecutionStrategy(parsed -> {
      Verbosity.set(parsed);
      return new CommandLine.RunLast().execute(parsed);
    });
    return cli;
  }

  private static PrintWriter safe(PrintWriter err) {
    return new PrintWriter(new TerminalSafeWriter(err), true);
  }
}
