package io.smtplog.core.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.ingest.InputNote;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.NoteKind;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.format.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logs anonymised for support (issue 9, section 3): the samples with every queue id or message id
 * rewritten the way anonymisers do it, by extending it ("2084020C171" to "2084020C171XXXX") or by
 * replacing it with a word ("notification17"), consistently in every place an id is written (the
 * record's prefix, "queued as", "forwarded as", "notification: ID", "orig_queue_id=", Exim's R=).
 * The reports must be those of the original log, no line may become a problem, and the unusual ids
 * are noted once per file.
 */
class AnonymisedIdsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern POSTFIX_ID_IN_PREFIX = Pattern.compile("\\]: ([0-9A-F]{10,12}): ");
  private static final Pattern EXIM_ID = Pattern.compile("\\b([0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2})\\b");
  /** An Exim entry that starts with a message id, after the stamp (with milliseconds) and the pid. */
  private static final Pattern EXIM_ID_FIRST = Pattern.compile(
      "^\\S+ \\S+( \\[\\d+\\])? [0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2} ");

  @TempDir
  Path temp;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "postfix/loopback-relay.log, suffix", "postfix/loopback-relay.log, word",
    "postfix/content-filter.log, suffix", "postfix/content-filter.log, word",
    "exim/relay-mainlog.log, suffix", "exim/relay-mainlog.log, word"})
  void anonymisedIds_giveTheReportOfTheOriginal_withoutProblems_andOneNotePerFile(String sample, String how)
      throws IOException {
    Path original = SampleLogs.path(sample);
    String text = Files.readString(original, StandardCharsets.UTF_8);
    boolean exim = sample.startsWith("exim/");
    Map<String, String> ids = exim ? ids(EXIM_ID, text) : ids(POSTFIX_ID_IN_PREFIX, text);
    assertThat(ids).as("ids in %s", sample).hasSizeGreaterThan(10);
    int[] index = {0};
    ids.replaceAll((id, unused) -> how.equals("suffix") ? id + "XXXX" : "notification" + index[0]++);
    String anonymised = replaceWords(text, ids::get, exim ? EXIM_ID : Pattern.compile("\\b([0-9A-F]{10,12})\\b"));
    assertThat(anonymised).isNotEqualTo(text);
    Path copy = temp.resolve(original.getFileName());
    Files.writeString(copy, anonymised, StandardCharsets.UTF_8);

    ReportRun.Result before = relay(original, SampleLogs.input(original), sample);
    ReportRun.Result after = relay(copy, new LogInput(SampleLogs.relative(original), Optional.of(copy)), sample);

    assertThat(after.ingest().problems()).as("problems: %s", after.ingest().samples()).isZero();
    assertThat(after.ingest().eventsParsed()).isEqualTo(before.ingest().eventsParsed());
    assertThat(after.ingest().ignored()).isEqualTo(before.ingest().ignored());
    assertThat(after.ingest().other()).isEqualTo(before.ingest().other());
    JsonNode reportBefore = json(before);
    JsonNode reportAfter = json(after);
    assertThat(reportAfter.get("sections")).isEqualTo(reportBefore.get("sections"));

    NoteKind kind = exim ? NoteKind.UNUSUAL_MESSAGE_ID : NoteKind.UNUSUAL_QUEUE_ID;
    assertThat(before.ingest().notes()).isEmpty();
    List<InputNote> notes = after.ingest().notes();
    assertThat(notes).as("one note for the file, not one per line").hasSize(1);
    InputNote note = notes.get(0);
    assertThat(note.kind()).isEqualTo(kind);
    assertThat(note.file()).isEqualTo(sample);
    assertThat(note.lines()).as("events read from a line with an id in the id position")
        .isEqualTo(eventsWithAnIdFirst(original, sample, exim ? EXIM_ID_FIRST : POSTFIX_ID_IN_PREFIX));
    assertThat(note.first().lineNumber()).isEqualTo(firstLine(anonymised, ids));
    assertThat(reportAfter.get("input").get("notes").get(0).get("kind").asText()).isEqualTo(kind.name());
  }

  /**
   * The stored anonymised samples (made by sample-logs/generate/anonymise-queue-ids.sh from a real
   * Postfix log, see sample-logs/README.md) give the report of their original.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "anonymised/anonymised-ids.log, postfix/filter-race.log",
    "anonymised/anonymised-words.log, postfix/forward-bounce.log"})
  void storedAnonymisedSamples_giveTheReportOfTheirOriginal(String sample, String originalSample) throws IOException {
    Path log = SampleLogs.path(sample);
    Path original = SampleLogs.path(originalSample);
    ReportRun.Result anonymised = relay(log, SampleLogs.input(log), sample);
    ReportRun.Result before = relay(original, SampleLogs.input(original), originalSample);
    assertThat(anonymised.ingest().problems()).isZero();
    assertThat(anonymised.ingest().notes()).hasSize(1);
    assertThat(anonymised.ingest().notes().get(0).kind()).isEqualTo(NoteKind.UNUSUAL_QUEUE_ID);
    assertThat(anonymised.ingest().eventsParsed()).isEqualTo(before.ingest().eventsParsed());
    assertThat(json(anonymised).get("sections")).isEqualTo(json(before).get("sections"));
    assertThat(json(anonymised).get("sections").get("relay").get("rows")).hasSizeGreaterThan(2);
  }

  private static ReportRun.Result relay(Path log, LogInput input, String sample) throws IOException {
    return ReportRun.fromLogs(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC), Pseudonymizer.NONE,
        ReportFilter.ALL,
        List.of(input), SampleLogs.options(SampleLogs.path(sample), 2), 0, bytes -> { });
  }

  private static JsonNode json(ReportRun.Result result) throws IOException {
    return MAPPER.readTree(JsonFormat.mapper().writeValueAsString(JsonFormat.tree(result.document())));
  }

  /** The distinct ids the pattern's first group finds, in order of first appearance. */
  private static Map<String, String> ids(Pattern pattern, String text) {
    Map<String, String> ids = new LinkedHashMap<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      ids.put(m.group(1), "");
    }
    return ids;
  }

  /** Every whole word the pattern matches that is a known id, replaced, wherever it is written. */
  private static String replaceWords(String text, UnaryOperator<String> replacement, Pattern word) {
    Matcher m = word.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 4096);
    while (m.find()) {
      String to = replacement.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(to == null ? m.group(1) : to));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Lines of the original with an id in the id position that became events. */
  private static long eventsWithAnIdFirst(Path log, String sample, Pattern idFirst) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    Set<Long> eventLines = new HashSet<>();
    new LogPipeline(SampleLogs.options(log, 1)).run(List.of(SampleLogs.input(log)),
        e -> eventLines.add(e.source().lineNumber()));
    return eventLines.stream().filter(n -> idFirst.matcher(lines.get((int) (n - 1))).find()).count();
  }

  /** The number of the first line that holds an anonymised id. */
  private static long firstLine(String log, Map<String, String> ids) {
    List<String> lines = log.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      for (String id : ids.values()) {
        if (lines.get(i).contains(id + " ") || lines.get(i).contains(id + ":")) {
          return i + 1;
        }
      }
    }
    return -1;
  }
}
