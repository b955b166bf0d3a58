package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.cli.ValueErrors;
import io.smtplog.cli.option.Completions;
import io.smtplog.core.classify.CodeCatalog;
import io.smtplog.core.classify.CodeExplainer;
import io.smtplog.core.classify.EnhancedStatusRegistry;
import io.smtplog.core.classify.Language;
import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.ReplyCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code smtplog explain}: what a code means, when you see it and what to do; two codes compared
 * point by point; an enhanced status code with the IANA registry's text; a reply code with its
 * enhanced status code ({@code 550 5.1.1}) as one reply. More than two codes are refused: the
 * comparison is made point by point between two codes, and a three-way one reads worse than pairs.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    header = "Explains a reply code or an enhanced status code, or compares two.",
    description = {"One code: what it means, when you see it and what to do (smtplog explain 251, smtplog explain"
        + " 5.1.1).", "Two reply codes: both, their key differences point by point and when a server sends each"
        + " (smtplog explain 250 251). A reply code and an enhanced status code: the reply as a log shows it"
        + " (smtplog explain 550 5.1.1)."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"One reply code, one enhanced status code:",
        "  smtplog explain 251",
        "  smtplog explain 5.1.1",
        "",
        "Two codes compared point by point, in Turkish:",
        "  smtplog explain --lang tr 250 251"})
public final class ExplainCommand implements Callable<Integer> {
  /** Two: a comparison is point by point between two codes. */
  private static final int MAX_CODES = 2;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CODE", arity = "1..*",
      description = "One or two codes: reply codes 200..599 or enhanced status codes such as 5.1.1.")
  List<String> codes;

  @Option(names = "--lang", paramLabel = "LANG", completionCandidates = Completions.Languages.class,
      description = "en (default) or tr.")
  String lang = "en";

  /** A parsed argument: a reply code or an enhanced status code. */
  private record Code(Optional<ReplyCode> reply, Optional<EnhancedStatus> status) {}

  @Override
  public Integer call() {
    if (codes.size() > MAX_CODES) {
      throw new UserError(ExitCodes.USAGE, "explain takes one code, or two to compare, not " + codes.size() + " ("
          + String.join(" ", codes) + "): compare them in pairs, e.g. smtplog explain " + codes.get(0) + " "
          + codes.get(1));
    }
    Language language = Language.ofCode(lang).orElseThrow(() ->
        ValueErrors.notOneOf("--lang", lang, "a language",
            java.util.Arrays.stream(Language.values()).map(Language::code).toList()));
    List<Code> parsed = new ArrayList<>();
    for (String text : codes) {
      Code code = code(text);
      if (!parsed.contains(code)) { // "explain 550 550" is 550 explained once, not compared with itself
        parsed.add(code);
      }
    }
    boolean enhanced = parsed.stream().anyMatch(c -> c.status().isPresent());
    // The registry (a CSV file) is read only when an enhanced code is asked for: explain 251 starts faster.
    CodeExplainer explainer = new CodeExplainer(CodeCatalog.load(),
        enhanced ? EnhancedStatusRegistry::load : () -> {
          throw new IllegalStateException("no enhanced status code was given");
        });
    Optional<String> text = explain(explainer, parsed, language);
    if (text.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "no explanation for " + String.join(" and ", codes)
          + ": smtplog explains the codes of RFC 5321 and its extensions; unlisted codes are read by their first"
          + " digit (try smtplog classify \"" + codes.get(0) + " text\")");
    }
    spec.commandLine().getOut().print(text.get());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private static Optional<String> explain(CodeExplainer explainer, List<Code> parsed, Language language) {
    Code first = parsed.get(0);
    if (parsed.size() == 1) {
      return first.reply().isPresent() ? explainer.explain(first.reply().get(), language)
          : Optional.of(explainer.explainStatus(first.status().orElseThrow(), language));
    }
    Code second = parsed.get(1);
    if (first.reply().isPresent() && second.reply().isPresent()) {
      return explainer.compare(first.reply().get(), second.reply().get(), language);
    }
    if (first.status().isPresent() && second.status().isPresent()) {
      return Optional.of(explainer.compareStatus(first.status().get(), second.status().get(), language));
    }
    ReplyCode reply = first.reply().orElseGet(() -> second.reply().orElseThrow());
    EnhancedStatus status = first.status().orElseGet(() -> second.status().orElseThrow());
    return explainer.explainReply(reply, status, language);
  }

  private static Code code(String text) {
    String code = text.strip();
    Optional<EnhancedStatus> status = EnhancedStatus.parse(code);
    if (status.isPresent()) {
      return new Code(Optional.empty(), status);
    }
    try {
      return new Code(Optional.of(ReplyCode.of(Integer.parseInt(code))), Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.USAGE, "'" + text + "' is not an SMTP reply code: use three digits 200..599,"
          + " or an enhanced status code such as 5.1.1 (class 2, 4 or 5)");
    }
  }
}
