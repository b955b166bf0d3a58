package io.smtplog.cli.option;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code --stacktrace} and {@code --verbose}: mixed into {@code smtplog} with picocli's
 * {@link ScopeType#INHERIT}, so every command and subcommand has them, in any position
 * ({@code smtplog --stacktrace report relay x} and {@code smtplog report relay x --stacktrace}).
 */
public final class DiagnosticOptions {
  public static final String STACKTRACE = "--stacktrace";
  public static final String VERBOSE = "--verbose";

  @Option(names = STACKTRACE, scope = ScopeType.INHERIT,
      description = "Show the stack trace of an internal error after its one-line message.")
  boolean stacktrace;

  @Option(names = VERBOSE, scope = ScopeType.INHERIT,
      description = "Let the libraries smtplog uses (Lucene) write their notes on standard error.")
  boolean verbose;

  /** Whether {@code option} was given at any level of the parsed command line; never throws. */
  public static boolean given(ParseResult parsed, String option) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }
}
