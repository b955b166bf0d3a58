package io.smtplog.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtplog report}: the reports, one subcommand each. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Build a report from logs.",
    subcommands = {RelayCommand.class})
public final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
