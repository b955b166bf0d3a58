package io.smtplog.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.cli.AnalyzerCli;
import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The paths the server answers: the page, {@code /metrics}, and the JSON API, each API route the
 * {@code smtplog} command of the same name run with {@code --index DIR --format json} and the
 * request's parameters mapped to its options (docs: the API).
 */
final class ApiRoutes {
  static final List<String> REPORTS = List.of("relay", "summary", "codes");
  static final List<String> REPORT_FORMATS = List.of("json", "csv", "html");

  private final WebServer.Settings settings;
  private final InProcessCli cli;
  private final PrintWriter log;
  private final String index;

  private ApiRoutes(WebServer.Settings settings, PrintWriter log) {
    this.settings = settings;
    this.cli = new InProcessCli(settings.queryTimeout());
    this.log = log;
    this.index = "--index=" + settings.index();
  }

  static Map<String, Route> all(WebServer.Settings settings, PrintWriter log) {
    ApiRoutes api = new ApiRoutes(settings, log);
    Map<String, Route> routes = new LinkedHashMap<>();
    routes.put("/", request -> {
      Params.of(request, Set.of());
      return StaticFiles.index();
    });
    routes.put("/metrics", api::metrics);
    routes.put("/api/query", api::query);
    routes.put("/api/count", api::count);
    routes.put("/api/sessions", api::sessions);
    routes.put("/api/trace", api::trace);
    routes.put("/api/fields", api::fields);
    routes.put("/api/status", api::status);
    for (String report : REPORTS) {
      routes.put("/api/report/" + report, request -> api.report(report, request));
    }
    return routes;
  }

  /** {@code smtplog query --format json}: the hits, or with facet the counts per value. */
  private WebReply query(WebRequest request) {
    Params p = Params.of(request, Set.of("q", "limit", "sort", "facet", "timezone"), "query", index, "--format=json")
        .number("limit", "--limit", ServeLimits.DEFAULT_LIMIT, ServeLimits.MAX_LIMIT).option("sort", "--sort")
        .option("facet", "--facet").option("timezone", "--timezone").last("q", "*");
    return json(p);
  }

  /** {@code smtplog query --count}, as {@code {"count": N}}. */
  private WebReply count(WebRequest request) {
    Params p = Params.of(request, Set.of("q"), "query", index, "--count").last("q", "*");
    InProcessCli.Result run = cli.run(p.args());
    WebReply reply = CliReply.of(run, WebReply.JSON, false, cli.timeout(), log);
    if (reply.status() != 200) {
      return reply;
    }
    return WebReply.json(200, Json.object("count", Long.parseLong(run.out().strip())));
  }

  /** {@code smtplog query --sessions --format json}: the whole sessions of the hits. */
  private WebReply sessions(WebRequest request) {
    Params p = Params.of(request, Set.of("q", "limit", "timezone"), "query", index, "--sessions", "--format=json")
        .number("limit", "--limit", ServeLimits.DEFAULT_LIMIT, ServeLimits.MAX_LIMIT).option("timezone", "--timezone")
        .last("q", "*");
    return json(p);
  }

  /** {@code smtplog trace --format json ID}. */
  private WebReply trace(WebRequest request) {
    Params p = Params.of(request, Set.of("id"), "trace", index, "--format=json").last("id", null);
    return json(p);
  }

  /** {@code smtplog report NAME --index DIR}, as JSON, CSV or HTML. */
  private WebReply report(String name, WebRequest request) {
    Set<String> allowed = new HashSet<>(Set.of("top", "query", "timezone", "format", "section", "since",
        "until", "domain", "sender_domain", "mta"));
    if (name.equals("codes")) {
      allowed.add("by");
    }
    Params p = Params.of(request, allowed, "report", name, index);
    String format = p.oneOf("format", REPORT_FORMATS, "json");
    p.add("--format=" + format).number("top", "--top", ServeLimits.DEFAULT_TOP, ServeLimits.MAX_TOP)
        .option("query", "--query").option("timezone", "--timezone").option("section", "--section")
        .option("since", "--since").option("until", "--until").option("domain", "--domain")
        .option("sender_domain", "--sender-domain").option("mta", "--mta").option("by", "--by");
    String type = switch (format) {
      case "csv" -> WebReply.CSV;
      case "html" -> WebReply.HTML;
      default -> WebReply.JSON;
    };
    return CliReply.of(cli.run(p.args()), type, format.equals("html"), cli.timeout(), log);
  }

  /** The fields a query may use, as {@code smtplog query --fields} lists them. */
  private WebReply fields(WebRequest request) {
    Params.of(request, Set.of());
    ArrayNode list = Json.mapper().createArrayNode();
    for (IndexField f : IndexFields.all()) {
      list.addObject().put("name", f.name()).put("type", f.type().name().toLowerCase(Locale.ROOT))
          .put("counted", f.docValues()).put("meaning", f.meaning()).put("example", f.example());
    }
    list.addObject().put("name", IndexFields.HOUR).put("type", "facet").put("counted", true)
        .put("meaning", "the hour of the day of time").put("example", "");
    list.addObject().put("name", IndexFields.DAY).put("type", "facet").put("counted", true)
        .put("meaning", "the date of time").put("example", "");
    return WebReply.json(200, Json.write(list));
  }

  /** The version, the index, what is followed, lines read, the index's last commit. */
  private WebReply status(WebRequest request) throws IOException {
    Params.of(request, Set.of());
    StatusSource.Following now = settings.status().now();
    ObjectNode status = Json.mapper().createObjectNode();
    String version = AnalyzerCli.class.getPackage().getImplementationVersion();
    status.put("version", version == null ? "dev" : version);
    status.put("index", settings.index().toString());
    status.set("following", Json.mapper().valueToTree(now.inputs()));
    status.put("lines_read", now.linesRead());
    Optional<Instant> commit = now.lastCommit().isPresent() ? now.lastCommit() : lastCommit(settings.index());
    status.put("last_commit", commit.map(Instant::toString).orElse(null));
    return WebReply.json(200, Json.write(status));
  }

  /** When the index was last committed: the time of its newest segments_N file. */
  private static Optional<Instant> lastCommit(Path index) throws IOException {
    if (!Files.isDirectory(index)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(index)) {
      return files.filter(f -> f.getFileName().toString().startsWith("segments_")).map(f -> {
        try {
          return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
          return Instant.EPOCH;
        }
      }).max(Instant::compareTo);
    }
  }

  /** The Prometheus exposition of the live counters. */
  private WebReply metrics(WebRequest request) throws IOException {
    Params.of(request, Set.of());
    StringWriter out = new StringWriter();
    settings.metrics().write(out);
    return new WebReply(200, WebReply.PROMETHEUS, out.toString().getBytes(StandardCharsets.UTF_8), false, false);
  }

  private WebReply json(Params p) {
    return CliReply.of(cli.run(p.args()), WebReply.JSON, false, cli.timeout(), log);
  }
}
