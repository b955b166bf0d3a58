package io.smtplog.cli;

import io.smtplog.cli.option.DiagnosticOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code smtplog} command itself, without its subcommands: a run adds the one it needs
 * ({@link AnalyzerCli#commandLine(java.io.PrintWriter, java.io.PrintWriter, String...)}), and
 * {@link AnalyzerCli}, which adds them all in its annotation, is the whole tree.
 */
@Command(name = "smtplog", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    header = "Reads Postfix and Exim logs and SMTP transcripts, and reports what became of the mail.")
public class TopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DiagnosticOptions diagnostics;

  /** Without a subcommand: the usage, on standard error, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
