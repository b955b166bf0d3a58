package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.report.format.ClassificationJson;
import io.smtplog.core.report.format.SafeText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtplog classify}: one JSON object per reply (NDJSON). */
@Command(name = "classify", mixinStandardHelpOptions = true,
    header = "Classifies SMTP replies and prints each as a JSON line.",
    description = {"Classify SMTP replies: class, category, meaning, tag, forward-path, enhanced code.",
        "Replies come from the arguments, or one per line on standard input. Postfix texts such as"
            + " \"host mx[192.0.2.1] said: 550 5.1.1 ... (in reply to RCPT TO command)\" are understood."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"One reply:",
        "  smtplog classify '550 5.1.1 User unknown'"})
public final class ClassifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REPLY", arity = "0..*", description = "Replies such as \"251 2.1.5 User not local;"
      + " will forward to <bob@example.org>\". None: read standard input.")
  List<String> replies;

  @Option(names = "--command", paramLabel = "CMD",
      description = "The command the replies answered (RCPT, VRFY, BDAT, DATA, ETRN...), when the text does not say.")
  String command;

  @Override
  public Integer call() throws IOException {
    Optional<SmtpCommand> context = Optional.empty();
    if (command != null) {
      context = SmtpCommand.ofName(command);
      if (context.isEmpty()) {
        throw new UserError(ExitCodes.USAGE, "unknown SMTP command '" + command
            + "': use one of HELO, EHLO, MAIL, RCPT, DATA, BDAT, VRFY, EXPN, ETRN, AUTH, STARTTLS, QUIT, connect");
      }
    }
    ReplyClassifier classifier = ReplyClassifier.standard();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int bad = 0;
    if (replies != null && !replies.isEmpty()) {
      int n = 0;
      for (String reply : replies) {
        bad += classifyOne(reply, "argument " + ++n, context, classifier, out, err);
      }
    } else {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          bad += classifyOne(line.strip(), "line " + n, context, classifier, out, err);
        }
      }
    }
    out.flush();
    return bad == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  private static int classifyOne(String text, String where, Optional<SmtpCommand> context, ReplyClassifier classifier,
      PrintWriter out, PrintWriter err) {
    Optional<SmtpReply> reply = ReplyTextParser.parseStatusText(text);
    if (reply.isEmpty()) {
      err.println("smtplog: " + where + ": not an SMTP reply (expected a code 200..599 first): "
          + SafeText.stripControls(text.length() > 80 ? text.substring(0, 80) + "\u2026" : text));
      return 1;
    }
    SmtpReply r = reply.get();
    if (r.command().isEmpty() && context.isPresent()) {
      r = r.answering(context.get());
    }
    out.println(ClassificationJson.line(classifier.classify(r)));
    return 0;
  }
}
