package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code journalctl -o json} as an input: the journal sample (postfix/header-checks.log wrapped as
 * journalctl writes it, see sample-logs/generate/make-journal-sample.py) gives the reports of the
 * syslog file it wraps, detected by content, from a file and from standard input.
 */
class JournalInputCommandTest {
  private static final String JOURNAL = "journal/header-checks.journal.json";
  private static final String SYSLOG = "postfix/header-checks.log";
  /** An instant's fraction of a second: the journal has microseconds, the syslog file whole seconds. */
  private static final Pattern FRACTION = Pattern.compile("(T\\d\\d:\\d\\d:\\d\\d)\\.\\d+Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode report(String kind, String... inputAndOptions) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("report", kind, "--format", "json", "--timezone", "UTC", "--year", "2026"));
    args.addAll(List.of(inputAndOptions));
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  /**
   * The report without what names the file (files, bytes, formats), with instants cut to the
   * second, and without session durations: the syslog file's whole-second times make a session
   * that crosses a second last a second, the journal's exact times make it last less than one.
   */
  private static JsonNode comparable(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    ObjectNode input = (ObjectNode) copy.get("input");
    input.remove(List.of("files", "bytes", "formats"));
    JsonNode sections = copy.get("sections");
    if (sections.has("connections")) {
      Iterator<JsonNode> rows = sections.get("connections").get("rows").elements();
      while (rows.hasNext()) {
        if (rows.next().get("metric").asText().endsWith("_seconds")) {
          rows.remove();
        }
      }
      for (JsonNode row : sections.get("connections_by_client").get("rows")) {
        ((ObjectNode) row).remove(List.of("total_seconds", "average_seconds", "max_seconds"));
      }
    }
    cutFractions(copy);
    return copy;
  }

  private static void cutFractions(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual()) {
          e.setValue(TextNode.valueOf(FRACTION.matcher(e.getValue().asText()).replaceAll("$1Z")));
        } else {
          cutFractions(e.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(FRACTION.matcher(array.get(i).asText()).replaceAll("$1Z")));
        } else {
          cutFractions(array.get(i));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"relay", "summary", "codes"})
  void journalSample_givesTheReportsOfTheSyslogLinesItWraps(String kind) throws IOException {
    JsonNode journal = report(kind, CliRun.sample(JOURNAL).toString());
    JsonNode syslog = report(kind, CliRun.sample(SYSLOG).toString());
    assertThat(comparable(journal)).isEqualTo(comparable(syslog));
    // Detected by content, every line read as a journal entry, none lost.
    JsonNode formats = journal.get("input").get("formats");
    assertThat(formats.size()).isEqualTo(1);
    assertThat(formats.get("journal").get("lines").asInt()).isEqualTo(231);
    assertThat(formats.get("journal").get("events").asInt()).isEqualTo(228);
    assertThat(formats.get("journal").get("problems").asInt()).isZero();
  }

  @Test
  void journalTimes_areExact_andSessionsLastWhatTheyLasted() throws IOException {
    JsonNode relay = report("relay", CliRun.sample(JOURNAL).toString());
    JsonNode totals = CliRun.relayTotals(relay.toString());
    assertThat(totals.get("first_seen").asText()).isEqualTo("2026-12-01T19:59:57.373564Z");
    JsonNode summary = report("summary", CliRun.sample(JOURNAL).toString());
    JsonNode rows = summary.get("sections").get("connections").get("rows");
    // 34 sessions, each under a second by the journal's microseconds (the syslog file: up to 1 s).
    assertThat(rows.get(0).get("value").asInt()).isEqualTo(34);
    for (JsonNode row : rows) {
      if (row.get("metric").asText().endsWith("_seconds")) {
        assertThat(row.get("value").asDouble()).as(row.toString()).isZero();
      }
    }
  }

  @Test
  void standardInput_isReadTheSameWay_detectedOrForced() throws IOException {
    JsonNode file = comparable(report("relay", CliRun.sample(JOURNAL).toString()));
    for (List<String> options : List.of(List.of("-"), List.of("--input-format", "journal", "-"))) {
      var previous = System.in;
      try (var in = Files.newInputStream(CliRun.sample(JOURNAL))) {
        System.setIn(in);
        JsonNode stdin = report("relay", options.toArray(String[]::new));
        assertThat(comparable(stdin)).as(options.toString()).isEqualTo(file);
        assertThat(stdin.get("input").get("formats").has("journal")).isTrue();
      } finally {
        System.setIn(previous);
      }
    }
  }

  @Test
  void badEntries_areProblemsWithFileAndLine_andOtherProgramsAreCounted(@TempDir Path dir) throws IOException {
    List<String> sample = Files.readAllLines(CliRun.sample(JOURNAL), StandardCharsets.UTF_8);
    Path file = dir.resolve("journal.txt");
    Files.write(file, List.of(
        sample.get(2), // postfix/smtpd: connect from unknown[127.0.0.1]
        "Dec 01 19:59:57 mx1 postfix/smtpd[21921]: connect from unknown[127.0.0.1]",
        "{\"__REALTIME_TIMESTAMP\":\"1796155197000001\",\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\",\"MESSAGE\":null}",
        "{\"__REALTIME_TIMESTAMP\":\"1796155197000002\",\"SYSLOG_IDENTIFIER\":\"dovecot\",\"_HOSTNAME\":null,"
            + "\"MESSAGE\":\"imap-login: Disconnected\"}",
        // "disconnect from unknown[127.0.0.1]" as byte values, host and syslog pid null
        "{\"__REALTIME_TIMESTAMP\":\"1796155197900000\",\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\",\"_HOSTNAME\":null,"
            + "\"SYSLOG_PID\":null,\"_PID\":\"21921\",\"MESSAGE\":" + bytes("disconnect from unknown[127.0.0.1]") + "}"),
        StandardCharsets.UTF_8);
    JsonNode input = report("relay", "--input-format", "journal", file.toString()).get("input");
    assertThat(input.get("lines").asInt()).isEqualTo(5);
    assertThat(input.get("events").asInt()).isEqualTo(2);
    assertThat(input.get("other").asInt()).isEqualTo(1);
    assertThat(input.get("otherPrograms").get("dovecot").asInt()).isEqualTo(1);
    assertThat(input.get("problems").asInt()).isEqualTo(2);
    JsonNode problems = input.get("problemSamples");
    assertThat(problems.get(0).get("file").asText()).endsWith("journal.txt");
    assertThat(problems.get(0).get("line").asInt()).isEqualTo(2);
    assertThat(problems.get(0).get("kind").asText()).isEqualTo("UNKNOWN_FORMAT");
    assertThat(problems.get(1).get("line").asInt()).isEqualTo(3);
    assertThat(problems.get(1).get("kind").asText()).isEqualTo("UNKNOWN_LINE");
    assertThat(problems.get(1).get("detail").asText()).isEqualTo("journal entry without MESSAGE");
    // Detected by content too: four of its five lines are journal entries.
    assertThat(report("relay", file.toString()).get("input").get("formats").has("journal")).isTrue();
  }

  private static String bytes(String text) {
    StringBuilder out = new StringBuilder("[");
    for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
      out.append(out.length() == 1 ? "" : ",").append(b);
    }
    return out.append(']').toString();
  }
}
