package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.classify.CodeExplainer;
import io.smtplog.core.classify.Language;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.ReplyCode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtplog explain}: what a code means, when you see it and what to do; or two codes compared. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    header = "Explains a reply code or an enhanced status code, or compares two.",
    description = "Explain one SMTP reply code, or compare two (e.g. smtplog explain 250 251).")
public final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CODE", arity = "1..2", description = "One or two reply codes, 200..599.")
  List<String> codes;

  @Option(names = "--lang", paramLabel = "LANG", description = "en (default) or tr.")
  String lang = "en";

  @Override
  public Integer call() {
    Language language = Language.ofCode(lang).orElseThrow(() ->
        new UserError(ExitCodes.USAGE, "unknown language '" + lang + "': use en or tr"));
    CodeExplainer explainer = new CodeExplainer(ReplyClassifier.standard().catalog());
    ReplyCode first = code(codes.get(0));
    Optional<String> text;
    if (codes.size() == 1) {
      text = explainer.explain(first, language);
    } else {
      ReplyCode second = code(codes.get(1));
      text = explainer.compare(first, second, language);
    }
    if (text.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "no explanation for " + String.join(" and ", codes)
          + ": smtplog explains the codes of RFC 5321 and its extensions; unlisted codes are read by their first"
          + " digit (try smtplog classify \"" + codes.get(0) + " text\")");
    }
    spec.commandLine().getOut().print(text.get());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private static ReplyCode code(String text) {
    try {
      int value = Integer.parseInt(text.strip());
      return ReplyCode.of(value);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.USAGE, "'" + text + "' is not an SMTP reply code: use three digits 200..599");
    }
  }
}
