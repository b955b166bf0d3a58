package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacker-controlled text (a recipient and a HELO name with a script tag, addresses that are
 * spreadsheet formulas, a reply with a terminal escape) flows into every view as data: each JSON
 * answer parses and holds the text as a string, the HTML report escapes it, CSV neutralises formulas.
 */
class ServeHostileLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String FORMULA = "=HYPERLINK(\"http://evil.example/\",\"x\")";
  private static final String ESC = "\u001b[2J";
  /**
   * One relayed message and one refused recipient: the lines of sample-logs/postfix/loopback-relay.log
   * 3-7, 31 and 33 (message 2084020C171) and its NOQUEUE reject line (Nov 29 13:28:46), with the
   * sender, the recipients, the HELO name and the reply text replaced by hostile ones.
   */
  private static final List<String> LOG = List.of(
      "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.1]",
      "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: 2084020C171: client=unknown[127.0.0.1]",
      "Nov 29 13:28:45 mx1 postfix/cleanup[4934]: 2084020C171: message-id=<20261129132845.004930@vm>",
      "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: disconnect from unknown[127.0.0.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1"
          + " commands=5",
      "Nov 29 13:28:45 mx1 postfix/qmgr[4927]: 2084020C171: from=<" + FORMULA + "@smtplog.test>, size=426, nrcpt=1"
          + " (queue active)",
      "Nov 29 13:28:45 mx1 postfix/smtp[4935]: 2084020C171: to=<" + SCRIPT + "@example.com>,"
          + " relay=127.0.0.2[127.0.0.2]:2525, delay=0.03, delays=0.01/0.02/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
          + SCRIPT + " " + ESC + " accepted)",
      "Nov 29 13:28:45 mx1 postfix/qmgr[4927]: 2084020C171: removed",
      "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 554 5.7.1 <" + FORMULA
          + "@example.com>: Recipient address rejected: Recipient blocked by local policy; from=<alice@smtplog.test>"
          + " to=<" + FORMULA + "@example.com> proto=ESMTP helo=<" + SCRIPT + ESC + ">");
  @TempDir static Path shared;
  private static Served served;

  @BeforeAll
  static void serve() throws Exception {
    Path log = shared.resolve("hostile.log");
    Files.write(log, LOG);
    Path index = shared.resolve("index");
    Served.ingest(index, log);
    served = Served.on(index);
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static HttpResponse<String> ok(String path) throws Exception {
    HttpResponse<String> response = served.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response;
  }

  /** Every string value in the tree. */
  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.forEach(child -> out.addAll(strings(child)));
    node.fields().forEachRemaining(e -> out.addAll(strings(e.getValue())));
    return out;
  }

  @Test
  void everyJsonAnswer_parses_andCarriesTheTextAsData() throws Exception {
    List<String> all = new ArrayList<>();
    for (String path : List.of("/api/query?q=*&limit=50", "/api/query?q=*&facet=recipient,sender",
        "/api/sessions?q=*", "/api/trace?id=2084020C171", "/api/count?q=*", "/api/fields", "/api/status",
        "/api/report/relay", "/api/report/summary", "/api/report/codes", "/api/report/codes?by=domain")) {
      HttpResponse<String> response = ok(path);
      assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/json; charset=utf-8");
      JsonNode tree = JSON.readTree(response.body());
      // JSON escapes every control character; none reaches the body raw.
      assertThat(response.body()).as(path).doesNotContain("\u001b");
      all.addAll(strings(tree));
    }
    assertThat(all).contains(SCRIPT + "@example.com");
    assertThat(all).anySatisfy(s -> assertThat(s).containsIgnoringCase(FORMULA + "@smtplog.test"));
    assertThat(all).anySatisfy(s -> assertThat(s).contains(SCRIPT + " " + ESC + " accepted"));
  }

  @Test
  void theHtmlReport_escapesTheText() throws Exception {
    String html = ok("/api/report/summary?format=html").body();
    assertThat(html).doesNotContainIgnoringCase("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;@example.com");
    assertThat(html).contains("&lt;=HYPERLINK(&quot;http://evil.example/&quot;");
    // The escape sequence's ESC is replaced (U+FFFD), in HTML as on a terminal.
    assertThat(html).doesNotContain("\u001b").contains("&lt;/script&gt; \uFFFD[2J accepted");
  }

  @Test
  void csvAnswers_neutraliseFormulas() throws Exception {
    String senders = ok("/api/report/summary?format=csv&section=top_senders").body();
    assertThat(senders).contains("\"'" + FORMULA.replace("\"", "\"\"") + "@smtplog.test\"");
    assertThat(senders.lines()).noneMatch(line -> line.startsWith("=") || line.startsWith("\"="));
    String recipients = ok("/api/report/summary?format=csv&section=top_recipients").body();
    assertThat(recipients).contains(SCRIPT + "@example.com");
    String replies = ok("/api/report/codes?format=csv&section=reply_codes").body();
    assertThat(replies).doesNotContain("\u001b").contains(SCRIPT + " \uFFFD[2J accepted");
  }
}
