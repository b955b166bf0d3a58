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
    header = "Reads Postfix and Exim logs and SMTP transcripts, and reports what became of the mail.",
    description = {"Follows every message and recipient through the logs of Postfix and Exim and through SMTP"
        + " transcripts, and reports what became of the mail: delivered, forwarded (251), deferred, bounced,"
        + " expired, rejected. The reports read the logs directly; smtplog ingest keeps them in a local index"
        + " that smtplog query, trace and the reports search.",
        "smtplog help COMMAND, or COMMAND --help, shows the options of a command; each command has a man page"
            + " too (smtplog-report-relay, for smtplog report relay)."},
    modelTransformer = Manual.class,
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"What became of the mail, per recipient domain:",
        "  smtplog report relay sample-logs/postfix sample-logs/exim",
        "",
        "Index the logs, then search them:",
        "  smtplog ingest --index /tmp/idx sample-logs/postfix",
        "  smtplog query --index /tmp/idx 'rcpt_code:251'",
        "",
        "What a reply code means:",
        "  smtplog explain 251"})
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
