package io.smtplog.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.ReadsIndex;
import io.smtplog.cli.Terminal;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.Completions;
import io.smtplog.cli.option.Destination;
import io.smtplog.cli.option.FileOutputOption;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.index.ImpossibleTerms;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.model.NearNames;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.report.format.HitsWriter;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.report.format.SessionJsonWriter;
import io.smtplog.core.report.format.SafeText;
import io.smtplog.core.report.format.SessionTextWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtplog query}: Lucene queries over the index's recipients, messages, sessions and events. */
@Command(name = "query", mixinStandardHelpOptions = true,
    header = "Searches the index with Lucene's query syntax.",
    description = {"Searches the index (`smtplog ingest`) with Lucene's query syntax over its fields, e.g.",
        "  rcpt_code:251 AND domain:example.net      status:bounced AND enhanced:5.1.1",
        "  sender_domain:shop.example AND status:deferred      text:\"over quota\"      time:[now-1d TO now]",
        "  kind:session AND auth:failure      code:[400 TO 499]      recipient:*@example.org",
        "Each hit is a recipient (one per addressed recipient: its outcome), a message, a session or an event.",
        "docs/index-and-query.md lists every field; `smtplog query --fields` too."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"Which recipients were forwarded (251):",
        "  smtplog query --index /tmp/idx 'rcpt_code:251 AND domain:example.net'",
        "",
        "Bounces counted per domain and relay:",
        "  smtplog query --index /tmp/idx --facet domain,relay 'status:bounced'",
        "",
        "The fields a query may use:",
        "  smtplog query --fields"})
public final class QueryCommand implements Callable<Integer>, ReadsIndex {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin SolrOptions solr;

  @Parameters(paramLabel = "QUERY", arity = "0..*", description = "The query (several arguments are joined with spaces).")
  List<String> query;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv, json or ndjson. Default: ${DEFAULT-VALUE}.")
  HitsWriter.Format format = HitsWriter.Format.table;

  @Mixin FileOutputOption output;

  @Option(names = "--limit", paramLabel = "N",
      description = "At most N hits (or N values per facet); 0 for all. Default: ${DEFAULT-VALUE}.")
  int limit = 20;

  @Option(names = "--sort", paramLabel = "FIELD", description = "Order by FIELD, -FIELD for descending. Default: the order they were read in.")
  String sort = "";

  @Option(names = "--count", description = "Print only the number of hits.")
  boolean count;

  @Option(names = "--facet", paramLabel = "FIELD", split = ",",
      completionCandidates = Completions.FacetFields.class,
      description = "Count the hits per value of each FIELD (hour and day count by time), most first.")
  List<String> facets = new ArrayList<>();

  @Option(names = "--sessions", description = "Print the whole sessions of the hits, as `smtplog sessions` does (with --format json: as JSON).")
  boolean sessions;

  @Option(names = "--lines", description = "Print the original lines of each hit's story under it.")
  boolean lines;

  @Option(names = "--fields", description = "List the fields a query may use, with their type and meaning.")
  boolean fields;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Zone of times in the query and the output. Default: ${DEFAULT-VALUE}.")
  String timezone = ZoneId.systemDefault().getId();

  @Option(names = "--width", paramLabel = "COLUMNS", description = "Table width. Default: the terminal's.")
  Integer width;

  @Override
  public java.util.Optional<Path> indexDir() {
    return solr.given() ? java.util.Optional.empty() : java.util.Optional.of(index.dir());
  }

  @Override
  public Integer call() throws IOException {
    if (fields) {
      printFields(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (query == null || query.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "no QUERY given: e.g. smtplog query 'status:bounced' ('*' for everything)");
    }
    if (limit < 0) {
      throw new UserError(ExitCodes.USAGE, "--limit must be 0 (all) or more, was " + limit);
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
    Path file = output.file(); // "-o DIR/" refused before the index is opened
    PrintWriter err = spec.commandLine().getErr();
    ImpossibleTerms.in(parsed).forEach(term -> err.println("smtplog: " + impossible(term)));
    try (IndexView search = IndexViews.open(index, solr);
        Destination destination = Destination.of(file, spec.commandLine().getOut())) {
      Writer out = destination.writer();
      if (count) {
        out.write(search.count(parsed) + "\n");
      } else if (!facets.isEmpty()) {
        Map<String, IndexView.Facet> counts = search.facets(parsed, facets, zone, limit);
        Map<String, Map<String, Long>> tops = new LinkedHashMap<>();
        counts.forEach((name, facet) -> tops.put(name, facet.top()));
        HitsWriter.writeFacets(tops, format, out, tableWidth(), limit);
        if (search.count(parsed) == 0) {
          err.println(NO_HITS);
        }
        counts.forEach((name, facet) -> moreValues(name, facet).ifPresent(err::println));
      } else if (sessions) {
        IndexView.Hits hits = search.hits(parsed, sort, limit);
        if (format == HitsWriter.Format.json) {
          writeSessionsJson(search, hits, out, zone);
        } else {
          writeSessions(search, hits, out, zone);
        }
        if (hits.total() == 0) {
          err.println(NO_HITS);
        }
      } else {
        // A page at a time: --limit 0 over millions of hits writes them as they are read.
        IndexView.HitPages pages = search.hitPages(parsed, sort, limit, IndexView.HIT_PAGE);
        long written = new HitsWriter(zone).write(pages, format, out, tableWidth());
        if (lines) {
          writeLines(search, search.hitPages(parsed, sort, limit, IndexView.HIT_PAGE), out);
        }
        if (pages.total() == 0) {
          err.println(NO_HITS);
        } else if (pages.total() > written && format != HitsWriter.Format.json) {
          err.printf(Locale.ROOT, "(%,d of %,d hits shown; --limit 0 shows all)%n", written, pages.total());
        }
        if (pages.paged() && format == HitsWriter.Format.table) {
          err.printf(Locale.ROOT, "(column widths fitted to the first %,d hits; --format csv keeps every value whole)%n",
              IndexView.HIT_PAGE);
        }
      }
      destination.commit();
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.USAGE, e.getMessage());
    }
    return ExitCodes.OK;
  }

  /**
   * Standard error's line for a facet with more values than shown: how many (about how many when
   * the number is an estimate, as over Solr past SolrIndexView.EXACT_VALUES; the counts shown are exact).
   */
  static Optional<String> moreValues(String name, IndexView.Facet facet) {
    if (facet.values() <= facet.top().size()) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "(%s: %s%,d values, the first %,d shown; --limit 0 shows all)", name,
        facet.estimated() ? "about " : "", facet.values(), facet.top().size()));
  }

  /** Standard error's line for a query that matched nothing, as "(3 of 95 hits shown…)" for one that did. */
  static final String NO_HITS = "(0 hits)";

  /**
   * The line for a term whose field never holds its value: what it is, the nearest value, the values
   * there are ({@code status:bouncd can match nothing: did you mean status:bounced? (status is one of
   * delivered, ...)}). A warning, not an error: the query still runs, and in an OR or a NOT the
   * rest of it may match (exit 0, as for any query).
   */
  static String impossible(ImpossibleTerms.ImpossibleTerm term) {
    String typed = term.field() + ":" + SafeText.stripControls(term.value().length() > ECHO_WIDTH
        ? term.value().substring(0, ECHO_WIDTH - 1) + "…" : term.value());
    List<String> near = NearNames.nearest(term.value(), term.values()).stream().map(v -> term.field() + ":" + v)
        .toList();
    return typed + " can match nothing" + (near.isEmpty() ? " " : ": " + NearNames.didYouMean(near) + " ")
        + "(" + term.field() + " is one of " + String.join(", ", term.values()) + ")";
  }

  private static void writeLines(IndexView search, IndexView.HitPages pages, Writer out) throws IOException {
    int n = 0;
    for (List<IndexView.Hit> page = pages.next(); !page.isEmpty(); page = pages.next()) {
      for (IndexView.Hit hit : page) {
        n++;
        out.write("\n# hit " + n + " · " + SafeText.stripControls(hit.kind() + " " + hit.values().getOrDefault(
            IndexFields.QUEUE_ID, hit.values().getOrDefault(IndexFields.SESSION, ""))) + "\n");
        for (IndexView.StoredLine line : search.linesOfHit(hit)) {
          out.write(SafeText.stripControls(line.file() + ":" + line.line() + ": " + line.text()) + "\n");
        }
      }
    }
  }

  /** The sessions the hits belong to: each dialogue as `smtplog sessions` prints it, else the session's lines. */
  private void writeSessions(IndexView search, IndexView.Hits hits, Writer out, ZoneId zone) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    for (IndexView.Hit h : hits.hits()) {
      ids.addAll(search.sessionsOfHit(h));
    }
    if (ids.isEmpty()) {
      out.write("(none of the hits belongs to a session the inputs show)\n");
      return;
    }
    SessionTextWriter writer = new SessionTextWriter(out, ReplyClassifier.standard(), zone);
    Set<String> shown = new HashSet<>();
    for (SmtpDialogue d : search.dialogues(ids)) {
      writer.accept(d);
      shown.add(d.first().toString());
    }
    for (String id : ids) {
      if (shown.contains(id)) {
        continue;
      }
      // A server's session without a dialogue: its lines, as read.
      out.write("\n# session " + SafeText.stripControls(id) + "\n");
      for (IndexView.StoredLine line : search.sessionLines(id)) {
        out.write(SafeText.stripControls(line.file() + ":" + line.line() + ": " + line.text()) + "\n");
      }
    }
  }

  /**
   * The sessions of the hits as JSON: {@code {"total": hits, "sessions": [each dialogue as `smtplog
   * sessions --format json` writes it], "sessions_without_dialogue": [{"session": id, "lines": [{"file",
   * "line", "text"}]}]}} (a server's session that the log shows only as lines).
   */
  private static void writeSessionsJson(IndexView search, IndexView.Hits hits, Writer out, ZoneId zone)
      throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    for (IndexView.Hit h : hits.hits()) {
      ids.addAll(search.sessionsOfHit(h));
    }
    ObjectMapper mapper = JsonFormat.mapper();
    StringWriter dialogues = new StringWriter();
    Set<String> shown = new HashSet<>();
    try (SessionJsonWriter writer = new SessionJsonWriter(dialogues, ReplyClassifier.standard(), zone)) {
      for (SmtpDialogue d : ids.isEmpty() ? List.<SmtpDialogue>of() : search.dialogues(ids)) {
        writer.accept(d);
        shown.add(d.first().toString());
      }
    }
    ObjectNode json = mapper.createObjectNode();
    json.put("total", hits.total());
    json.set("sessions", mapper.readTree(dialogues.toString()));
    ArrayNode others = json.putArray("sessions_without_dialogue");
    for (String id : ids) {
      if (!shown.contains(id)) {
        ObjectNode session = others.addObject().put("session", id);
        ArrayNode lines = session.putArray("lines");
        for (IndexView.StoredLine line : search.sessionLines(id)) {
          lines.addObject().put("file", line.file()).put("line", line.line()).put("text", line.text());
        }
      }
    }
    out.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
  }

  private static void printFields(PrintWriter out) {
    out.printf(Locale.ROOT, "%-20s %-8s %-8s %s%n", "field", "type", "counted", "meaning (example)");
    for (var f : IndexFields.all()) {
      out.printf(Locale.ROOT, "%-20s %-8s %-8s %s (%s)%n", f.name(), f.type().name().toLowerCase(Locale.ROOT),
          f.docValues() ? "yes" : "", f.meaning(), f.example());
    }
    out.printf(Locale.ROOT, "%-20s %-8s %-8s %s%n", IndexFields.HOUR, "facet", "yes", "the hour of the day of time");
    out.printf(Locale.ROOT, "%-20s %-8s %-8s %s%n", IndexFields.DAY, "facet", "yes", "the date of time");
    out.flush();
  }

  /** The query echoed under an error: at most this many characters of it, around the column. */
  static final int ECHO_WIDTH = 80;

  /**
   * The parser's complaint, and the query under it with a caret at the column. A long query is
   * echoed only around the column, an ellipsis marking each cut (a megabyte of query is not shown
   * back).
   */
  static String queryError(String text, IndexSearch.QueryException e) {
    StringBuilder sb = new StringBuilder("cannot parse the query");
    if (e.column() > 0) {
      int at = Math.min(e.column() - 1, text.length());
      int from = Math.max(0, Math.min(at - ECHO_WIDTH / 2, text.length() - ECHO_WIDTH));
      int to = Math.min(text.length(), from + ECHO_WIDTH);
      String head = from > 0 ? "…" : "";
      String echo = head + text.substring(from, to) + (to < text.length() ? "…" : "");
      sb.append(" at column ").append(e.column()).append(": ").append(e.getMessage()).append('\n')
          .append("  ").append(echo).append('\n')
          .append("  ").append(" ".repeat(head.length() + at - from)).append('^');
    } else {
      sb.append(": ").append(e.getMessage());
    }
    return sb.toString();
  }

  private int tableWidth() {
    if (width != null) {
      return Math.max(20, width);
    }
    return output.given() || !Terminal.stdoutIsTerminal() ? Integer.MAX_VALUE : 160;
  }
}
