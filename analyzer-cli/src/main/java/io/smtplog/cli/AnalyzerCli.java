package io.smtplog.cli;

import io.smtplog.cli.command.ClassifyCommand;
import io.smtplog.cli.command.ExplainCommand;
import io.smtplog.cli.command.FormatsCommand;
import io.smtplog.cli.command.GenerateCommand;
import io.smtplog.cli.command.IndexCommand;
import io.smtplog.cli.command.IngestCommand;
import io.smtplog.cli.command.QueryCommand;
import io.smtplog.cli.command.ReportCommand;
import io.smtplog.cli.command.SessionsCommand;
import io.smtplog.cli.command.TraceCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code smtplog} command. */
@Command(name = "smtplog", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    description = "SMTP log analyzer: Postfix and Exim logs and SMTP transcripts to classified replies,"
        + " sessions and per-domain relay reports.",
    subcommands = {ReportCommand.class, SessionsCommand.class, IngestCommand.class, QueryCommand.class,
        TraceCommand.class,
        IndexCommand.class, ClassifyCommand.class, ExplainCommand.class, FormatsCommand.class, GenerateCommand.class,
        HelpCommand.class})
public final class AnalyzerCli implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: the usage, on standard error, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code;
    try {
      code = commandLine(out, err).execute(args);
    } catch (OutOfMemoryError e) {
      err.println("smtplog: out of memory (the heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MB); give the JVM more, e.g. SMTPLOG_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx2g\" ./smtplog ...");
      code = ExitCodes.SOFTWARE;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Tests call this with StringWriters; main() calls it with the console. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new AnalyzerCli())
        .setExecutionExceptionHandler(new UserMessageHandler())
        .setOut(out)
        .setErr(err);
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine source = ex.getCommandLine();
      source.getErr().println("smtplog: " + ex.getMessage());
      source.getErr().println("Try '" + source.getCommandSpec().qualifiedName() + " --help' for the options.");
      return ExitCodes.USAGE;
    });
    return cli;
  }
}
