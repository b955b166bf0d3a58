package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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
    assertThat(options).startsWith(Runtime.version().feature() >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=")
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

  @Test
  void offMeansNoArchiveAndNoBackgroundWork(@TempDir Path temp) throws Exception {
    String launcher = Distribution.home().resolve("bin/smtplog").toString();
    Distribution.Run run = Distribution.run(List.of(launcher, "explain", "251"),
        Map.of("SMTPLOG_CDS", "off", "XDG_CACHE_HOME", temp.toString()));
    assertThat(run.exitCode()).isZero();
    assertThat(temp.resolve("smtplog")).doesNotExist();
  }
}
