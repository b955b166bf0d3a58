package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.exim.EximLineParser;
import io.smtplog.core.ingest.transcript.TranscriptLineParser;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.Recorder;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bad input never throws, for the Exim and transcript readers too: every prefix of every distinct
 * real Exim and transcript sample line, and randomly damaged lines, give an event, a skip or a
 * problem; files that are not UTF-8 (Exim test-suite output holds Latin-1 bytes) are read whole.
 */
class EximAndTranscriptRobustnessTest {
  private static final String ALPHABET = "<>[]():;,= @./-*\"\\0123456789abcdefzABCDEFZ\t\u00e9\uFFFD";

  private static List<String> linesOf(String... folders) throws IOException {
    Set<String> shapes = new LinkedHashSet<>();
    for (String folder : folders) {
      for (Path file : SampleLogs.logsUnder(folder)) {
        shapes.addAll(List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")));
      }
    }
    return new ArrayList<>(shapes);
  }

  @Test
  void eximLines_everyPrefixAndRandomDamage_neverThrow() throws IOException {
    List<String> lines = linesOf("exim", "corpus/exim");
    assertThat(lines).hasSizeGreaterThan(300);
    Random random = new Random(2026);
    long parsed = 0;
    for (String line : lines) {
      EximLineParser parser = new EximLineParser(ZoneOffset.UTC, EximLineParser.LogKind.REJECT, "");
      for (int end = 0; end <= line.length(); end++) {
        assertThat(parser.parse(line.substring(0, end), new SourceRef("x", 1))).isNotNull();
        parsed++;
      }
      for (int round = 0; round < 10; round++) {
        assertThat(parser.parse(damage(line, random), new SourceRef("x", 2))).isNotNull();
      }
    }
    assertThat(parsed).isGreaterThan(50_000);
  }

  @Test
  void transcriptLines_inEveryNotation_neverThrow_andTheirDialoguesAssemble() throws IOException {
    List<String> lines = linesOf("transcripts", "corpus/transcripts");
    Random random = new Random(5321);
    long dialogues = 0;
    for (TranscriptNotation notation : TranscriptNotation.values()) {
      TranscriptLineParser parser = new TranscriptLineParser(notation, Instant.EPOCH);
      Recorder recorder = new Recorder();
      MailCorrelator correlator = new MailCorrelator(recorder);
      for (String line : lines) {
        for (int end = 0; end <= line.length(); end += 3) {
          feed(correlator, parser.parse(line.substring(0, end), new SourceRef("t", 1)));
        }
        feed(correlator, parser.parse(damage(line, random), new SourceRef("t", 2)));
      }
      correlator.finish(); // the assembler must survive any order of lines
      assertThat(recorder.dialogues()).as(notation.name())
          .allSatisfy(d -> assertThat(d.exchanges().size() + d.droppedExchanges()).isPositive());
      dialogues += recorder.dialogues().size();
    }
    assertThat(dialogues).as("dialogues put together from the damaged lines").isGreaterThan(100);
  }

  @Test
  void filesThatAreNotUtf8_areReadWhole() throws IOException {
    Path dir = Files.createTempDirectory("latin1");
    Path file = dir.resolve("mainlog");
    byte[] latin1 = ("2024-05-01 10:00:01 1s2AbC-000000001Xy-0a1B <= caf\u00e9@example.com H=(h\u00f6st) [192.0.2.1]"
        + " P=esmtp S=100\n2024-05-01 10:00:02 1s2AbC-000000001Xy-0a1B Completed\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);
    IngestReport report = new LogPipeline(new ReadOptions(ZoneOffset.UTC, OptionalInt.empty(), 2, 20))
        .run(List.of(LogInput.of(file)), e -> { });
    assertThat(report.linesRead()).isEqualTo(2);
    assertThat(report.eventsParsed()).isEqualTo(2);
    assertThat(report.problems()).isZero();
    for (String name : List.of("exim-testsuite-stderr-0002.txt", "exim-testsuite-stdout-0227.txt")) {
      Path copy = SampleLogs.path("corpus/not-utf8/" + name);
      IngestReport r = new LogPipeline(new ReadOptions(ZoneOffset.UTC, OptionalInt.of(1999), 2, 20))
          .run(List.of(LogInput.of(copy)), e -> { });
      byte[] bytes = Files.readAllBytes(copy);
      long newlines = 0;
      for (byte b : bytes) {
        newlines += b == '\n' ? 1 : 0;
      }
      assertThat(r.linesRead()).as("every line of %s", name)
          .isEqualTo(bytes[bytes.length - 1] == '\n' ? newlines : newlines + 1);
      assertThat(r.problemsByKind()).doesNotContainKeys(ProblemKind.PARSER_BUG, ProblemKind.UNREADABLE_INPUT);
    }
  }

  private static void feed(MailCorrelator correlator, LineResult result) {
    assertThat(result).isNotNull();
    if (result instanceof LineResult.Parsed p) {
      correlator.accept(p.event());
    }
  }

  private static String damage(String line, Random random) {
    StringBuilder damaged = new StringBuilder(line);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && damaged.length() > 0; e++) {
      int at = random.nextInt(damaged.length());
      switch (random.nextInt(3)) {
        case 0 -> damaged.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> damaged.deleteCharAt(at);
        default -> damaged.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return damaged.toString();
  }

}
