package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every API route answers exactly what the command it runs prints with {@code --format json} (the
 * same options, the bundled samples' index), with the contract's media types and security headers.
 */
class ServeApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  private static Path index;
  private static Served served;

  @BeforeAll
  static void serve() throws Exception {
    index = shared.resolve("index");
    Served.ingest(index, Served.sample("postfix"), Served.sample("exim"), Served.sample("transcripts"));
    served = Served.on(index);
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String cliOut(String... args) {
    Served.Run run = Served.cli(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  private static HttpResponse<String> ok(String path) throws Exception {
    HttpResponse<String> response = served.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response;
  }

  @Test
  void query_isWhatQueryPrintsAsJson() throws Exception {
    HttpResponse<String> response = ok("/api/query?q=" + q("rcpt_code:251 AND domain:example.net") + "&limit=5"
        + "&sort=-time&timezone=UTC");
    assertThat(response.body()).isEqualTo(cliOut("query", "--index", index.toString(), "--format", "json",
        "--limit", "5", "--sort", "-time", "--timezone", "UTC", "rcpt_code:251 AND domain:example.net"));
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    JsonNode hits = JSON.readTree(response.body());
    assertThat(hits.path("total").asLong()).isPositive();
    assertThat(hits.path("hits")).allSatisfy(h -> assertThat(h.path("rcpt_code").asInt()).isEqualTo(251));
  }

  @Test
  void facets_areWhatQueryFacetPrints() throws Exception {
    HttpResponse<String> response = ok("/api/query?q=" + q("status:bounced") + "&facet=domain,relay&limit=3");
    assertThat(response.body()).isEqualTo(cliOut("query", "--index", index.toString(), "--format", "json",
        "--limit", "3", "--facet", "domain,relay", "status:bounced"));
    assertThat(JSON.readTree(response.body()).toString()).contains("example.com");
  }

  @Test
  void count_fields_sessions_trace() throws Exception {
    String count = cliOut("query", "--index", index.toString(), "--count", "status:bounced").strip();
    assertThat(JSON.readTree(ok("/api/count?q=status:bounced").body()).path("count").asLong())
        .isEqualTo(Long.parseLong(count)).isPositive();

    JsonNode fields = JSON.readTree(ok("/api/fields").body());
    assertThat(fields.findValuesAsText("name")).contains("rcpt_code", "domain", "status", "hour", "day");

    HttpResponse<String> sessions = ok("/api/sessions?q=" + q("rcpt_code:251") + "&limit=2");
    assertThat(sessions.body()).isEqualTo(cliOut("query", "--index", index.toString(), "--sessions", "--format",
        "json", "--limit", "2", "rcpt_code:251"));
    JsonNode dialogues = JSON.readTree(sessions.body()).path("sessions");
    assertThat(dialogues.findValuesAsText("tag")).contains("user-not-local-will-forward");

    HttpResponse<String> trace = ok("/api/trace?id=4670E20C66E");
    assertThat(trace.body()).isEqualTo(cliOut("trace", "--index", index.toString(), "--format", "json",
        "4670E20C66E"));
    assertThat(trace.body()).contains("fwd.dave@example.net");
  }

  @Test
  void reports_areWhatReportPrints_inEachFormat() throws Exception {
    for (String report : ApiRoutes.REPORTS) {
      HttpResponse<String> json = ok("/api/report/" + report + "?top=5");
      assertThat(json.body()).as(report).isEqualTo(cliOut("report", report, "--index", index.toString(), "--format",
          "json", "--top", "5"));
      assertThat(JSON.readTree(json.body()).path("report").asText()).isEqualTo(report);
    }
    HttpResponse<String> byDomain = ok("/api/report/codes?by=domain&query=" + q("domain:example.net"));
    assertThat(byDomain.body()).isEqualTo(cliOut("report", "codes", "--index", index.toString(), "--format", "json",
        "--top", "100", "--by", "domain", "--query", "domain:example.net"));

    HttpResponse<String> html = ok("/api/report/summary?format=html");
    assertThat(html.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("style-src 'self' 'unsafe-inline'", "script-src 'none'", "default-src 'self'",
            "frame-ancestors 'self'").doesNotContain("script-src 'self'", "frame-ancestors 'none'"));
    assertThat(html.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
    assertThat(html.body()).startsWith("<!DOCTYPE html>").doesNotContainIgnoringCase("<script");

    HttpResponse<String> csv = ok("/api/report/relay?format=csv");
    assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
    assertThat(csv.body()).isEqualTo(cliOut("report", "relay", "--index", index.toString(), "--format", "csv",
        "--top", "100"));
  }

  @Test
  void statusAndMetrics() throws Exception {
    JsonNode status = JSON.readTree(ok("/api/status").body());
    assertThat(status.path("index").asText()).isEqualTo(index.toString());
    assertThat(status.path("following").isArray()).isTrue();
    assertThat(status.path("lines_read").asLong()).isZero();
    assertThat(status.path("last_commit").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    HttpResponse<String> metrics = ok("/metrics");
    assertThat(metrics.body()).isEqualTo(Served.EXPOSITION);
    assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void everyAnswer_carriesTheSecurityHeaders() throws Exception {
    for (String path : List.of("/", "/api/query?q=*", "/api/status", "/metrics", "/api/nothing", "/static/none.js",
        "/api/query?q=%28")) {
      HttpResponse<String> response = served.get(path);
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).contains(SecurityHeaders.CSP);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
      assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
      if (path.startsWith("/api") || path.equals("/metrics")) {
        assertThat(response.headers().firstValue("Cache-Control")).as(path).contains("no-store");
      }
    }
    assertThat(SecurityHeaders.CSP).isEqualTo("default-src 'self'; script-src 'self'; style-src 'self';"
        + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }

  @Test
  void thePage_isServedFromTheJar() throws Exception {
    HttpResponse<String> page = ok("/");
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.body()).containsIgnoringCase("<!DOCTYPE html>").contains("smtplog");
  }

  @Test
  void concurrentRequests_eachGetTheirOwnAnswer() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<String> queries = List.of("status:bounced", "rcpt_code:251", "mta:exim", "status:deferred");
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String query = queries.get(i % queries.size());
        answers.add(pool.submit(() -> served.get("/api/query?limit=50&q=" + q(query))));
      }
      for (int i = 0; i < answers.size(); i++) {
        String query = queries.get(i % queries.size());
        assertThat(answers.get(i).get().body()).as(query).isEqualTo(cliOut("query", "--index", index.toString(),
            "--format", "json", "--limit", "50", query));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
