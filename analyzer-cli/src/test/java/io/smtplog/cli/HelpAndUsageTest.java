package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.cli.option.DiagnosticOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Issue 12, "Help and explain": help for people, inherited diagnostics options, typos suggested. */
class HelpAndUsageTest {
  /** A token a line break must never split: it has a dot, a slash, a tilde or an inner hyphen. */
  private static final Pattern FRAGILE = Pattern.compile(".*[\\w~][./~-][\\w~].*|.*[\\w]/");

  private static CommandLine cli() {
    return AnalyzerCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  /** Every command of the tree, hidden ones too, depth first. */
  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    all.add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      all.addAll(commands(sub));
    }
    return all;
  }

  /** The words of every text the command's usage shows: header, description, options, parameters. */
  private static Set<String> modelWords(CommandSpec spec) {
    List<String> texts = new ArrayList<>();
    texts.addAll(List.of(spec.usageMessage().header()));
    texts.addAll(List.of(spec.usageMessage().description()));
    for (ArgSpec arg : spec.args()) {
      if (!arg.hidden()) {
        texts.addAll(List.of(arg.description()));
        texts.add(arg.paramLabel());
        if (arg instanceof OptionSpec option) {
          texts.addAll(List.of(option.names()));
        }
      }
    }
    for (CommandLine sub : spec.subcommands().values()) {
      texts.addAll(List.of(sub.getCommandSpec().usageMessage().header()));
    }
    Set<String> words = new LinkedHashSet<>();
    for (String text : texts) {
      if (text.contains("${") || text.contains("%")) {
        continue;
      }
      for (String word : text.split("\\s+")) {
        if (FRAGILE.matcher(word).matches()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  @ParameterizedTest(name = "width {0}")
  @ValueSource(ints = {60, 80, 120})
  void help_neverSplitsADottedOrSlashedToken(int width) {
    List<String> broken = new ArrayList<>();
    for (CommandLine command : commands(cli())) {
      command.setUsageHelpWidth(width);
      String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (String line : usage.split("\n")) {
        assertThat(line.length()).as("%s at %d: %s", command.getCommandName(), width, line).isLessThanOrEqualTo(width);
        assertThat(line).as("%s at %d: a line ends inside a hyphenated word", command.getCommandName(), width)
            .doesNotMatch(".*\\w-");
      }
      for (String word : modelWords(command.getCommandSpec())) {
        if (!usage.contains(word)) {
          broken.add(command.getCommandSpec().qualifiedName() + ": " + word);
        }
      }
    }
    assertThat(broken).as("tokens split across lines at width %d", width).isEmpty();
  }

  @Test
  void help_onAColourTerminal_keepsItsPunctuation() {
    for (CommandLine command : commands(cli())) {
      StringWriter text = new StringWriter();
      command.usage(new PrintWriter(text, true), CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.ON));
      String usage = text.toString();
      assertThat(usage).as(command.getCommandSpec().qualifiedName()).doesNotContainPattern("[\\uE000-\\uE07F]")
          .contains("\u001B[33m--stacktrace\u001B[39m\u001B[0m");
    }
    StringWriter ingest = new StringWriter();
    cli().getSubcommands().get("ingest").usage(new PrintWriter(ingest, true),
        CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.ON));
    assertThat(ingest.toString()).contains("~/.local/share/smtplog/index");
  }

  /** The usage of {@code path} as {@code --help} prints it. */
  private static String usageOf(String... path) {
    List<String> args = new ArrayList<>(List.of(path));
    args.add("--help");
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).isZero();
    return run.out();
  }

  @Test
  void helpCommand_takesAPath_atTheTopAndUnderReport() {
    String relay = usageOf("report", "relay");
    assertThat(relay).startsWith("Reports, per recipient domain, what became of the mail addressed to it.\n"
        + "Usage: smtplog report relay ");
    CliRun top = CliRun.run("help", "report", "relay");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).isEqualTo(relay);
    CliRun nested = CliRun.run("report", "help", "relay");
    assertThat(nested.exitCode()).isZero();
    assertThat(nested.out()).isEqualTo(relay);
    assertThat(CliRun.run("index", "help", "check").out()).isEqualTo(usageOf("index", "check"));
    assertThat(CliRun.run("help").out()).isEqualTo(usageOf());
  }

  @Test
  void topLevelCommandList_isOneCompleteSentencePerCommand() {
    String usage = usageOf();
    String commands = usage.substring(usage.indexOf("Commands:\n") + "Commands:\n".length(),
        usage.indexOf("Exit status:\n"));
    List<String> entries = new ArrayList<>();
    for (String line : commands.split("\n")) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        entries.add(line.strip());
      } else {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }
    assertThat(entries).extracting(e -> e.split(" ", 2)[0]).containsExactly("report", "sessions", "ingest", "follow",
        "query", "trace", "index", "classify", "explain", "formats", "solr", "serve", "help");
    for (String entry : entries) {
      String sentence = entry.split("\\s+", 2)[1];
      assertThat(sentence).as(entry).matches("[A-Z][a-z]+s\\b[^.]*(\\.[^ .][^.]*)*\\.");
    }
  }

  @Test
  void typos_getADidYouMean_inOneLine_exit2() {
    CliRun command = CliRun.run("reprot", "relay", "x.log");
    assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(command.err()).isEqualTo("smtplog: unknown command 'reprot' for 'smtplog': did you mean report?\n");
    CliRun sub = CliRun.run("report", "rely");
    assertThat(sub.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sub.err()).isEqualTo("smtplog: unknown command 'rely' for 'smtplog report': did you mean relay?\n");
    CliRun option = CliRun.run("report", "relay", "--sinse", "1d", "x.log");
    assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err())
        .isEqualTo("smtplog: unknown option '--sinse' for 'smtplog report relay': did you mean --since?\n");
    CliRun help = CliRun.run("help", "report", "relya");
    assertThat(help.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(help.err()).isEqualTo("smtplog: unknown command 'relya' for 'smtplog report': did you mean relay?\n");
    // Nothing near: no guess (the hidden generate is never suggested), and where to look.
    CliRun far = CliRun.run("generat");
    assertThat(far.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(far.err()).isEqualTo("smtplog: unknown command 'generat' for 'smtplog'\n"
        + "Try 'smtplog --help' for the commands.\n");
    assertThat(CliRun.run("explain", "--lnag", "tr", "250").err())
        .isEqualTo("smtplog: unknown option '--lnag' for 'smtplog explain': did you mean --lang?\n");
  }

  @Test
  void stacktraceAndVerbose_areOptionsOfEveryCommand() {
    List<String> missing = new ArrayList<>();
    for (CommandLine command : commands(cli())) {
      CommandSpec spec = command.getCommandSpec();
      for (String name : List.of(DiagnosticOptions.STACKTRACE, DiagnosticOptions.VERBOSE)) {
        if (spec.findOption(name) == null) {
          missing.add(spec.qualifiedName() + " " + name);
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(commands(cli())).hasSizeGreaterThan(15);
  }

  @Test
  void verbose_isSeenByTheStaticHook_onAnyCommand_andResetOnTheNextRun() {
    CliRun verbose = CliRun.run("explain", "--verbose", "250");
    assertThat(verbose.exitCode()).isZero();
    assertThat(Verbosity.isVerbose()).isTrue();
    CliRun plain = CliRun.run("formats");
    assertThat(plain.exitCode()).isZero();
    assertThat(Verbosity.isVerbose()).isFalse();
    CliRun top = CliRun.run("--verbose", "--stacktrace", "report", "relay", "--format", "json",
        CliRun.sample("postfix/content-filter.log").toString());
    assertThat(top.exitCode()).isZero();
    assertThat(Verbosity.isVerbose()).isTrue();
    CliRun.run("classify", "250 ok");
    assertThat(Verbosity.isVerbose()).isFalse();
  }

  @Test
  void stacktrace_isAcceptedWhereTheErrorMessageSuggestsIt() {
    CliRun missing = CliRun.run("report", "relay", "--stacktrace", "/nonexistent/smtplog-test.log");
    assertThat(missing.err()).doesNotContain("Unknown option").doesNotContain("Unmatched");
    CliRun trace = CliRun.run("trace", "--stacktrace", "--index", "/nonexistent/smtplog-index", "4BX1");
    assertThat(trace.err()).doesNotContain("Unknown option");
    assertThat(UserMessageHandler.describe(new IllegalStateException("boom")).getMessage())
        .endsWith("please report it with the output of --stacktrace");
  }
}
