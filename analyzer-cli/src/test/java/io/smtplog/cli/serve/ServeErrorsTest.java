package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures are {@code {"error": one line}} with the status that says whose they are (400 the
 * request's, 404 nothing found, 405 not GET, 503 the index), never a stack trace; paths outside
 * the page's files are not served, however they are spelled.
 */
class ServeErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  private static Served served;

  @BeforeAll
  static void serve() throws Exception {
    Path index = shared.resolve("index");
    Served.ingest(index, Served.sample("postfix/content-filter.log"));
    served = Served.on(index);
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static String error(String path, int status) throws Exception {
    HttpResponse<String> response = served.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/json; charset=utf-8");
    String error = JSON.readTree(response.body()).path("error").asText();
    assertThat(error).as(path).isNotBlank().doesNotContain("Exception", "\tat ", "smtplog: ");
    return error;
  }

  @Test
  void badRequests_are400_withTheCommandsLine() throws Exception {
    assertThat(error("/api/query?q=status:(bounced", 400)).startsWith("cannot parse the query at column 16")
        .contains("^");
    assertThat(error("/api/query?q=*&sort=nofield", 400)).contains("nofield");
    assertThat(error("/api/query?q=*&timezone=Mars/Olympus", 400)).isEqualTo("unknown time zone 'Mars/Olympus'");
    assertThat(error("/api/query?q=*&facet=nofield", 400)).contains("nofield");
    assertThat(error("/api/query?q=*&output=/tmp/x", 400)).isEqualTo("unknown parameter 'output' for /api/query: it"
        + " takes facet, limit, q, sort, timezone");
    assertThat(error("/api/report/relay?index=/etc", 400)).startsWith("unknown parameter 'index'");
    assertThat(error("/api/report/relay?by=domain", 400)).startsWith("unknown parameter 'by'");
    assertThat(error("/api/report/codes?by=sender", 400)).contains("sender");
    assertThat(error("/api/report/relay?format=pdf", 400)).isEqualTo("format must be one of json, csv, html, was 'pdf'");
    for (String limit : List.of("0", "1001", "-5", "many", "1e3")) {
      assertThat(error("/api/query?q=*&limit=" + limit, 400)).as(limit)
          .isEqualTo("limit must be a whole number from 1 to 1000, was '" + limit + "'");
    }
    assertThat(error("/api/report/summary?top=0", 400)).startsWith("top must be a whole number from 1 to 1000");
    assertThat(error("/api/query?q=a&q=b", 400)).isEqualTo("the parameter 'q' is given 2 times: give it once");
    // Not even a URI: the JDK's server answers 400 itself ("URISyntaxException thrown"): no trace, no version.
    for (String target : List.of("/api/query?q=%zz", "/api/query?q=1%", "/static/%zz.js")) {
      assertThat(served.raw(target)).as(target).startsWith("HTTP/1.1 400")
          .doesNotContain("\tat ", "java.", "Java", "JDK", System.getProperty("java.version"));
    }
    assertThat(error("/api/trace", 400)).isEqualTo("the parameter 'id' is required for /api/trace");
  }

  @Test
  void anAtSign_isAQuery_neverAFileOfArguments() throws Exception {
    Path arguments = shared.resolve("arguments");
    java.nio.file.Files.writeString(arguments, "--help\n");
    HttpResponse<String> query = served.get("/api/query?q=%40" + arguments);
    assertThat(query.statusCode()).as(query.body()).isIn(200, 400);
    assertThat(query.body()).doesNotContain("Usage", "--index");
    assertThat(JSON.readTree(served.get("/api/count?q=%40" + arguments).body()).path("count").asLong()).isZero();
    assertThat(error("/api/trace?id=%40" + arguments, 404)).startsWith("no message or recipient matches '@");
  }

  @Test
  void nothingFound_is404() throws Exception {
    assertThat(error("/api/trace?id=NOSUCHID", 404)).startsWith("no message or recipient matches 'NOSUCHID'");
    assertThat(error("/api/nothing", 404)).startsWith("nothing at /api/nothing");
    assertThat(error("/api/query/", 404)).startsWith("nothing at");
  }

  @Test
  void aMissingIndex_is503_andNamesTheFix() throws Exception {
    try (Served empty = Served.on(shared.resolve("no-index"))) {
      HttpResponse<String> response = empty.get("/api/query?q=*");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(response.body()).path("error").asText()).startsWith("no index at ")
          .contains("smtplog ingest");
    }
  }

  @Test
  void withoutAToken_onlyLoopbackNamesAreAnswered() throws Exception {
    int port = served.server.address().getPort();
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "127.0.0.2:" + port,
        "[::1]:" + port)) {
      assertThat(served.raw("/api/status", "Host: " + host + "\r\n")).as(host).startsWith("HTTP/1.1 200");
    }
    // A page of another name resolved to 127.0.0.1 (DNS rebinding) sends its own name.
    for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1.evil.example", "localhost.evil.example",
        "[::2]:" + port)) {
      String answer = served.raw("/api/status", "Host: " + host + "\r\n");
      assertThat(answer).as(host).startsWith("HTTP/1.1 403").contains("answers only requests to 127.0.0.1 or localhost")
          .doesNotContain("\"version\"");
    }
  }

  @Test
  void aRequestMadeByAnotherSitesPage_isRefused() throws Exception {
    String answer = served.raw("/api/query?q=*", "Host: 127.0.0.1\r\nSec-Fetch-Site: cross-site\r\n");
    assertThat(answer).startsWith("HTTP/1.1 403").contains("made by another web site's page");
    assertThat(served.raw("/api/status", "Host: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  /** Clients that open a connection and send half a request hold a thread each until the request time is up. */
  @Test
  void clientsThatSendHalfARequest_doNotShutOthersOut() throws Exception {
    List<java.net.Socket> stalled = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < ServeLimits.SEARCHES * 4; i++) {
        java.net.Socket s = new java.net.Socket("127.0.0.1", served.server.address().getPort());
        s.getOutputStream().write("GET /api/query?q=* HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        stalled.add(s);
      }
      // Answered while they stall (with 4 threads, as before, it waited for their request time to end).
      HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(served.uri("/metrics")).timeout(java.time.Duration.ofSeconds(ServeLimits.REQUEST_SECONDS - 1))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(served.get("/api/count?q=*").body()).path("count").asLong()).isPositive();
    } finally {
      for (java.net.Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void onlyGetAndHead() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
      HttpResponse<String> response = served.send(method, "/api/query?q=*");
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).as(method).contains("GET, HEAD");
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(method).isPresent();
    }
    HttpResponse<String> head = served.send("HEAD", "/api/status");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length").orElse(0)).isPositive();
  }

  @Test
  void noPathLeavesThePagesFiles() throws Exception {
    for (String target : List.of("/static/../pom.xml", "/static/%2e%2e/pom.xml", "/static/%2E%2E%2Fpom.xml",
        "/static/..%2f..%2fpom.xml", "/static/..%5c..%5cpom.xml", "/static/..\\..\\pom.xml",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static//etc/passwd", "/static/", "/static/.",
        "/static/web/", "/static/index.html/", "/static/../../../../../../etc/passwd", "/../pom.xml",
        "/static/%00index.html", "/static/io/smtplog/cli/serve/ServeCommand.class",
        "/static/../ServeCommand.class", "/static/..;/pom.xml")) {
      String answer = served.raw(target);
      assertThat(answer).as(target).startsWith("HTTP/1.1 4").doesNotContain("<project", "root:", "\u00ca\u00fe\u00ba\u00be");
    }
    for (String folder : List.of("/static/fixture", "/static/fixture/", "/static/fixture/.", "/static/fixture/..")) {
      assertThat(served.raw(folder)).as(folder).startsWith("HTTP/1.1 404");
    }
    HttpResponse<String> script = served.get("/static/fixture/probe.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(script.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(script.body()).contains("export const probe");
    assertThat(served.get("/static/fixture/probe.css").headers().firstValue("Content-Type"))
        .contains("text/css; charset=utf-8");
    assertThat(served.get("/static/fixture/probe.CSS").statusCode()).isEqualTo(404);
    assertThat(served.raw("/")).startsWith("HTTP/1.1 200");
    assertThat(served.raw("/static/index.html")).startsWith("HTTP/1.1 200");
  }
}
