package io.smtplog.core.ingest.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bad input never throws: every prefix of every distinct real sample line, and lines with characters
 * flipped at random, give an event, a skip or a problem. (A throw would be a PARSER_BUG.)
 */
class PostfixParserRobustnessTest {

  private static List<String> realLines() throws IOException {
    Set<String> shapes = new LinkedHashSet<>();
    List<Path> logs = new ArrayList<>(SampleLogs.logsUnder("postfix"));
    logs.addAll(SampleLogs.logsUnder("anonymised"));
    logs.addAll(SampleLogs.logsUnder("corpus"));
    logs.addAll(SampleLogs.logsUnder("broken"));
    for (Path log : logs) {
      for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
        shapes.add(line);
      }
    }
    return new ArrayList<>(shapes);
  }

  @Test
  void everyPrefixOfEveryRealLine_parsesWithoutThrowing() throws IOException {
    long parsed = 0;
    for (String line : realLines()) {
      for (int end = 0; end <= line.length(); end++) {
        LineResult result = PostfixLines.parse(line.substring(0, end));
        assertThat(result).isNotNull();
        parsed++;
      }
    }
    assertThat(parsed).isGreaterThan(100_000);
  }

  @Test
  void randomlyDamagedLines_parseWithoutThrowing() throws IOException {
    Random random = new Random(2026);
    String alphabet = "<>[]():;,= @./-0123456789abcdefzABCDEFZ\t\u00e9\uFFFD";
    for (String line : realLines()) {
      for (int round = 0; round < 20; round++) {
        StringBuilder damaged = new StringBuilder(line);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && damaged.length() > 0; e++) {
          int at = random.nextInt(damaged.length());
          switch (random.nextInt(3)) {
            case 0 -> damaged.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 1 -> damaged.deleteCharAt(at);
            default -> damaged.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          }
        }
        assertThat(PostfixLines.parse(damaged.toString())).isNotNull();
      }
    }
  }
}
