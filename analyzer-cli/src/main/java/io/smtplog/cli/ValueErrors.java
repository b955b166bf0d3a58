package io.smtplog.cli;

import io.smtplog.core.model.NearNames;
import io.smtplog.core.report.format.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * picocli's value errors ("Invalid value for option '--format': ...", "expected one of [none,
 * domain, relay] (case-sensitive) but was 'sender'", "Missing required parameter: 'CODE'") as one
 * line that reads like smtplog's other messages (issue 12): the option, the value, what it is not,
 * the nearest value and the values there are, e.g. {@code --format cvs: not a format; did you mean
 * csv? (table, csv, json, html, prometheus)}. Stateless.
 */
public final class ValueErrors {
  /** picocli's start of a message about a value that could not be converted. */
  private static final String INVALID_VALUE = "Invalid value for ";
  /** picocli's start of a message about an option given without its value. */
  private static final String OPTION_WITHOUT_VALUE = "Missing required parameter for option";
  /** Labels that name no kind of thing ("--by WHAT"): the value is then "not a value of --by". */
  private static final Set<String> GENERIC_LABELS = Set.of("WHAT", "VALUE", "ARG", "PARAM");
  /** Longer lists of values (all time zones, say) are not a closed set worth printing. */
  private static final int MAX_LISTED = 12;
  /** A typed value is echoed up to this many characters. */
  private static final int MAX_ECHO = 80;

  private ValueErrors() {}

  /**
   * The usage error for a value that is not one of {@code values}, worded as picocli's value errors
   * are here: {@code --mta sendmial: not an mta; did you mean sendmail? (postfix, exim, transcript)}.
   * For options whose values are checked by the command rather than by picocli.
   */
  public static UserError notOneOf(String option, String typed, String noun, List<String> values) {
    String near = NearNames.didYouMean(NearNames.nearest(typed.strip(), values));
    return new UserError(ExitCodes.USAGE, option + " " + echo(typed) + ": not " + noun
        + (near.isEmpty() ? "" : "; " + near) + " (" + String.join(", ", values) + ")");
  }

  /** The line for {@code ex} (without "smtplog: "), when it is about a value; empty for any other error. */
  static Optional<String> describe(ParameterException ex, String command) {
    if (ex instanceof MissingParameterException missing) {
      return Optional.of(missing(missing, command));
    }
    ArgSpec arg = ex.getArgSpec();
    String message = String.valueOf(ex.getMessage());
    if (arg == null || ex.getValue() == null || !message.startsWith(INVALID_VALUE)) {
      return Optional.empty();
    }
    String value = ex.getValue();
    String what = name(arg) + " " + echo(value) + ": ";
    List<String> values = values(arg);
    if (!values.isEmpty()) {
      String near = NearNames.didYouMean(NearNames.nearest(value.strip(), values));
      return Optional.of(what + "not " + noun(arg) + (near.isEmpty() ? "" : "; " + near) + " ("
          + String.join(", ", values) + ")");
    }
    Class<?> type = arg.type();
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return Optional.of(what + "not a whole number");
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return Optional.of(what + "not a number");
    }
    // A converter's own reason ("'x' is not a time zone"), after picocli's "Invalid value for option '--x': ".
    int colon = message.indexOf("': ");
    return Optional.of(what + SafeText.stripControls(colon < 0 ? message : message.substring(colon + 3)));
  }

  /** "no CODE given", or "--format needs a FORMAT (table, csv, ...)", or "--index DIR is required". */
  private static String missing(MissingParameterException ex, String command) {
    List<ArgSpec> args = ex.getMissing() == null ? List.of() : ex.getMissing();
    String help = ": '" + command + " --help' shows what to give";
    if (args.isEmpty()) {
      return SafeText.stripControls(ex.getMessage()) + help;
    }
    ArgSpec first = args.get(0);
    if (first instanceof OptionSpec option) {
      List<String> values = values(option);
      String list = values.isEmpty() ? "" : " (" + String.join(", ", values) + ")";
      return String.valueOf(ex.getMessage()).startsWith(OPTION_WITHOUT_VALUE)
          ? name(option) + " needs " + noun(option).replaceFirst("^a value of .*", "a value") + list
          : name(option) + " " + option.paramLabel() + " is required" + list + help;
    }
    List<String> labels = new ArrayList<>();
    args.forEach(a -> labels.add(a.paramLabel()));
    return "no " + String.join(" and ", labels) + " given" + help;
  }

  /** The option's longest name ("--format"), or a positional parameter's label ("CODE"). */
  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
  }

  /** "a format", "an mta", from the label; "a value of --by" for a label that names nothing. */
  private static String noun(ArgSpec arg) {
    String label = arg.paramLabel().replaceAll("[^A-Za-z]", "");
    if (label.isEmpty() || GENERIC_LABELS.contains(label)) {
      return "a value of " + name(arg);
    }
    String noun = label.toLowerCase(Locale.ROOT);
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /** The values the option takes, when they are a closed list (an enum, or its completion candidates). */
  private static List<String> values(ArgSpec arg) {
    List<String> values = new ArrayList<>();
    if (arg.completionCandidates() != null) {
      arg.completionCandidates().forEach(values::add);
    }
    return values.size() > MAX_LISTED ? List.of() : values;
  }

  private static String echo(String value) {
    String cut = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO - 1) + "…" : value;
    return SafeText.stripControls(cut);
  }
}
