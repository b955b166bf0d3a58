package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: both launchers (the source tree's ./smtplog and the distribution's bin/smtplog) run when
 * linked into a bin folder on the PATH, through a chain of relative links too, with the same JVM flags.
 */
class LauncherIT {
  /** The launcher's default JVM flags, as the JVM reports them (-XX:+PrintCommandLineFlags). */
  private static final List<String> DEFAULT_FLAGS = List.of("-XX:+UseParallelGC", "-XX:MaxHeapSize=402653184",
      "-XX:MaxNewSize=201326592", "-XX:MaxTenuringThreshold=1", "-XX:FreqInlineSize=100", "-XX:InlineSmallCode=500",
      "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000",
      "-XX:Tier4BackEdgeThreshold=400000");

  /** Links this test made, deleted after it (JUnit warns of a link out of its temp dir that it deletes). */
  private final List<Path> links = new ArrayList<>();

  @AfterEach
  void deleteLinks() throws IOException {
    for (Path link : links) {
      Files.deleteIfExists(link);
    }
  }

  static Stream<String> launchers() {
    return Stream.of("source tree ./smtplog", "distribution bin/smtplog");
  }

  private static Path launcher(String name) throws IOException, InterruptedException {
    return name.startsWith("source") ? Distribution.sourceTree().resolve("smtplog")
        : Distribution.home().resolve("bin/smtplog");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("launchers")
  void symlinkOnThePath_runsTheLauncher(String name, @TempDir Path temp) throws Exception {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    link(bin.resolve("smtplog"), launcher(name));

    // By name through the PATH, as a person runs it from ~/bin.
    Distribution.Run run = Distribution.run(List.of("sh", "-c", "smtplog --version"),
        Map.of("PATH", bin + ":" + System.getenv("PATH")));

    assertVersion(run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("launchers")
  void chainOfTwoRelativeLinks_runsTheLauncher(String name, @TempDir Path temp) throws Exception {
    // bin/smtplog -> ../opt/smtplog -> (relative path to the launcher)
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path opt = Files.createDirectories(temp.resolve("opt"));
    Path launcher = launcher(name);
    link(opt.resolve("smtplog"), opt.toRealPath().relativize(launcher.toRealPath()));
    link(bin.resolve("smtplog"), Path.of("../opt/smtplog"));
    assertThat(Files.readSymbolicLink(opt.resolve("smtplog"))).isRelative();

    assertVersion(Distribution.run(List.of(bin.resolve("smtplog").toString(), "--version"), Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("launchers")
  void defaultJvmFlags_areTheLaunchersAndSmtplogJavaOptsReplacesThem(String name) throws Exception {
    String launcher = launcher(name).toString();
    // JDK_JAVA_OPTIONS adds to the command line the launcher builds; the JVM prints the result.
    Map<String, String> printFlags = Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags");

    Distribution.Run defaults = Distribution.run(List.of(launcher, "--version"), printFlags);
    assertThat(defaults.out().lines().findFirst().orElseThrow().split(" ")).containsAll(DEFAULT_FLAGS);

    Map<String, String> replaced = new HashMap<>(printFlags);
    replaced.put("SMTPLOG_JAVA_OPTS", "-Xmx100m");
    Distribution.Run own = Distribution.run(List.of(launcher, "--version"), replaced);
    assertThat(own.out().lines().findFirst().orElseThrow())
        .contains("-XX:MaxHeapSize=104857600").doesNotContain("UseParallelGC", "FreqInlineSize");
  }

  /**
   * The launcher tells the jar whether standard output is a terminal (Terminal.STDOUT_VARIABLE): on one
   * (a pseudo-terminal from script(1)) the table fits COLUMNS and says what it hid; in a pipe it is whole.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("launchers")
  void aTerminalGetsATableThatFits_aPipeTheWholeTable(String name) throws Exception {
    assumeTrue(Distribution.isInstalled("script"), "script(1) from util-linux makes the pseudo-terminal");
    String relay = launcher(name) + " report relay " + Distribution.sourceTree().resolve("sample-logs/postfix");
    Distribution.Run onTerminal = Distribution.run(List.of("script", "-qec", relay + " 2>/dev/null", "/dev/null"),
        Map.of("COLUMNS", "60"));
    List<String> lines = onTerminal.out().replace("\r", "").lines().toList();
    assertThat(lines).anyMatch(line -> line.startsWith("domain")).anyMatch(line -> line.contains("hidden"));
    assertThat(lines).allMatch(line -> line.length() <= 60);

    Distribution.Run piped = Distribution.run(List.of("sh", "-c", relay + " 2>/dev/null | cat"), Map.of("COLUMNS", "60"));
    assertThat(piped.out().lines()).anyMatch(line -> line.length() > 200).noneMatch(line -> line.contains("hidden"));
  }

  /** A small input (under 16 MiB, no pipe) runs on C1 alone; no input, standard input, follow, serve and own options do not. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("launchers")
  void aSmallInputStopsTheJitAtC1_standardInputAndNoInputDoNot(String name, @TempDir Path temp) throws Exception {
    String launcher = launcher(name).toString();
    String sample = Distribution.sourceTree().resolve("sample-logs/postfix").toString();
    Map<String, String> printFlags = Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags");
    assertThat(flags(List.of(launcher, "report", "relay", sample), printFlags)).contains("-XX:TieredStopAtLevel=1");
    assertThat(flags(List.of(launcher, "explain", "251"), printFlags)).doesNotContain("TieredStopAtLevel");
    // Commands that run until stopped: a small log now is a large one in a week.
    for (String command : List.of("follow", "serve")) {
      assertThat(flags(List.of(launcher, command, "--help", sample), printFlags)).as(command)
          .doesNotContain("TieredStopAtLevel");
    }
    assertThat(flags(List.of("sh", "-c", launcher + " report relay - < " + sample + "/loopback-relay.log"), printFlags))
        .doesNotContain("TieredStopAtLevel");
    // 17 MiB of log: the optimising compiler pays for itself.
    Path big = temp.resolve("big.log");
    byte[] line = Files.readAllBytes(Path.of(sample, "loopback-relay.log"));
    try (var out = Files.newOutputStream(big)) {
      for (long written = 0; written < 17L << 20; written += line.length) {
        out.write(line);
      }
    }
    assertThat(flags(List.of(launcher, "report", "relay", "--format", "csv", big.toString()), printFlags))
        .doesNotContain("TieredStopAtLevel");
    Map<String, String> own = new HashMap<>(printFlags);
    own.put("SMTPLOG_JAVA_OPTS", "-Xmx100m");
    assertThat(flags(List.of(launcher, "report", "relay", sample), own)).doesNotContain("TieredStopAtLevel");
  }

  /** The JVM's command-line flags, the first line it prints with -XX:+PrintCommandLineFlags. */
  private static String flags(List<String> command, Map<String, String> environment) throws Exception {
    return Distribution.run(command, environment).out().lines().findFirst().orElseThrow();
  }

  private void link(Path link, Path target) throws IOException {
    links.add(0, Files.createSymbolicLink(link, target));
  }

  private static void assertVersion(Distribution.Run run) {
    assertThat(run.err()).as("no build, no noise").isEmpty();
    assertThat(run.out()).isEqualTo("smtplog " + System.getProperty("smtplog.version") + "\n");
    assertThat(run.exitCode()).isZero();
  }
}
