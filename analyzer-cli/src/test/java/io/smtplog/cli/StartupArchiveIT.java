package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, start-up: the installed launcher builds a class-data sharing archive in the background of
 * its first run (io.smtplog.cli.startup.ArchiveBuilder), uses it from the next run on, and a run with
 * it prints exactly what a run without it prints, with nothing on standard error.
 */
class StartupArchiveIT {
  private static Map<String, String> cache(Path folder) {
    return Map.of("SMTPLOG_CDS", "on", "XDG_CACHE_HOME", folder.toString());
  }

  @Test
  void firstRunBuildsTheArchive_nextRunsLoadSmtplogFromIt(@TempDir Path temp) throws Exception {
    String launcher = Distribution.home().resolve("bin/smtplog").toString();
    Path sample = Distribution.sourceTree().resolve("sample-logs/postfix");
    List<String> relay = List.of(launcher, "report", "relay", sample.toString());
    Distribution.Run plain = Distribution.run(relay, Map.of());

    Distribution.Run first = Distribution.run(relay, cache(temp));
    assertThat(first.out()).isEqualTo(plain.out()).contains("example.net");
    assertThat(first.err()).isEqualTo(plain.err());
    Path folder = temp.resolve("smtplog");
    Path flags = Distribution.waitForStartupArchive(folder);
    String options = Files.readString(flags).strip();
    assertThat(options).startsWith("-XX:SharedArchiveFile=")
        .contains(folder.toString());
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString().replaceAll("^[0-9]+", "KEY")))
          .containsExactlyInAnyOrder("KEY.lock", "KEY.flags", Runtime.version().feature() >= 25 ? "KEY.aot" : "KEY.jsa");
    }

    // The JVM says where each class came from: smtplog's own from the archive, not the jar.
    Path classLog = temp.resolve("classes.log");
    Distribution.Run second = Distribution.run(relay, Map.of("SMTPLOG_CDS", "on", "XDG_CACHE_HOME", temp.toString(),
        "JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classLog));
    assertThat(second.out()).isEqualTo(plain.out());
    // The JVM notes that it picked up JDK_JAVA_OPTIONS; the rest is smtplog's own line.
    assertThat(second.err().replaceFirst("NOTE: Picked up JDK_JAVA_OPTIONS: [^\n]*\n", ""))
        .isEqualTo(plain.err()).startsWith("Read ");
    List<String> loaded = Files.readAllLines(classLog);
    assertThat(loaded).anyMatch(line -> line.contains("io.smtplog.cli.TopCommand source: shared objects file"))
        .anyMatch(line -> line.contains("io.smtplog.core.report.RelayCollector source: shared objects file"));
    assertThat(loaded.stream().filter(line -> line.contains("source: file:")).count())
        .as("classes still read from the jar").isLessThan(60);
  }

  @Test
  void anArchiveThatNoLongerMatches_isIgnoredSilently_andOldKeysArePruned(@TempDir Path temp) throws Exception {
    String launcher = Distribution.home().resolve("bin/smtplog").toString();
    Path folder = Files.createDirectories(temp.resolve("smtplog"));
    // Four older builds' files, the oldest first; a build keeps the newest three keys (its own among them).
    for (int i = 1; i <= 4; i++) {
      for (String suffix : List.of(".lock", ".jsa", ".flags")) {
        Path file = Files.writeString(folder.resolve("1000" + i + suffix), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-0" + i + "T00:00:00Z")));
      }
    }
    Distribution.Run first = Distribution.run(List.of(launcher, "explain", "251"), cache(temp));
    assertThat(first.err()).isEmpty();
    Distribution.waitForStartupArchive(folder);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("1000")))
          .containsExactlyInAnyOrder("10003.lock", "10003.jsa", "10003.flags", "10004.lock", "10004.jsa", "10004.flags");
    }
    // A damaged archive under the current key: the JVM runs without it and says nothing.
    Path archive;
    try (Stream<Path> files = Files.list(folder)) {
      archive = files.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot"))
          .filter(p -> !p.getFileName().toString().startsWith("1000")).findFirst().orElseThrow();
    }
    Files.delete(archive);
    Files.writeString(archive, "not an archive");
    Distribution.Run damaged = Distribution.run(List.of(launcher, "explain", "251"), cache(temp));
    assertThat(damaged.exitCode()).isZero();
    assertThat(damaged.err()).isEmpty();
    assertThat(damaged.out()).isEqualTo(first.out()).startsWith("SMTP 251 ");
  }

  /**
   * One `java` command, two JDKs behind it: version managers (asdf, jenv, mise) put a shim script on the
   * PATH that runs the JDK chosen for the folder or the shell, so the launcher's key (the jar and the java
   * it finds: path, size, time) cannot tell JDK 25 from JDK 17. The options read from an archive built by
   * one must still start the other, silently (JDK 17 refuses -XX:AOTCache and -Xlog:aot as errors).
   */
  @Test
  void anArchiveBuiltByJdk25_neverStopsJdk17_behindTheSameJavaCommand(@TempDir Path temp) throws Exception {
    Path jdk25 = Distribution.javaHome(25).orElse(null);
    Path jdk17 = Distribution.javaHome(17).orElse(null);
    assumeTrue(jdk25 != null && jdk17 != null, "needs a JDK 25 and a JDK 17 (the build's JDK, or under /usr/lib/jvm)");
    Path bin = Files.createDirectories(temp.resolve("shims"));
    Path shim = Files.writeString(bin.resolve("java"), "#!/bin/sh\nexec \"$SHIM_JAVA_HOME/bin/java\" \"$@\"\n");
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    String launcher = Distribution.home().resolve("bin/smtplog").toString();
    List<String> explain = List.of(launcher, "explain", "251");
    Map<String, String> environment = new HashMap<>(cache(temp));
    environment.put("PATH", bin + ":" + System.getenv("PATH"));

    environment.put("SHIM_JAVA_HOME", jdk25.toString());
    Distribution.Run first = Distribution.run(explain, environment);
    assertThat(first.exitCode()).isZero();
    Distribution.waitForStartupArchive(temp.resolve("smtplog"));
    Distribution.Run withArchive = Distribution.run(explain, environment);
    assertThat(withArchive.err()).isEmpty();
    assertThat(withArchive.out()).isEqualTo(first.out()).startsWith("SMTP 251 ");

    environment.put("SHIM_JAVA_HOME", jdk17.toString());
    Distribution.Run otherJdk = Distribution.run(explain, environment);
    assertThat(otherJdk.err()).isEmpty();
    assertThat(otherJdk.exitCode()).isZero();
    assertThat(otherJdk.out()).isEqualTo(first.out());
  }

  /**
   * A relative XDG_CACHE_HOME is ignored (XDG Base Directory Specification: "If an implementation
   * encounters a relative path in any of these variables it should consider the path invalid and ignore
   * it"): used, it would put a cache folder into every folder smtplog is run from.
   */
  @Test
  void aRelativeCacheHomeIsIgnored_noFolderIsMadeWhereSmtplogRuns(@TempDir Path temp) throws Exception {
    String launcher = Distribution.home().resolve("bin/smtplog").toString();
    Path work = Files.createDirectories(temp.resolve("work"));
    Path home = Files.createDirectories(temp.resolve("home"));
    Distribution.Run run = Distribution.run(List.of("sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh",
        work.toString(), launcher, "explain", "251"),
        Map.of("SMTPLOG_CDS", "on", "XDG_CACHE_HOME", "relative-cache", "HOME", home.toString()));
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    Distribution.waitForStartupArchive(home.resolve(".cache/smtplog"));
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).isEmpty();
    }
  }

  /**
   * SMTPLOG_JAVA_OPTS is for smtplog's JVM only: the background build runs with the launcher's own
   * settings, or a debugger agent listening on a port there would be taken by the builder's JVMs before
   * smtplog's (which then fails to start), and a GC log or heap dump file named there written by them.
   */
  @Test
  void theUsersJavaOptions_areNotTheBackgroundBuilds(@TempDir Path temp) throws Exception {
    String launcher = Distribution.home().resolve("bin/smtplog").toString();
    Path gcLogs = Files.createDirectories(temp.resolve("gc"));
    Map<String, String> environment = new HashMap<>(cache(temp));
    environment.put("SMTPLOG_JAVA_OPTS", "-Xmx256m -Xlog:gc:file=" + gcLogs + "/gc-%p.log");
    Distribution.Run run = Distribution.run(List.of(launcher, "explain", "251"), environment);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("SMTP 251 ");
    // Still building (it takes seconds): at the lowest priority, so that it does not slow smtplog's run.
    List<Integer> niceness = builderNiceness(temp.resolve("smtplog"));
    assertThat(niceness).as("the builder's niceness (/proc/PID/stat)").isNotEmpty().allMatch(n -> n == 19);
    Distribution.waitForStartupArchive(temp.resolve("smtplog"));
    try (Stream<Path> files = Files.list(gcLogs)) {
      assertThat(files.map(p -> p.getFileName().toString().replaceFirst("\\.log.*", "")).distinct())
          .as("the JVMs that wrote a GC log").hasSize(1);
    }
  }

  @Test
  void offMeansNoArchiveAndNoBackgroundWork(@TempDir Path temp) throws Exception {
    String launcher = Distribution.home().resolve("bin/smtplog").toString();
    Distribution.Run run = Distribution.run(List.of(launcher, "explain", "251"),
        Map.of("SMTPLOG_CDS", "off", "XDG_CACHE_HOME", temp.toString()));
    assertThat(run.exitCode()).isZero();
    assertThat(temp.resolve("smtplog")).doesNotExist();
  }

  /** The niceness of the running ArchiveBuilder JVMs that build into {@code folder} (Linux /proc). */
  private static List<Integer> builderNiceness(Path folder) throws Exception {
    List<Integer> found = new java.util.ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
          if (command.contains("io.smtplog.cli.startup.ArchiveBuilder " + folder + " ")) {
            String stat = Files.readString(process.resolve("stat"));
            // after "PID (COMM) ", the niceness is the 17th field (proc(5): field 19)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            found.add(Integer.parseInt(fields[16]));
          }
        } catch (java.io.IOException gone) {
          // the process ended while it was listed
        }
      }
    }
    return found;
  }
}
