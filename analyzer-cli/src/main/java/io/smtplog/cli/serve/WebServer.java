package io.smtplog.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server of {@code smtplog serve}: the JDK's own (com.sun.net.httpserver, module
 * jdk.httpserver), a fixed pool of {@link ServeLimits#THREADS} request threads, GET and HEAD only, the token
 * checked before any route, the {@link SecurityHeaders} on every answer, errors as {@code {"error": ...}}.
 */
public final class WebServer implements AutoCloseable {
  /** What the server serves and how. */
  public record Settings(InetSocketAddress address, Path index, Optional<AccessToken> token, Duration queryTimeout,
      MetricsWriter metrics, StatusSource status) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final Settings settings;
  private final Map<String, Route> routes;
  private final PrintWriter log;

  private WebServer(HttpServer server, ExecutorService threads, Settings settings, PrintWriter log) {
    this.server = server;
    this.threads = threads;
    this.settings = settings;
    this.log = log;
    this.routes = ApiRoutes.all(settings, log);
  }

  /** Binds {@code settings.address()} (port 0: any free one) and starts serving; {@code log} gets internal errors. */
  public static WebServer start(Settings settings, PrintWriter log) throws IOException {
    boundSlowClients();
    HttpServer server = HttpServer.create(settings.address(), 0);
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(ServeLimits.THREADS, r -> {
      Thread t = new Thread(r, "smtplog-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    WebServer web = new WebServer(server, threads, settings, log);
    server.createContext("/", web::handle);
    server.setExecutor(threads);
    server.start();
    return web;
  }

  private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  private static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";

  /**
   * The JDK's server reads its limits once, from system properties, when the first server is made:
   * unless the user set them, a connection that has not sent its whole request in
   * {@link ServeLimits#REQUEST_SECONDS}, or not read its answer in {@link ServeLimits#RESPONSE_SECONDS},
   * is closed (so idle, trickling or stalled clients cannot hold the request threads).
   */
  private static void boundSlowClients() {
    if (System.getProperty(MAX_REQUEST_TIME) == null) {
      System.setProperty(MAX_REQUEST_TIME, Integer.toString(ServeLimits.REQUEST_SECONDS));
    }
    if (System.getProperty(MAX_RESPONSE_TIME) == null) {
      System.setProperty(MAX_RESPONSE_TIME, Integer.toString(ServeLimits.RESPONSE_SECONDS));
    }
  }

  /** The API's commands that search at once: {@link ServeLimits#SEARCHES}. */
  private final Semaphore searches = new Semaphore(ServeLimits.SEARCHES);

  /** The address bound: the port chosen when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /**
   * The token first (every request without it is refused; without a token, the Host must be a
   * loopback name: {@link HostCheck}), then the method, then the route.
   */
  private void handle(HttpExchange exchange) throws IOException {
    WebReply reply;
    boolean setCookie = false;
    try {
      WebRequest request = request(exchange);
      Optional<WebReply> refused = settings.token().isPresent()
          ? settings.token().get().refusal(exchange, request)
          : HostCheck.refusal(exchange.getRequestHeaders().getFirst("Host"));
      if (refused.isEmpty() && CROSS_SITE.equals(exchange.getRequestHeaders().getFirst(FETCH_SITE))) {
        // A page of another site that makes the browser ask (its answer unread, but the search run).
        refused = Optional.of(WebReply.error(403, "a request made by another web site's page is refused"));
      }
      String method = exchange.getRequestMethod();
      if (refused.isPresent()) {
        if (refused.get().status() == 401) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        reply = refused.get();
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply = WebReply.error(405, "only GET and HEAD are served: the server is read-only");
      } else {
        setCookie = settings.token().isPresent() && request.path().equals("/");
        reply = route(request);
      }
    } catch (WebRequest.BadRequest e) {
      reply = WebReply.error(400, e.getMessage());
    } catch (RuntimeException | IOException | OutOfMemoryError | StackOverflowError e) {
      log.println(SafeText.stripControls("smtplog serve: internal error on " + exchange.getRequestURI().getRawPath()
          + ": " + e));
      log.flush();
      reply = WebReply.error(500, "internal error: the server's log says more");
    }
    if (setCookie && reply.status() == 200) {
      exchange.getResponseHeaders().set("Set-Cookie", settings.token().get().cookie());
    }
    send(exchange, reply);
  }

  private WebReply route(WebRequest request) throws IOException {
    Route exact = routes.get(request.path());
    if (exact != null && request.path().startsWith(API) && !request.path().equals(STATUS)) {
      return searching(exact, request);
    }
    if (exact != null) {
      return exact.answer(request);
    }
    if (request.path().startsWith(StaticFiles.PREFIX)) {
      return StaticFiles.answer(request.path());
    }
    return WebReply.error(404, "nothing at " + request.path() + ": the API is under /api/");
  }

  private static final String API = "/api/";
  private static final String FETCH_SITE = "Sec-Fetch-Site";
  private static final String CROSS_SITE = "cross-site";
  private static final String STATUS = "/api/status";

  /** A route that runs a command on the index, once one of the {@link ServeLimits#SEARCHES} is free. */
  private WebReply searching(Route route, WebRequest request) throws IOException {
    boolean free;
    try {
      free = searches.tryAcquire(ServeLimits.SEARCH_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      free = false;
    }
    if (!free) {
      return WebReply.error(503, ServeLimits.SEARCHES + " searches are running: try again in a moment");
    }
    try {
      return route.answer(request);
    } finally {
      searches.release();
    }
  }

  private static void send(HttpExchange exchange, WebReply reply) throws IOException {
    SecurityHeaders.set(exchange.getResponseHeaders(), reply);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(reply.body().length));
    }
    exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length);
    try (OutputStream body = exchange.getResponseBody()) {
      if (!head) {
        body.write(reply.body());
      }
    }
  }

  /** The path as sent (not decoded: {@link StaticFiles} takes only plain names) and the decoded parameters. */
  private static WebRequest request(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return new WebRequest(path == null || path.isEmpty() ? "/" : path, params);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new WebRequest.BadRequest("a parameter is not URL-encoded correctly (a '%' without two hex digits)");
    }
  }
}
