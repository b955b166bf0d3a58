package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run builds the picocli model of the one command it runs ({@link AnalyzerCli#SUBCOMMANDS}); the
 * usage, help and suggestions still see every command.
 */
class CommandTreeTest {
  private static final List<String> ALL = List.of("report", "sessions", "ingest", "follow", "query", "trace", "index",
      "classify", "explain", "formats", "solr", "generate", "serve", "help");

  private static List<String> subcommands(String... args) {
    CommandLine cli = AnalyzerCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        args);
    return List.copyOf(cli.getSubcommands().keySet());
  }

  @Test
  void aNamedCommandGetsOnlyItsOwnModel() {
    for (String name : ALL) {
      if (!name.equals("help")) {
        assertThat(subcommands(name, "--help")).as(name).containsExactly(name);
      }
    }
    assertThat(subcommands("report", "relay", "sample-logs/postfix")).containsExactly("report");
    assertThat(subcommands("explain", "251")).containsExactly("explain");
  }

  @Test
  void help_noCommand_andAMistypedOne_getEveryCommand() {
    assertThat(subcommands()).containsExactlyElementsOf(ALL);
    assertThat(subcommands("--help")).containsExactlyElementsOf(ALL);
    assertThat(subcommands("help", "report")).containsExactlyElementsOf(ALL);
    assertThat(subcommands("reprot", "relay")).containsExactlyElementsOf(ALL);
    assertThat(subcommands("--", "explain", "251")).containsExactlyElementsOf(ALL);
    CliRun afterEnd = CliRun.run("--", "explain", "251");
    assertThat(afterEnd.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(afterEnd.err()).isEqualTo("smtplog: unknown command 'explain' for 'smtplog': a command comes before"
        + " '--' (smtplog explain ...), which ends the options\n");
    assertThat(AnalyzerCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        .getSubcommands().keySet()).containsExactlyElementsOf(ALL);
  }

  @Test
  void theUsageListsEveryCommandAndAMistypedOneIsRefused() {
    CliRun usage = CliRun.run("--help");
    assertThat(usage.exitCode()).isZero();
    for (String name : ALL) {
      if (!name.equals("generate")) {
        assertThat(usage.out()).as(name).containsPattern("(?m)^  " + name + " ");
      }
    }
    CliRun typo = CliRun.run("explian", "251");
    assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err()).contains("explian");
  }

  /** smtplog's own help asked for before a command name is still the help of smtplog: every command. */
  @Test
  void topLevelHelp_beforeACommandName_listsEveryCommand() {
    for (String[] args : List.of(new String[] {"--help", "explain", "251"}, new String[] {"-h", "report"},
        new String[] {"--verbose", "-hV", "trace"})) {
      CliRun usage = CliRun.run(args);
      assertThat(usage.exitCode()).as(String.join(" ", args)).isZero();
      for (String name : ALL) {
        if (!name.equals("generate")) {
          assertThat(usage.out()).as(String.join(" ", args) + ": " + name).containsPattern("(?m)^  " + name + " ");
        }
      }
    }
    assertThat(subcommands("explain", "-h")).containsExactly("explain");
    assertThat(subcommands("--stacktrace", "explain", "251")).containsExactly("explain");
  }

  @Test
  void aCommandRunThroughTheSmallTreeGivesTheSameOutputAsThroughTheWholeOne() {
    String[] args = {"explain", "250", "251"};
    StringWriter whole = new StringWriter();
    int wholeCode = AnalyzerCli.commandLine(new PrintWriter(whole, true), new PrintWriter(new StringWriter()))
        .execute(args);
    CliRun small = CliRun.run(args);
    assertThat(small.exitCode()).isEqualTo(wholeCode).isZero();
    assertThat(small.out()).isEqualTo(whole.toString()).contains("251");
  }
}
