package io.smtplog.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.ReadsIndex;
import io.smtplog.cli.UserError;
import io.smtplog.cli.ValueErrors;
import io.smtplog.cli.option.Completions;
import io.smtplog.cli.option.FileOutputOption;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.cli.option.Destination;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.cli.option.ReadingOptions;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtplog trace}: the whole story of a message, from the index or straight from logs. */
@Command(name = "trace", mixinStandardHelpOptions = true,
    header = "Shows the whole story of a message, with its original lines.",
    description = {"The whole story of a message: the session that received it, its queue, content filter hops,",
        "forwards, each delivery attempt, its bounce notification, with the original lines, in reading order.",
        "ID is a queue id, a Message-ID or an address. From the index (--index), or from logs: INPUT..."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"One message's story, from the index:",
        "  smtplog trace --index /tmp/idx 4670E20C66E",
        "",
        "From the logs, without an index:",
        "  smtplog trace 4670E20C66E sample-logs/postfix"})
public final class TraceCommand implements Callable<Integer>, ReadsIndex {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin SolrOptions solr;
  @Mixin ReadingOptions reading;

  @Parameters(index = "0", paramLabel = "ID",
      description = "The queue id (4BxQ2k0fJmz9v, 1pBq3c-0001Xy-Ab), Message-ID or address to trace.")
  String id;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT", type = Path.class,
      converter = Completions.AsTyped.class,
      description = "Logs to read instead of the index (files, directories, - for standard input).")
  List<String> inputs = List.of();

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or json. Default: ${DEFAULT-VALUE}.")
  String format = "text";

  @Mixin FileOutputOption output;

  @Override
  public java.util.Optional<Path> indexDir() {
    return inputs.isEmpty() && !solr.given() ? java.util.Optional.of(index.dir()) : java.util.Optional.empty();
  }

  @Override
  public Integer call() throws IOException {
    if (!format.equals("text") && !format.equals("json")) {
      throw ValueErrors.notOneOf("--format", format, "a format", List.of("text", "json"));
    }
    IndexView.Trace trace;
    if (!inputs.isEmpty()) {
      if (index.given() || solr.given()) {
        throw new UserError(ExitCodes.USAGE, "give INPUT, --index or --solr, only one of them");
      }
      List<LogInput> resolved = InputOptions.resolve(inputs);
      OutputOptions.refuseInputs(output.file(), resolved);
      trace = fromLogs(resolved);
    } else {
      try (IndexView search = IndexViews.open(index, solr)) {
        trace = search.trace(id);
      }
    }
    if (trace.isEmpty()) {
      throw new UserError(ExitCodes.NOT_FOUND, "no message or recipient matches '" + SafeText.stripControls(id)
          + "': give a queue id, a Message-ID or an address");
    }
    try (Destination destination = Destination.of(output.file(), spec.commandLine().getOut())) {
      if (format.equals("json")) {
        json(trace, destination.writer());
      } else {
        text(trace, new PrintWriter(destination.writer()));
      }
      destination.commit();
    }
    return ExitCodes.OK;
  }

  /** Reads the logs into a temporary index (the same stories as an index would hold), then traces. */
  private IndexView.Trace fromLogs(List<LogInput> inputs) throws IOException {
    Path temp = Files.createTempDirectory("smtplog-trace");
    try {
      LogIndexer.ingest(temp, inputs, reading.readOptions(), bytes -> { });
      try (IndexView search = IndexViews.open(temp)) {
        return search.trace(id);
      }
    } finally {
      try (Stream<Path> files = Files.walk(temp)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void text(IndexView.Trace trace, PrintWriter out) {
    for (Map<String, Object> m : trace.messages()) {
      StringBuilder line = new StringBuilder("# message ").append(m.get(IndexFields.QUEUE_ID));
      append(line, "copy of", m.get(IndexFields.COPY_OF));
      append(line, "notification of", m.get(IndexFields.NOTIFICATION_OF));
      append(line, "from", m.get(IndexFields.SENDER));
      append(line, "client", m.get(IndexFields.CLIENT));
      append(line, "message-id", m.get(IndexFields.MESSAGE_ID));
      append(line, "size", m.get(IndexFields.SIZE));
      append(line, "at", m.get(IndexFields.TIME));
      out.println(SafeText.stripControls(line.toString()));
    }
    for (Map<String, Object> r : trace.recipients()) {
      StringBuilder line = new StringBuilder("# recipient ").append(r.get(IndexFields.RECIPIENT_FIELD));
      append(line, "addressed as", r.get(IndexFields.ORIG_RECIPIENT));
      append(line, "", r.get(IndexFields.STATUS));
      append(line, "rcpt", r.get(IndexFields.RCPT_CODE));
      append(line, "reply", r.get(IndexFields.CODE));
      append(line, "via", r.get(IndexFields.RELAY));
      append(line, "attempts", r.get(IndexFields.ATTEMPTS));
      append(line, "hops", r.get(IndexFields.HOPS));
      out.println(SafeText.stripControls(line.toString()));
    }
    for (Map<String, Object> s : trace.sessions()) {
      StringBuilder line = new StringBuilder("# session ").append(s.get(IndexFields.SESSION));
      append(line, "", s.get(IndexFields.DIRECTION));
      append(line, "client", s.get(IndexFields.CLIENT));
      append(line, "peer", s.get(IndexFields.RELAY));
      append(line, "tls", s.get(IndexFields.TLS));
      out.println(SafeText.stripControls(line.toString()));
    }
    for (IndexView.StoredLine l : trace.lines()) {
      out.println(SafeText.stripControls(l.file() + ":" + l.line() + ": " + l.text()));
    }
    out.flush();
  }

  private static void append(StringBuilder line, String label, Object value) {
    if (value != null && !String.valueOf(value).isEmpty()) {
      line.append(" · ").append(label.isEmpty() ? "" : label + " ").append(value);
    }
  }

  private static void json(IndexView.Trace trace, Writer out) throws IOException {
    var mapper = JsonFormat.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.set("messages", mapper.valueToTree(trace.messages()));
    root.set("recipients", mapper.valueToTree(trace.recipients()));
    root.set("sessions", mapper.valueToTree(trace.sessions()));
    ArrayNode lines = root.putArray("lines");
    for (IndexView.StoredLine l : trace.lines()) {
      lines.addObject().put("file", l.file()).put("line", l.line()).put("text", l.text());
    }
    mapper.writeValue(out, root);
    out.write('\n');
    out.flush();
  }
}
