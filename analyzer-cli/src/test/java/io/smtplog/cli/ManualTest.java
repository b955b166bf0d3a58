package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.cli.command.HelpCommand;
import io.smtplog.cli.option.Completions;
import io.smtplog.core.report.Reports;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12: the usage, the man pages and the shell completion are made from one command model: the
 * exit status list from {@link ExitCodes}, the values completion offers from what the options parse,
 * and every command's examples are commands that run on the samples.
 */
class ManualTest {
  @TempDir Path temp;

  @Test
  void exitStatus_listsEveryExitCodeConstantOnce_inTheTopLevelUsage() throws IllegalAccessException {
    Set<Integer> constants = new LinkedHashSet<>();
    for (Field field : ExitCodes.class.getFields()) {
      if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
        constants.add(field.getInt(null));
      }
    }
    assertThat(ExitCodes.ALL).extracting(ExitCodes.Meaning::code).containsExactlyElementsOf(constants)
        .containsExactly(0, 1, 2, 3, 4, 5);

    String usage = CliRun.run("--help").out();
    String exitStatus = usage.substring(usage.indexOf("Exit status:\n"), usage.indexOf("Environment:\n"));
    for (ExitCodes.Meaning meaning : ExitCodes.ALL) {
      assertThat(exitStatus.replaceAll("\\s+", " ")).contains(" " + meaning.code() + " " + meaning.text());
    }
    assertThat(usage.replaceAll("\\s+", " ")).contains("Environment: SMTPLOG_JAVA_OPTS The JVM options",
        "SMTPLOG_NO_PROGRESS Set to anything: no progress bar on standard error.");
  }

  @Test
  void completedValues_areAcceptedByTheirOptions() {
    String log = CliRun.sample("postfix/loopback-relay.log").toString();
    for (String mta : new Completions.Mtas()) {
      CliRun run = CliRun.run("report", "relay", "--mta", mta, log);
      assertThat(run.exitCode()).as(mta + ": " + run.err()).isZero();
    }
    assertThat(new Completions.Mtas()).containsExactly("postfix", "exim", "transcript");
    for (String lang : new Completions.Languages()) {
      CliRun run = CliRun.run("explain", "--lang", lang, "251");
      assertThat(run.exitCode()).as(lang + ": " + run.err()).isZero();
    }
    assertThat(new Completions.Languages()).containsExactly("en", "tr");
    for (String format : new Completions.InputFormats()) {
      CliRun run = CliRun.run("report", "codes", "--input-format", format, log);
      // A Postfix log read as a transcript has lines it cannot use (exit 4); never a usage error.
      assertThat(run.exitCode()).as(format + ": " + run.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
      assertThat(run.err()).as(format).doesNotContain("unknown input format");
    }
    for (String section : new Completions.Sections()) {
      List<String> accepting = Stream.of("relay", "summary", "codes").filter(report -> CliRun.run("report", report,
          "--section", section, "--format", "csv", log).exitCode() == ExitCodes.OK).toList();
      assertThat(accepting).as(section).isNotEmpty().allMatch(r -> Reports.sectionNames(r).contains(section));
    }
    assertThat(new Completions.Sections()).contains("deferral_reasons", "reply_codes");
    assertThat(new Completions.InputFormats()).contains("syslog", "exim", "transcript", "swaks", "bare");
    assertThat(CliRun.run("report", "codes", "--input-format", "csv", log).exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void inputs_typedAsPathsForCompletion_stayAsTyped() {
    CliRun folder = CliRun.run("report", "codes", "--format", "json", CliRun.sample("postfix") + "/");
    assertThat(folder.exitCode()).as(folder.err()).isZero();
    assertThat(folder.out()).startsWith("{");
    // -o is a Path for completion; "DIR/" still asks for a folder, which one JSON file cannot be.
    CliRun folderForJson = CliRun.run("report", "codes", "--format", "json", "-o", temp.resolve("out") + "/",
        CliRun.sample("postfix/loopback-relay.log").toString());
    assertThat(folderForJson.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(folderForJson.err()).contains("out/");
    CliRun csvFolder = CliRun.run("report", "codes", "--format", "csv", "--output=" + temp.resolve("csv") + "/",
        CliRun.sample("postfix/loopback-relay.log").toString());
    assertThat(csvFolder.exitCode()).as(csvFolder.err()).isZero();
    assertThat(temp.resolve("csv/reply_codes.csv")).isNotEmptyFile();
    CliRun missing = CliRun.run("report", "codes", temp.resolve("missing.log") + "/");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(missing.err()).contains("missing.log");
  }

  @Test
  void helpCompletesTheNamesOfTheCommandsThatHaveAPage() {
    Set<String> names = new LinkedHashSet<>();
    collect(new CommandLine(new AnalyzerCli()), names);
    names.remove("smtplog");
    names.remove("help");
    List<String> offered = new ArrayList<>();
    new HelpCommand.CommandNames().forEach(offered::add);
    assertThat(offered).containsExactlyInAnyOrderElementsOf(names).contains("report", "relay", "check")
        .doesNotContain("generate", "bench", "help");
  }

  private static void collect(CommandLine command, Set<String> names) {
    if (!command.getCommandSpec().usageMessage().hidden()) {
      names.add(command.getCommandName());
      command.getSubcommands().values().forEach(sub -> collect(sub, names));
    }
  }

  @Test
  void everyExample_runsOnTheSamples_andEveryMainCommandHasOne() {
    List<String> examples = new ArrayList<>();
    List<String> withExamples = new ArrayList<>();
    for (CommandLine command : all(new CommandLine(new AnalyzerCli()))) {
      String[] footer = command.getCommandSpec().usageMessage().footer();
      for (String line : footer) {
        if (line.startsWith("  smtplog ")) {
          examples.add(line.strip());
        }
      }
      if (footer.length > 0) {
        assertThat(command.getCommandSpec().usageMessage().footerHeading()).isEqualTo(Manual.EXAMPLES_HEADING);
        withExamples.add(command.getCommandSpec().qualifiedName());
      }
    }
    assertThat(withExamples).contains("smtplog", "smtplog report relay", "smtplog report summary",
        "smtplog report codes", "smtplog sessions", "smtplog ingest", "smtplog query", "smtplog trace",
        "smtplog explain", "smtplog classify");
    // The index first: the other examples read it.
    examples.sort((a, b) -> Boolean.compare(!a.startsWith("smtplog ingest"), !b.startsWith("smtplog ingest")));
    String samples = CliRun.sample("postfix").getParent().toString();
    for (String example : examples) {
      List<String> args = words(example.substring("smtplog ".length()));
      List<String> mapped = new ArrayList<>();
      for (String a : args) {
        boolean output = !mapped.isEmpty() && List.of("-o", "--output").contains(args.get(mapped.size() - 1));
        // One mapping per argument: the samples' own path may start with /tmp/ (a clone there); what an
        // example writes goes under the test's folder, never into the working tree.
        mapped.add(a.startsWith("sample-logs/") ? samples + a.substring("sample-logs".length())
            : a.startsWith("/tmp/") ? temp.resolve(a.substring("/tmp/".length())).toString()
            : output && !Path.of(a).isAbsolute() ? temp.resolve(a).toString() : a);
      }
      String[] real = mapped.toArray(String[]::new);
      if (args.contains("--solr") || args.get(0).equals("follow")) {
        // follow runs until it is stopped (FollowCommandTest and FollowKillIT run it): it must parse, as written.
        // A SolrCloud is not here (analyzer-solr's tests run one).
        new CommandLine(new AnalyzerCli()).parseArgs(real);
        continue;
      }
      CliRun run = CliRun.run(real);
      assertThat(run.exitCode()).as(example + ": " + run.err()).isZero();
      if (!args.contains("-o") && !args.get(0).equals("ingest")) {
        assertThat(run.out()).as(example).isNotBlank();
      }
    }
    assertThat(temp.resolve("summary.html")).isNotEmptyFile();
  }

  /** An example's words, split as the shell splits them ('...' is one word). */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  private static List<CommandLine> all(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    all.add(root);
    root.getSubcommands().values().stream().distinct().forEach(sub -> all.addAll(all(sub)));
    return all;
  }
}
