package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 12: {@code ./mvnw package} builds smtplog-VERSION.tar.gz with the launcher, the jar, bash
 * and zsh completion and a man page per command, generated from the command model.
 */
class DistributionIT {
  private static final String BASH_COMPLETION = "completion/smtplog.bash";

  @Test
  void archive_holdsLauncherJarCompletionAManPagePerCommandReadmeDocsAndLicense() throws IOException {
    Map<String, TarArchiveEntry> files = files(Distribution.archive());

    List<String> expected = new ArrayList<>(List.of(
        "bin/smtplog", "lib/smtplog.jar", BASH_COMPLETION, "README.md", "LICENSE"));
    for (String command : Distribution.qualifiedNames()) {
      expected.add("man/man1/" + command.replace(' ', '-') + ".1");
    }
    // The README's table of contents links to docs/: its pages and pictures come along.
    Path docs = Path.of("..", "docs");
    try (Stream<Path> pages = Files.walk(docs)) {
      pages.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(md|png)$"))
          .forEach(p -> expected.add("docs/" + docs.relativize(p).toString().replace('\\', '/')));
    }
    // The operator files docs/operations.md links to (systemd unit, dashboard, alerting rules).
    Path ops = Path.of("..", "ops");
    try (Stream<Path> opsFiles = Files.walk(ops)) {
      opsFiles.filter(Files::isRegularFile)
          .forEach(p -> expected.add("ops/" + ops.relativize(p).toString().replace('\\', '/')));
    }
    // The samples the README's commands read come along too.
    Path samples = Path.of("..", "sample-logs");
    try (Stream<Path> logs = Files.walk(samples)) {
      logs.filter(Files::isRegularFile)
          .forEach(p -> expected.add("sample-logs/" + samples.relativize(p).toString().replace('\\', '/')));
    }
    assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected).contains("man/man1/smtplog.1", "man/man1/smtplog-report-relay.1",
        "man/man1/smtplog-index-check.1", "docs/reports.md", "docs/images/summary-report.png");
    assertThat(files.get("bin/smtplog").getMode() & 0777).isEqualTo(0755);
    assertThat(files.get("lib/smtplog.jar").getSize())
        .isEqualTo(Files.size(Distribution.archive().resolveSibling("smtplog.jar")));
  }

  /** The README and docs pages, unpacked, link only to what the archive holds. */
  @Test
  void everyRelativeLinkOfTheUnpackedReadmeAndDocs_leadsToAFileInTheArchive() throws Exception {
    Path home = Distribution.home();
    java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s#]*)[^)\\s]*\\)");
    List<Path> pages = new ArrayList<>(List.of(home.resolve("README.md")));
    try (Stream<Path> docs = Files.list(home.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    int links = 0;
    for (Path page : pages) {
      java.util.regex.Matcher m = link.matcher(Files.readString(page));
      while (m.find()) {
        String target = m.group(1);
        if (!target.isEmpty() && !target.matches("^[a-z]+:.*")) {
          links++;
          assertThat(page.getParent().resolve(target).normalize()).as("%s links to %s", home.relativize(page), target)
              .exists();
        }
      }
    }
    assertThat(links).isGreaterThan(30);
  }

  @Test
  void readmeInstallSection_namesThePathsOfTheArchive() throws Exception {
    String readme = Files.readString(Distribution.home().resolve("README.md"));
    String install = readme.substring(readme.indexOf("## Install"), readme.indexOf("\n## ", readme.indexOf("## Install")));
    String home = "~/opt/" + Distribution.topFolder() + "/";

    assertThat(install).contains("target/" + Distribution.archive().getFileName(), home + "bin/smtplog",
        home + "bin to PATH", "source " + home + BASH_COMPLETION,
        "autoload -U bashcompinit && bashcompinit && source " + home + BASH_COMPLETION,
        "man -l " + home + "man/man1/smtplog-report-relay.1", "MANPATH=" + home + "man:");
    for (String path : List.of("bin/smtplog", BASH_COMPLETION, "man/man1/smtplog-report-relay.1")) {
      assertThat(Distribution.home().resolve(path)).isRegularFile();
    }
  }

  @Test
  void bashCompletion_loadsAndCompletesTheCommandsOfTheModel() throws Exception {
    Path script = Distribution.home().resolve(BASH_COMPLETION);

    Distribution.Run registered = bash("source \"$1\" && complete -p smtplog", script);
    assertThat(registered.exitCode()).as(registered.err()).isZero();
    assertThat(registered.out()).isEqualTo("complete -o default -F _complete_smtplog smtplog\n");
    assertThat(registered.err()).isEmpty();

    Distribution.Run report = bash(completing("smtplog", "report", ""), script);
    assertThat(report.out().strip().split(" ")).containsExactlyInAnyOrderElementsOf(
        new CommandLine(new AnalyzerCli()).getSubcommands().get("report").getSubcommands().values().stream()
            .filter(sub -> !sub.getCommandSpec().usageMessage().hidden()).map(CommandLine::getCommandName).toList());
    assertThat(bash(completing("smtplog", "rep"), script).out()).isEqualTo("report\n");
  }

  @Test
  void bashCompletion_completesFileNames_forInputsAndPathOptions() throws Exception {
    Path script = Distribution.home().resolve(BASH_COMPLETION);
    // Relative to the module folder, where the test runs: the repository's samples.
    assertThat(bash(completing("smtplog", "report", "relay", "../sample-logs/po"), script).out())
        .isEqualTo("../sample-logs/postfix\n");
    assertThat(bash(completing("smtplog", "ingest", "../sample-l"), script).out()).isEqualTo("../sample-logs\n");
    assertThat(bash(completing("smtplog", "trace", "4670E20C66E", "../sample-logs/ex"), script).out())
        .isEqualTo("../sample-logs/exim\n");
    assertThat(bash(completing("smtplog", "ingest", "--index", "../sample-logs/tr"), script).out())
        .isEqualTo("../sample-logs/transcripts\n");
    assertThat(bash(completing("smtplog", "report", "relay", "-o", "../sample-logs/RE"), script).out())
        .isEqualTo("../sample-logs/README.md\n");
    assertThat(bash(completing("smtplog", "query", "--output", "../sample-logs/RE"), script).out())
        .isEqualTo("../sample-logs/README.md\n");
  }

  @Test
  void bashCompletion_offersTheValuesOfOptionsWithAFixedSet_andTheCommandsAfterHelp() throws Exception {
    Path script = Distribution.home().resolve(BASH_COMPLETION);
    assertThat(words(bash(completing("smtplog", "report", "relay", "--mta", ""), script)))
        .containsExactly("postfix", "exim", "transcript");
    assertThat(words(bash(completing("smtplog", "report", "summary", "--mta", "e"), script))).containsExactly("exim");
    assertThat(words(bash(completing("smtplog", "explain", "--lang", ""), script))).containsExactly("en", "tr");
    assertThat(words(bash(completing("smtplog", "report", "codes", "--format", ""), script)))
        .containsExactly("table", "csv", "json", "html", "prometheus");
    assertThat(words(bash(completing("smtplog", "ingest", "--input-format", ""), script)))
        .contains("syslog", "exim", "transcript", "swaks", "exim-debug").doesNotContain("csv", "html");
    assertThat(words(bash(completing("smtplog", "query", "--facet", ""), script)))
        .containsExactlyElementsOf(io.smtplog.core.index.IndexFields.countable());
    assertThat(words(bash(completing("smtplog", "report", "summary", "--section", "def"), script)))
        .containsExactly("deferral_reasons");
    assertThat(words(bash(completing("smtplog", "help", "rep"), script))).containsExactly("report");
    assertThat(words(bash(completing("smtplog", "help", "report", "re"), script))).containsExactly("report", "relay");
  }

  /** The words a completion offered. */
  private static List<String> words(Distribution.Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return List.of(run.out().strip().split("\\s+"));
  }

  @Test
  void zshCompletion_isTheBashScriptThroughBashcompinit() throws Exception {
    assumeTrue(Distribution.isInstalled("zsh"),
        "zsh is not installed: the zsh completion is not tried (.ci/run installs Debian's zsh as root)");
    Path script = Distribution.home().resolve(BASH_COMPLETION);

    // What the README tells zsh users to put in ~/.zshrc; -f: none of this machine's start-up files.
    Distribution.Run registered = Distribution.run(List.of("zsh", "-fc",
        "autoload -U bashcompinit && bashcompinit && source \"$1\" && print -r -- ${_comps[smtplog]}",
        "zsh", script.toString()), Map.of());
    assertThat(registered.err()).isEmpty();
    assertThat(registered.out()).isEqualTo("_bash_complete -F _complete_smtplog -o default\n");

    // bashcompinit calls the function with bash's 0-based arrays (ksharrays).
    Distribution.Run report = Distribution.run(List.of("zsh", "-fc",
        "autoload -U bashcompinit && bashcompinit && source \"$1\" && setopt ksharrays && "
            + completing("smtplog", "report", ""), "zsh", script.toString()), Map.of());
    assertThat(report.out().strip().split(" ")).contains("relay", "summary", "codes");
  }

  @Test
  void everyManPage_rendersWithManL_withoutWarnings_andListsTheOptionsOfItsCommand() throws Exception {
    assumeTrue(Distribution.isInstalled("man"),
        "man is not installed: the man pages are not rendered (.ci/run installs Debian's man-db as root)");
    Path man1 = Distribution.home().resolve("man/man1");
    CommandLine root = new CommandLine(new AnalyzerCli());

    for (String name : Distribution.qualifiedNames()) {
      CommandLine command = root;
      for (String word : name.split(" ")) {
        command = word.equals(Distribution.COMMAND) ? command : command.getSubcommands().get(word);
      }
      Path page = man1.resolve(name.replace(' ', '-') + ".1");
      Distribution.Run rendered = Distribution.run(List.of("man", "--warnings", "-l", page.toString()),
          Map.of("MANWIDTH", "80", "MANPAGER", "cat", "PAGER", "cat", "LC_ALL", "C"));

      assertThat(rendered.exitCode()).as(page + ": " + rendered.err()).isZero();
      assertThat(rendered.err()).as(page.toString()).isEmpty();
      String text = rendered.out().replaceAll("\\s+", " ");
      assertThat(text).as(page.toString())
          .contains("NAME " + name.replace(' ', '-') + " - ")
          .contains("SYNOPSIS " + name)
          .contains("smtplog " + System.getProperty("smtplog.version", ""));
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (option.hidden()) {
          continue;  // not in the help, nor in the man page
        }
        assertThat(text).as(page + " lists " + option.longestName()).contains(option.longestName());
      }
      assertThat(section(rendered.out(), "DESCRIPTION")).as(page + ": DESCRIPTION").matches("(?s).*\\w{3}.*");
      assertThat(section(rendered.out(), "SEE ALSO")).as(page + ": SEE ALSO").contains(name.equals(Distribution.COMMAND)
          ? "smtplog-report(1)" : "smtplog(1)");
    }
  }

  @Test
  void topManPage_hasTheExitStatusOfEveryExitCode_theEnvironment_andExamples() throws Exception {
    assumeTrue(Distribution.isInstalled("man"),
        "man is not installed: the man pages are not rendered (.ci/run installs Debian's man-db as root)");
    Distribution.Run rendered = Distribution.run(List.of("man", "-l",
        Distribution.home().resolve("man/man1/smtplog.1").toString()),
        Map.of("MANWIDTH", "200", "MANPAGER", "cat", "PAGER", "cat", "LC_ALL", "C"));
    assertThat(rendered.exitCode()).as(rendered.err()).isZero();

    String exitStatus = section(rendered.out(), "EXIT STATUS").replaceAll("\\s+", " ");
    assertThat(ExitCodes.ALL).hasSize(6);
    for (ExitCodes.Meaning meaning : ExitCodes.ALL) {
      assertThat(exitStatus).contains(" " + meaning.code() + " " + meaning.text());
    }
    String environment = section(rendered.out(), "ENVIRONMENT").replaceAll("\\s+", " ");
    assertThat(environment).contains("SMTPLOG_JAVA_OPTS", "SMTPLOG_CDS", "XDG_CACHE_HOME", "SMTPLOG_INDEX",
        "XDG_DATA_HOME", "COLUMNS", "SMTPLOG_NO_PROGRESS");
    assertThat(section(rendered.out(), "EXAMPLES")).contains("smtplog report relay sample-logs/postfix");
  }

  @Test
  void helpUnderACommand_hasNoManPage_theTopLevelHelpHasOne() throws Exception {
    Path man1 = Distribution.home().resolve("man/man1");
    assertThat(man1.resolve("smtplog-help.1")).isRegularFile();
    assertThat(man1.resolve("smtplog-report-help.1")).doesNotExist();
    assertThat(man1.resolve("smtplog-index-help.1")).doesNotExist();
  }

  /** The text of a rendered man page's section: from its heading to the next one. */
  private static String section(String page, String heading) {
    int start = page.indexOf("\n" + heading + "\n");
    assertThat(start).as("section " + heading).isNotNegative();
    java.util.regex.Matcher next = java.util.regex.Pattern.compile("\n[A-Z][A-Z ]+\n").matcher(page);
    int end = next.find(start + heading.length() + 2) ? next.start() : page.length();
    return page.substring(start + heading.length() + 2, end);
  }

  /** Shell code that asks the completion function for the last word, as bash does on TAB. */
  private static String completing(String... words) {
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append(" '").append(word).append('\'');
    }
    String line = String.join(" ", words);
    return "COMP_WORDS=(" + array.toString().strip() + "); COMP_CWORD=" + (words.length - 1)
        + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
        + "; _complete_smtplog smtplog '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'"
        + "; echo \"${COMPREPLY[@]}\"";
  }

  private static Distribution.Run bash(String code, Path script) throws IOException, InterruptedException {
    String withSource = code.startsWith("source") ? code : "source \"$1\" && " + code;
    return Distribution.run(List.of("bash", "--norc", "--noprofile", "-c", withSource, "bash", script.toString()),
        Map.of());
  }

  private static Map<String, TarArchiveEntry> files(Path archive) throws IOException {
    Map<String, TarArchiveEntry> files = new TreeMap<>();
    String top = Distribution.topFolder() + "/";
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        assertThat(entry.getName()).startsWith(top);
        if (entry.isFile()) {
          files.put(entry.getName().substring(top.length()), entry);
        }
      }
    }
    return files;
  }
}
