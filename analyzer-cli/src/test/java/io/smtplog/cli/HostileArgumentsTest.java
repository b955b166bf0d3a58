package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 3: pathological queries end in one message (exit 2) that does not echo a
 * megabyte back; {@code --index} on a folder that is not an index is refused; escape sequences in
 * file names and arguments never reach the terminal.
 */
class HostileArgumentsTest {
  private static final String LOG = CliRun.sample("postfix/content-filter.log").toString();
  @TempDir static Path shared;
  private static Path index;

  @BeforeAll
  static void ingest() {
    index = shared.resolve("index");
    CliRun run = CliRun.run("ingest", "--index", index.toString(), LOG);
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private static CliRun query(String query) {
    return CliRun.run("query", "--index", index.toString(), query);
  }

  /** The lines of standard error; a message with an echo of the query has three, else one. */
  private static List<String> lines(CliRun run) {
    return run.err().lines().toList();
  }

  @Test
  void regularExpressionTooComplexToDeterminize_isOneLine() {
    CliRun run = query("text:/.*a.{30}/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(lines(run)).containsExactly("smtplog: cannot parse the query: a regular expression or wildcard too"
        + " complex to search by (more than 10000 automaton states): make it simpler");
  }

  @Test
  void tenThousandNestedParentheses_isOneMessageNotAStackTrace() {
    String deep = "(".repeat(10_000) + "status:bounced" + ")".repeat(10_000);
    CliRun run = query(deep);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    List<String> lines = lines(run);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("smtplog: cannot parse the query at column 101: parentheses nested more than"
        + " 100 deep");
    assertThat(lines.get(1)).isEqualTo("  …" + "(".repeat(80) + "…");
    assertThat(lines.get(2)).isEqualTo("  " + " ".repeat(41) + "^");
  }

  @Test
  void nestingInsideAPhraseOrARegularExpression_isNotCounted() {
    CliRun run = query("text:\"" + "(".repeat(200) + "\" OR status:bounced");
    assertThat(run.exitCode()).as(run.err()).isZero();
    CliRun regexp = query("(text:/" + "(".repeat(150) + "queued" + ")".repeat(150) + "/)");
    assertThat(regexp.exitCode()).as(regexp.err()).isZero();
  }

  @Test
  void aMegabyteQuery_isNotEchoedBack() {
    String huge = "status:bounced AND recipient:" + "x".repeat(1 << 20) + " AND code:[4";
    CliRun run = query(huge);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().length()).isLessThan(2_000);
    List<String> lines = lines(run);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("smtplog: cannot parse the query at column " + (huge.length() + 1) + ": ");
    assertThat(lines.get(1)).isEqualTo("  …" + "x".repeat(68) + " AND code:[4");
    assertThat(lines.get(2)).isEqualTo("  " + " ".repeat(81) + "^");
  }

  @Test
  void aMegabyteValue_isCutInTheMessage() {
    CliRun run = query("code:" + "9".repeat(1 << 20) + "x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().length()).isLessThan(2_000);
    assertThat(run.err()).startsWith("smtplog: cannot parse the query: '" + "9".repeat(59) + "…' is not a number");
  }

  @Test
  void lucenesOwnWords_areNotWhatAPersonReads() {
    CliRun quote = query("sender:\"unbalanced");
    assertThat(quote.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(quote.err()).startsWith("smtplog: cannot parse the query at column 19: the query ends inside a quoted"
        + " value").doesNotContain("Lexical").doesNotContain("lexical state");
    CliRun longWildcard = query("sender:" + "a".repeat(120_000) + "*");
    assertThat(longWildcard.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(longWildcard.err()).isEqualTo("smtplog: cannot parse the query: a wildcard or regular expression too"
        + " long to search by: make it shorter\n");
    StringBuilder many = new StringBuilder("recipient:a0@x.org");
    for (int i = 1; i < 3000; i++) {
      many.append(" OR recipient:a").append(i).append("@x.org");
    }
    CliRun clauses = query(many.toString());
    assertThat(clauses.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(clauses.err()).isEqualTo("smtplog: cannot parse the query: more than 1,024 terms or clauses: narrow the"
        + " query (a range, a wildcard or a facet often says the same)\n");
  }

  @Test
  void indexFolderThatHoldsOtherThings_isRefused(@TempDir Path home) throws IOException {
    Files.writeString(home.resolve(".bashrc"), "alias ll='ls -l'\n");
    CliRun run = CliRun.run("ingest", "--index", home.toString(), LOG);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: " + home + " is not an smtplog index: it holds .bashrc, which an index"
        + " does not; give --index an empty or new folder, or the folder of an index\n");
    assertThat(Files.list(home).count()).isEqualTo(1);

    Path logs = CliRun.sample("postfix");
    CliRun intoLogs = CliRun.run("ingest", "--index", logs.toString(), LOG);
    assertThat(intoLogs.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(intoLogs.err()).startsWith("smtplog: " + logs + " is not an smtplog index: it holds ");

    Path file = Files.writeString(home.resolve("in.log"), "x\n");
    CliRun intoFile = CliRun.run("ingest", "--index", file.toString(), LOG);
    assertThat(intoFile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(intoFile.err()).isEqualTo("smtplog: " + file + " is a file, not the folder of an index; give --index"
        + " an empty or new folder, or the folder of an index\n");
    assertThat(Files.readString(file)).isEqualTo("x\n");
  }

  @Test
  void indexFolderEmptyMissingOrAnIndex_isUsed(@TempDir Path dir) throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path missing = dir.resolve("missing/index");
    for (Path target : List.of(empty, missing, index)) {
      CliRun run = CliRun.run("ingest", "--index", target.toString(), LOG);
      assertThat(run.exitCode()).as(run.err()).isZero();
    }
    assertThat(Files.exists(missing.resolve("write.lock"))).isTrue();
  }

  @Test
  void escapeSequencesInFileNamesAndArguments_neverReachTheTerminal(@TempDir Path dir) throws IOException {
    String hostile = "x\u001b]0;PWNED\u0007\u001b[2J\u009b31m.log";
    Path file = dir.resolve(hostile);
    Files.writeString(file, "Jun  3 10:00:01 mx postfix/smtp[123]: 4BX1\n");
    List<String[]> commands = List.of(
        new String[] {"report", "relay", file.toString()},
        new String[] {"report", "relay", dir.resolve("missing" + hostile).toString()},
        new String[] {"report", "relay", "--strict", file.toString()},
        new String[] {"report", "relay", "--format", hostile, file.toString()},
        new String[] {"report", "relay", "-o", file.toString(), file.toString()},
        new String[] {"report", "relay", "--section", hostile, file.toString()},
        new String[] {"sessions", "--tag", hostile, "--code", "9" + hostile, file.toString()},
        new String[] {"query", "--index", index.toString(), "status:" + hostile + " AND ("},
        new String[] {"query", "--index", index.toString(), hostile + ":x"},
        new String[] {"query", "--index", dir.resolve(hostile).toString(), "*"},
        new String[] {"trace", "--index", index.toString(), hostile},
        new String[] {"explain", hostile},
        new String[] {hostile});
    for (String[] args : commands) {
      CliRun run = CliRun.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
      assertThat(run.err()).as(String.join(" ", args)).isNotEmpty().doesNotContain("\u001b").doesNotContain("\u0007")
          .doesNotContain("\u009b").contains("\uFFFD");
    }
  }
}
