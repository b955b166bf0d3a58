package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 2: a 1 MB recipient domain and a 1 MB reject reason are ingested, queried and
 * reported without error. Lucene refuses terms over 32,766 bytes, so keywords are cut with a marker;
 * CSV and JSON keep the full value, the table and HTML cap the cells they show.
 */
class LongValuesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MEGABYTE = 1 << 20;
  private static final String DOMAIN = "a".repeat(MEGABYTE) + ".example";
  private static final String REASON = "Sender address rejected: " + "x".repeat(MEGABYTE);

  private static Path log(Path dir) throws IOException {
    String log = String.join("\n",
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.1]",
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 554 5.7.1"
            + " <bob@" + DOMAIN + ">: " + REASON + "; from=<alice@smtplog.test> to=<bob@" + DOMAIN
            + "> proto=ESMTP helo=<client.smtplog.test>",
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: disconnect from unknown[127.0.0.1] ehlo=1 mail=1 rcpt=0/1"
            + " quit=1 commands=3/4",
        "");
    Path file = dir.resolve("long.log");
    Files.writeString(file, log, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void megabyteDomainAndReason_areIngestedQueriedAndReported(@TempDir Path dir) throws IOException {
    Path log = log(dir);
    String index = dir.resolve("index").toString();
    CliRun ingest = CliRun.run("ingest", "--index", index, "--year", "2026", "--timezone", "UTC", log.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.err()).contains(" 1 recipient, ").contains("from 1 file in ");

    CliRun query = CliRun.run("query", "--index", index, "--format", "json", "status:rejected");
    assertThat(query.exitCode()).as(query.err()).isZero();
    JsonNode hits = MAPPER.readTree(query.out());
    assertThat(hits.get("total").asLong()).isEqualTo(1);
    String shown = hits.get("hits").get(0).get("domain").asText();
    assertThat(shown).hasSize(1000 + "…[cut]".length()).startsWith("aaaa").endsWith("…[cut]");
    CliRun byPrefix = CliRun.run("query", "--index", index, "--count", "kind:recipient AND domain:aaaa*");
    assertThat(byPrefix.out().strip()).isEqualTo("1");
    CliRun table = CliRun.run("query", "--index", index, "status:rejected");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out().length()).isLessThan(10_000);

    CliRun csv = CliRun.run("report", "relay", "--year", "2026", "--timezone", "UTC", "--format", "csv",
        log.toString());
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.out()).contains(DOMAIN + ",1,0,");
    CliRun json = CliRun.run("report", "summary", "--year", "2026", "--timezone", "UTC", "--format", "json",
        log.toString());
    assertThat(json.exitCode()).as(json.err()).isZero();
    // The summary groups reasons by their first 160 characters (Normalizer).
    assertThat(json.out()).contains("\"RCPT: <address>: Sender address rejected: xxxxxxxx");
    for (String format : new String[] {"table", "html"}) {
      CliRun capped = CliRun.run("report", "relay", "--year", "2026", "--timezone", "UTC", "--format", format,
          log.toString());
      assertThat(capped.exitCode()).as(capped.err()).isZero();
      assertThat(capped.out()).as(format).doesNotContain("a".repeat(20_000)).contains("aaaaaaaaaa");
    }
    CliRun fromIndex = CliRun.run("report", "relay", "--index", index, "--format", "csv");
    assertThat(fromIndex.exitCode()).as(fromIndex.err()).isZero();
    // Reports from the index read the stored lines, which keep the whole value.
    assertThat(fromIndex.out()).contains(DOMAIN + ",1,0,");
  }
}
