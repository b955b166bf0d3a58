package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.FileOutputOption;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.cli.option.Destination;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.cli.option.PseudonymOptions;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.SessionFilter;
import io.smtplog.core.report.SessionsReader;
import io.smtplog.core.report.format.SessionJsonWriter;
import io.smtplog.core.report.format.SessionTextWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtplog sessions}: every SMTP dialogue of the inputs, in one notation, replies classified. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
    header = "Prints the SMTP sessions that transcripts show, in one notation.",
    description = {"Prints the SMTP sessions that transcripts show (swaks, S:/C:, Exim -d, telnet, smtplib,"
        + " >>>/<<<, Postfix debug_peer_list) in one notation: C: for the client, S: for the server, each"
        + " reply with its classification tag (and the forward-path of a 251 or 551).",
        "Sessions are printed as they end. AUTH credentials are redacted."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"The dialogues of the bundled transcripts with a 251 reply:",
        "  smtplog sessions --code 251 sample-logs/transcripts",
        "",
        "As JSON:",
        "  smtplog sessions --format json sample-logs/transcripts"})
public final class SessionsCommand implements Callable<Integer> {
  /** Output formats. */
  public enum Format { text, json }

  @Spec CommandSpec spec;
  @Mixin InputOptions input;
  @Mixin PseudonymOptions pseudonyms;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or json. Default: ${DEFAULT-VALUE}.")
  Format format = Format.text;

  @Mixin FileOutputOption output;

  @Option(names = "--domain", paramLabel = "DOMAIN",
      description = "Only sessions with a MAIL FROM or RCPT TO address in DOMAIN or its subdomains.")
  String domain;

  @Option(names = "--code", paramLabel = "CODE", description = "Only sessions with a reply of this code, e.g. 251.")
  Integer code;

  @Option(names = "--tag", paramLabel = "TAG",
      description = "Only sessions with a reply of this classification tag, e.g. user-not-local-will-forward.")
  String tag;

  @Override
  public Integer call() throws IOException {
    if (code != null && (code < 200 || code > 599)) {
      throw new UserError(ExitCodes.USAGE, "--code must be a reply code 200..599, was " + code);
    }
    SessionFilter filter = new SessionFilter(Optional.ofNullable(domain).filter(d -> !d.isBlank()),
        Optional.ofNullable(code).map(ReplyCode::of), Optional.ofNullable(tag).filter(t -> !t.isBlank()));
    List<LogInput> inputs = input.resolve();
    OutputOptions.refuseInputs(output.file(), inputs);
    ReadOptions options = input.readOptions();
    ReplyClassifier classifier = ReplyClassifier.standard();
    Pseudonymizer pseudonymizer = pseudonyms.pseudonymizer();
    IngestReport ingest;
    try (Destination destination = Destination.of(output.file(), spec.commandLine().getOut())) {
      Writer out = destination.writer();
      if (format == Format.json) {
        try (SessionJsonWriter json = new SessionJsonWriter(out, classifier, options.zone())) {
          ingest = read(inputs, options, filter, classifier, pseudonymizer, json);
        }
      } else {
        ingest = read(inputs, options, filter, classifier, pseudonymizer,
            new SessionTextWriter(out, classifier, options.zone()));
      }
      destination.commit();
    } catch (UncheckedIOException e) {
      throw new UserError(ExitCodes.SOFTWARE, "cannot write the sessions: " + e.getCause().getMessage(), e);
    }
    return Summaries.report(ingest, input.skipped(), input.strict(), spec.commandLine().getErr());
  }

  /** The filter sees the real names (--domain is typed as the log writes it); the writers, the pseudonyms. */
  private static IngestReport read(List<LogInput> inputs, ReadOptions options, SessionFilter filter,
      ReplyClassifier classifier, Pseudonymizer pseudonymizer, Consumer<SmtpDialogue> sink) {
    return SessionsReader.read(inputs, options, d -> {
      if (filter.matches(d, classifier)) {
        sink.accept(pseudonymizer.dialogue(d));
      }
    });
  }
}
