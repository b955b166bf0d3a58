package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.report.format.HitsWriter;
import io.smtplog.core.report.format.SafeText;
import io.smtplog.core.report.format.SessionTextWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtplog query}: Lucene queries over the index's events. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Searches the index (`smtplog ingest`) with Lucene's query syntax over its fields, e.g.",
        "  code:251   code:[400 TO 499]   tag:user-not-local-will-forward   domain:example.net AND status:deferred",
        "  text:\"over quota\"   time:[2024-06-01 TO 2024-06-02]   time:[now-1d TO now]   recipient:*@example.org",
        "Fields: time mta host program event session queue_id message_id client client_ip helo sender sender_domain"
            + " recipient domain orig_recipient relay relay_ip command code class category tag enhanced status"
            + " forward_path delay size text file line."})
public final class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;

  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query (several arguments are joined with spaces).")
  List<String> query;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv, json or ndjson. Default: ${DEFAULT-VALUE}.")
  HitsWriter.Format format = HitsWriter.Format.table;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Option(names = "--limit", paramLabel = "N", description = "At most N hits (or N values per facet). Default: ${DEFAULT-VALUE}.")
  int limit = 20;

  @Option(names = "--sort", paramLabel = "FIELD", description = "Order by FIELD, -FIELD for descending. Default: reading order.")
  String sort = "";

  @Option(names = "--count", description = "Print only the number of hits.")
  boolean count;

  @Option(names = "--facet", paramLabel = "FIELD", split = ",", description = "Count the hits per value of each FIELD.")
  List<String> facets = new ArrayList<>();

  @Option(names = "--sessions", description = "Print the whole sessions of the hits, as `smtplog sessions` does.")
  boolean sessions;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Zone of times in the query and the output. Default: ${DEFAULT-VALUE}.")
  String timezone = ZoneId.systemDefault().getId();

  @Option(names = "--width", paramLabel = "COLUMNS", description = "Table width. Default: the terminal's.")
  Integer width;

  @Override
  public Integer call() throws IOException {
    if (limit < 1) {
      throw new UserError(ExitCodes.USAGE, "--limit must be at least 1, was " + limit);
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new UserError(ExitCodes.USAGE, "unknown time zone '" + timezone + "'");
    }
    String text = String.join(" ", query);
    Query parsed;
    try {
      parsed = IndexSearch.parse(text, zone, Instant.now());
    } catch (IndexSearch.QueryException e) {
      throw new UserError(ExitCodes.USAGE, queryError(text, e));
    }
    try (IndexSearch search = open(index.dir()); Writer out = OutputOptions.open(output, spec.commandLine().getOut())) {
      if (count) {
        out.write(search.count(parsed) + "\n");
      } else if (!facets.isEmpty()) {
        Map<String, Map<String, Long>> counts = search.facets(parsed, facets);
        HitsWriter.writeFacets(counts, format, out, tableWidth(), limit);
      } else if (sessions) {
        writeSessions(search, parsed, out, zone);
      } else {
        new HitsWriter(zone).write(search.hits(parsed, sort, limit), format, out, tableWidth());
      }
      out.flush();
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.USAGE, e.getMessage());
    }
    return ExitCodes.OK;
  }

  private void writeSessions(IndexSearch search, Query parsed, Writer out, ZoneId zone) throws IOException {
    Set<String> ids = search.sessionIds(parsed, sort, limit);
    SessionTextWriter writer = new SessionTextWriter(out, ReplyClassifier.standard(), zone);
    List<SmtpDialogue> dialogues = search.sessions(ids);
    Set<String> shown = new HashSet<>();
    for (SmtpDialogue d : dialogues) {
      writer.accept(d);
      shown.add(d.first().toString());
    }
    for (String id : ids) {
      if (shown.contains(id)) {
        continue;
      }
      // A server session without a transcript: its events, in order.
      out.write("\n# session " + SafeText.stripControls(id) + " (events)\n");
      for (MailEvent e : search.eventsOfSession(id)) {
        out.write(SafeText.stripControls(e.at() + " " + e.process().tag() + " " + e.getClass().getSimpleName() + " "
            + e.source()) + "\n");
      }
    }
  }

  static String queryError(String text, IndexSearch.QueryException e) {
    StringBuilder sb = new StringBuilder("cannot parse the query");
    if (e.column() > 0) {
      sb.append(" at column ").append(e.column()).append(": ").append(e.getMessage()).append('\n')
          .append("  ").append(text).append('\n').append("  ").append(" ".repeat(Math.max(0, e.column() - 1))).append('^');
    } else {
      sb.append(": ").append(e.getMessage());
    }
    return sb.toString();
  }

  private int tableWidth() {
    if (width != null) {
      return Math.max(20, width);
    }
    return output != null || System.console() == null ? Integer.MAX_VALUE : 160;
  }

  static IndexSearch open(Path dir) throws IOException {
    return IndexSearch.open(dir).orElseThrow(() -> new UserError(ExitCodes.INPUT_UNREADABLE,
        "no index at " + dir + ": run `smtplog ingest --index " + dir + " LOGS...` first"));
  }

}
