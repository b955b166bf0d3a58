package io.smtplog.cli;

import io.smtplog.core.model.NearNames;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors for people, exit code {@link ExitCodes#USAGE}: a mistyped command or option is one
 * line with what was meant ({@code smtplog: unknown option '--sinse' for 'smtplog report relay': did
 * you mean --since?}), from picocli's suggestions without hidden commands and options; any other
 * value that is not one of an option's values, or a missing one, is one line too ({@link ValueErrors});
 * any other is picocli's message and where to find the options. Never a stack trace. Standard error is
 * cleaned of control characters where it is written ({@link TerminalSafeWriter}).
 */
final class UsageErrors {
  private UsageErrors() {}

  /** Prints the error on the failing command's standard error; returns the usage exit code. */
  static int report(ParameterException ex) {
    CommandLine source = ex.getCommandLine();
    PrintWriter err = source.getErr();
    String command = source.getCommandSpec().qualifiedName();
    Optional<String> valueError = ValueErrors.describe(ex, command);
    if (valueError.isPresent()) {
      err.println("smtplog: " + valueError.get());
    } else if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()
        || !unmatched.isUnknownOption() && source.getSubcommands().isEmpty()) {
      err.println("smtplog: " + ex.getMessage());
      err.println("Try '" + command + " --help' for the options.");
    } else {
      String kind = unmatched.isUnknownOption() ? "option" : "command";
      String what = "smtplog: unknown " + kind + " '" + unmatched.getUnmatched().get(0) + "' for '" + command + "'";
      List<String> suggestions = suggestions(unmatched);
      if (suggestions.contains(unmatched.getUnmatched().get(0))) {
        // The name is right but stands where picocli reads no names: after "--", which ends the options.
        err.println(what + ": a command comes before '--' (" + command + " " + unmatched.getUnmatched().get(0)
            + " ...), which ends the options");
      } else if (suggestions.isEmpty()) {
        err.println(what);
        err.println("Try '" + command + " --help' for the " + kind + "s.");
      } else {
        err.println(what + ": did you mean " + String.join(" or ", suggestions) + "?");
      }
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * The visible names nearest to the first unmatched argument (picocli's suggestions and the
   * command's options or subcommands), and only near ones ({@link NearNames#nearest}), so
   * {@code generat} suggests nothing rather than {@code trace}; the name itself when it was typed
   * exactly (a command after "--").
   */
  static List<String> suggestions(UnmatchedArgumentException ex) {
    CommandSpec spec = ex.getCommandLine().getCommandSpec();
    String typed = ex.getUnmatched().get(0);
    int eq = typed.indexOf('=');
    String word = ex.isUnknownOption() && eq > 0 ? typed.substring(0, eq) : typed;
    Set<String> candidates = new LinkedHashSet<>(ex.getSuggestions());
    if (ex.isUnknownOption()) {
      spec.options().stream().filter(o -> !o.hidden()).forEach(o -> candidates.addAll(List.of(o.names())));
    } else {
      candidates.addAll(spec.subcommands().keySet());
    }
    candidates.removeIf(name -> {
      OptionSpec option = spec.findOption(name);
      CommandLine sub = spec.subcommands().get(name);
      return option != null ? option.hidden() : sub != null && sub.getCommandSpec().usageMessage().hidden();
    });
    return candidates.contains(word) ? List.of(word) : NearNames.nearest(word, candidates);
  }
}
