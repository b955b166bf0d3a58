package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtplog report}: the reports, one subcommand each. */
@Command(name = "report", mixinStandardHelpOptions = true,
    header = "Builds a report from logs or from the index: relay, summary or codes.",
    description = {"Reads the logs named (or, with --index, the index that smtplog ingest wrote) and prints one"
        + " report: relay, what became of the mail per recipient domain; summary, pflogsumm's totals and"
        + " rankings; codes, the replies by code and meaning. Every report prints as a table, CSV, JSON, HTML"
        + " or Prometheus text (--format), whole or one section (--section)."},
    subcommands = {SummaryCommand.class, CodesCommand.class, RelayCommand.class, HelpCommand.Nested.class})
public final class ReportCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: the usage, on standard error, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
