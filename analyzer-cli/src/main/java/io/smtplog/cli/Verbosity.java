package io.smtplog.cli;

import io.smtplog.cli.option.DiagnosticOptions;
import picocli.CommandLine.ParseResult;

/**
 * Whether the command line being run asked for {@code --verbose}: a static hook for code that
 * runs before or beside the commands (quieting library logging). Set by {@link AnalyzerCli} once
 * the arguments are parsed and before the command runs, again on every run; false before that.
 */
public final class Verbosity {
  private static volatile boolean verbose;

  private Verbosity() {}

  /** True when the run in progress was given {@code --verbose} (on any command). */
  public static boolean isVerbose() {
    return verbose;
  }

  /** Forgets the last run's answer: a command line that fails to parse is not verbose. */
  static void clear() {
    verbose = false;
  }

  /** Records what {@code parsed} asked for; called before the command runs. */
  static void set(ParseResult parsed) {
    verbose = DiagnosticOptions.given(parsed, DiagnosticOptions.VERBOSE);
  }
}
