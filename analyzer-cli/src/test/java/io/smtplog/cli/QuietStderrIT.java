package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: no JVM or library noise on standard error on JDK 17 and JDK 25 (Lucene's JUL records on
 * the vector module and MemorySegment, the JVM's restricted-method warning): standard error holds
 * only smtplog's own summary lines. Runs the distribution's launcher, with its JVM flags.
 */
class QuietStderrIT {
  /** The lines smtplog itself writes to standard error after these commands. */
  private static final List<Pattern> OWN_LINES = List.of(
      Pattern.compile("Read [\\d,]+ lines in [\\d,]+ files?: .*"),
      Pattern.compile("Indexed [\\d,]+ lines from .*"),
      Pattern.compile("\\([\\d,]+ of [\\d,]+ hits shown; .*\\)"));

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void explainReportIngestAndQuery_writeNothingButTheirOwnLinesToStderr(int feature, @TempDir Path temp)
      throws Exception {
    Path javaHome = Distribution.javaHome(feature).orElse(null);
    assumeTrue(javaHome != null, "no JDK " + feature + " found (the build's JDK, or under /usr/lib/jvm)");
    Path launcher = Distribution.home().resolve("bin/smtplog");
    // With the start-up archive that the first run builds (the AOT cache on JDK 25): in use, it is quiet too.
    Path cache = temp.resolve("cache");
    Map<String, String> path = Map.of("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"),
        "SMTPLOG_CDS", "on", "XDG_CACHE_HOME", cache.toString());
    assertThat(Distribution.run(List.of(launcher.toString(), "--version"), path).err()).isEmpty();
    assertThat(Files.readString(Distribution.waitForStartupArchive(cache.resolve("smtplog"))))
        .contains("-XX:SharedArchiveFile="); // an AOT cache on JDK 25, named so that JDK 17 ignores it too
    String index = "--index=" + temp.resolve("index");
    Path samples = Path.of(System.getProperty("sampleLogs.dir", "../sample-logs")).toAbsolutePath();

    Distribution.Run version = Distribution.run(List.of("sh", "-c", "java -version 2>&1"), path);
    assertThat(version.out()).contains(" version \"" + feature);

    Distribution.Run explain = Distribution.run(List.of(launcher.toString(), "explain", "251"), path);
    assertThat(explain.err()).isEmpty();
    assertThat(explain.out()).contains("251");

    Map<String, Distribution.Run> runs = new LinkedHashMap<>();
    runs.put("report relay", Distribution.run(List.of(launcher.toString(), "report", "relay",
        samples.resolve("postfix/forward-bounce.log").toString(), samples.resolve("exim/relay-mainlog.log").toString()),
        path));
    runs.put("ingest", Distribution.run(List.of(launcher.toString(), "ingest", index,
        samples.resolve("postfix/forward-bounce.log").toString()), path));
    runs.put("query", Distribution.run(List.of(launcher.toString(), "query", index, "--limit", "3", "status:delivered"),
        path));
    runs.forEach((command, run) -> {
      assertThat(run.exitCode()).as(command + ": " + run.err()).isZero();
      assertThat(run.err().lines()).as(command + ": " + run.err()).isNotEmpty()
          .allSatisfy(line -> assertThat(OWN_LINES).anySatisfy(own -> assertThat(line).matches(own)));
    });
    assertThat(runs.get("report relay").out()).contains("example.com");
    assertThat(runs.get("query").out()).contains("delivered");
    assertThat(runs.get("query").err()).contains(" of ").contains(" hits shown");
  }
}
