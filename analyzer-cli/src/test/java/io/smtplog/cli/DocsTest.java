package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, section 5: the README's first screen stays short and shows the two commands and the
 * picture; every relative link of the README and of docs/ leads somewhere; and every example that
 * docs/ shows as {@code $ ./smtplog ...} with its output, the README's quick start and its tour, is
 * what the command prints today (each pasted line is the start of a printed line, in order; "..."
 * stands for lines left out, and a line ending in "..." for the rest of that line; an abridged
 * JSON example, marked "(one row shown)", by the "key": value pairs it shows).
 */
class DocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path README = ROOT.resolve("README.md");
  private static final String QUICK_START =
      "./smtplog report relay sample-logs/postfix sample-logs/exim sample-logs/transcripts";
  private static final String TESTS = "./mvnw -B verify";
  private static final String PICTURE = "docs/images/summary-report.png";
  private static final int FIRST_SCREEN_LINES = 60;
  private static final long PICTURE_BYTES = 200_000;
  /** Where the examples keep their index; a fresh folder per test stands in for it. */
  private static final String EXAMPLE_INDEX = "/tmp/idx";
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern SPEED = Pattern.compile("in [0-9.]+ s \\([0-9,]+ lines/s\\)");
  private static final String ELLIPSIS = "...";
  private static final Pattern JSON_PAIR = Pattern.compile("\"\\w+\": (\"[^\"]*\"|[0-9]+)");

  @TempDir Path temp;

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(README));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The lines of a page outside its fenced code blocks. */
  private static List<String> prose(Path page) throws IOException {
    List<String> prose = new ArrayList<>();
    boolean code = false;
    for (String line : Files.readAllLines(page)) {
      if (line.strip().startsWith("```")) {
        code = !code;
      } else if (!code) {
        prose.add(line);
      }
    }
    return prose;
  }

  /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : prose(page)) {
      if (line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
        anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  @Test
  void everyRelativeLink_leadsToAFile_andItsAnchorToAHeading() throws Exception {
    int links = 0;
    for (Path page : pages()) {
      for (String line : prose(page)) {
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-z]+:.*")) {
            continue; // http:, https:, mailto: are not ours to check
          }
          links++;
          int hash = target.indexOf('#');
          String file = hash < 0 ? target : target.substring(0, hash);
          Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
          assertThat(resolved).as("%s links to %s", ROOT.relativize(page), target).exists();
          if (hash >= 0) {
            assertThat(anchors(resolved)).as("%s links to %s", ROOT.relativize(page), target)
                .contains(target.substring(hash + 1));
          }
        }
      }
    }
    assertThat(links).isGreaterThan(30);
  }

  @Test
  void readmeFirstScreen_isShort_withTheTwoCommandsAndThePicture() throws Exception {
    List<String> lines = Files.readAllLines(README);
    int end = 0;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    String first = String.join("\n", lines.subList(0, end));

    assertThat(end).as("lines before the first '## '").isLessThan(FIRST_SCREEN_LINES).isLessThan(lines.size());
    assertThat(first).contains("\n" + QUICK_START + " ", "\n" + TESTS + " ", "](" + PICTURE + ")");
    for (String command : List.of("report relay", "report summary", "report codes", "ingest", "query", "trace")) {
      assertThat(first).as("the tour").contains("\n./smtplog " + command + " ");
    }
    assertThat(Files.size(ROOT.resolve(PICTURE))).isBetween(10_000L, PICTURE_BYTES);
    // What the CI entry point runs is the README's test command.
    assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains(TESTS);
  }

  @Test
  void readmeQuickStart_printsWhatTheReadmeShows() throws Exception {
    List<String> lines = Files.readAllLines(README);
    // The third fence opens the output: the first two hold the commands.
    int start = indexOf(lines, "```", indexOf(lines, "```", indexOf(lines, "```sh", 0) + 1) + 1) + 1;
    List<String> shown = lines.subList(start, indexOf(lines, "```", start));
    assertThat(shown.get(0)).startsWith("domain ");

    CliRun run = example(words(QUICK_START.substring("./smtplog ".length())), null);
    assertThat(run.exitCode()).isZero();
    assertShows(shown, run, QUICK_START);
  }

  @Test
  void readmeTour_everyCommandRuns() throws Exception {
    List<String> lines = Files.readAllLines(README);
    List<String> tour = lines.subList(indexOf(lines, "```sh", indexOf(lines, "```sh", 0) + 1) + 1, lines.size());
    tour = tour.subList(0, tour.indexOf("```"));
    assertThat(tour).hasSize(10);
    for (String line : tour) {
      String command = line.replaceFirst("\\s+#.*$", "");
      List<String> args = words(command.substring("./smtplog ".length()));
      int output = args.indexOf("-o");
      if (output >= 0) {
        args.set(output + 1, temp.resolve(args.get(output + 1)).toString());
      }
      CliRun run = example(args, null);
      assertThat(run.exitCode()).as(command + "\n" + run.err()).isZero();
      String printed = output >= 0 ? Files.readString(temp.resolve("summary.html")) : run.out() + run.err();
      assertThat(printed).as(command).isNotBlank();
    }
  }

  @Test
  void reportsPage_listsEverySectionOfTheSummaryWithItsColumns() throws Exception {
    String page = Files.readString(ROOT.resolve("docs/reports.md"));
    CliRun run = CliRun.run("report", "summary", "--format", "json", CliRun.sample("postfix/loopback-relay.log").toString());
    JsonNode sections = new ObjectMapper().readTree(run.out()).get("sections");
    assertThat(sections.size()).isEqualTo(23);
    sections.fields().forEachRemaining(section -> {
      List<String> columns = new ArrayList<>();
      section.getValue().get("columns").forEach(c -> columns.add("`" + c.asText() + "`"));
      assertThat(page).contains("| `" + section.getKey() + "` | " + section.getValue().get("title").asText()
          + " | " + String.join(", ", columns) + " |");
    });
  }

  @Test
  void docsExamples_printWhatTheDocsShow() throws Exception {
    int examples = 0;
    for (Path page : pages()) {
      List<String> block = new ArrayList<>();
      boolean code = false;
      for (String raw : Files.readAllLines(page)) {
        String line = raw.strip().startsWith("```") ? raw.strip() : raw;
        if (line.startsWith("```")) {
          if (code && !block.isEmpty() && block.get(0).strip().startsWith("$ ./smtplog")) {
            examples += check(page, block);
          }
          code = !code;
          block.clear();
        } else if (code) {
          block.add(raw);
        }
      }
    }
    assertThat(examples).isGreaterThanOrEqualTo(15);
  }

  private static int indexOf(List<String> lines, String line, int from) {
    int i = lines.subList(from, lines.size()).indexOf(line);
    assertThat(i).as("README.md: %s after line %d", line, from).isNotNegative();
    return from + i;
  }

  /** Runs the commands of one block in order, each against the lines shown after it. */
  private int check(Path page, List<String> block) throws Exception {
    int indent = block.get(0).indexOf('$');
    int commands = 0;
    for (int i = 0; i < block.size(); i++) {
      String line = block.get(i).length() > indent ? block.get(i).substring(indent) : block.get(i).strip();
      if (!line.startsWith("$ ")) {
        continue;
      }
      List<String> shown = new ArrayList<>();
      for (int j = i + 1; j < block.size() && !block.get(j).strip().startsWith("$ "); j++) {
        shown.add(block.get(j).length() > indent ? block.get(j).substring(indent) : block.get(j).strip());
      }
      String command = line.substring(2);
      String where = ROOT.relativize(page) + ": " + command;
      String stdin = null;
      Matcher echo = Pattern.compile("^echo '([^']*)' \\| (.*)$").matcher(command);
      if (echo.matches()) {
        stdin = echo.group(1) + "\n";
        command = echo.group(2);
      }
      // "(one row shown)": an abridged output, written for reading; the command still has to work.
      boolean abridged = command.matches(".*\\s{2,}\\(.*\\)$");
      command = command.replaceFirst("\\s{2,}\\(.*\\)$", "");
      assertThat(command).as(where).startsWith("./smtplog ");
      CliRun run = example(words(command.substring("./smtplog ".length())), stdin);
      // A line "smtplog: ..." is a usage error, unless the query ran anyway and says how many hits
      // it found: a warning ("status:bouncd can match nothing") above "(0 hits)".
      boolean ran = shown.contains("(0 hits)");
      assertThat(run.exitCode()).as(where + "\n" + run.err())
          .isEqualTo(shown.stream().anyMatch(s -> s.startsWith("smtplog: ")) && !ran ? ExitCodes.USAGE : ExitCodes.OK);
      if (abridged) {
        assertHasPairs(shown, run, where);
      } else {
        assertShows(shown, run, where);
      }
      commands++;
    }
    return commands;
  }

  /** Each line shown starts a line printed (standard output, then standard error), in order. */
  private static void assertShows(List<String> shown, CliRun run, String where) {
    List<String> printed = new ArrayList<>(run.out().lines().toList());
    printed.addAll(run.err().lines().toList());
    int next = 0;
    for (String expected : shown) {
      String want = normalise(expected.stripTrailing());
      if (want.equals(ELLIPSIS) || want.isEmpty()) {
        continue;
      }
      if (want.endsWith(ELLIPSIS)) {
        want = want.substring(0, want.length() - ELLIPSIS.length()).stripTrailing();
      }
      int found = -1;
      for (int k = next; k < printed.size() && found < 0; k++) {
        if (normalise(printed.get(k)).startsWith(want)) {
          found = k;
        }
      }
      assertThat(found).as("%s%nshows the line%n%s%nwhich is not printed after line %d of%n%s%n%s",
          where, expected, next, run.out(), run.err()).isNotNegative();
      next = found + 1;
    }
  }

  /** An abridged JSON example: each "key": value pair it shows is in the output. */
  private static void assertHasPairs(List<String> shown, CliRun run, String where) {
    String printed = run.out().replace("\" : ", "\": ");
    Matcher pair = JSON_PAIR.matcher(String.join("\n", shown));
    int pairs = 0;
    while (pair.find()) {
      assertThat(printed).as(where).contains(pair.group());
      pairs++;
    }
    assertThat(pairs).as(where).isGreaterThan(5);
  }

  private static String normalise(String line) {
    return SPEED.matcher(line).replaceAll("in T s (R lines/s)");
  }

  /** Runs an example: the samples and the example index where the docs name them. */
  private CliRun example(List<String> args, String stdin) {
    String samples = CliRun.sample("postfix").getParent().toString();
    String index = temp.resolve("idx").toString();
    String[] real = args.stream()
        .map(a -> a.startsWith("sample-logs/") || a.equals("sample-logs") ? samples + a.substring("sample-logs".length()) : a)
        .map(a -> a.equals(EXAMPLE_INDEX) ? index : a)
        .toArray(String[]::new);
    InputStream in = System.in;
    try {
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      CliRun run = CliRun.run(real);
      return new CliRun(run.exitCode(), run.out().replace(samples, "sample-logs").replace(index, EXAMPLE_INDEX),
          run.err().replace(samples, "sample-logs").replace(index, EXAMPLE_INDEX));
    } finally {
      System.setIn(in);
    }
  }

  /** The words of a command line as a shell splits them: single and double quotes. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
