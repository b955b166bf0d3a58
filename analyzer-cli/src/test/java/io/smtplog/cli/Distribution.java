package io.smtplog.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The distribution archive that {@code package} built, unpacked once under target/ for the *IT
 * tests (failsafe runs them after package), and the processes they start.
 */
final class Distribution {
  static final String COMMAND = "smtplog";
  private static final long TIMEOUT_SECONDS = 120;
  private static Path home;

  private Distribution() {}

  /** target/smtplog-VERSION.tar.gz, as the pom tells failsafe. */
  static Path archive() {
    return Path.of(System.getProperty("smtplog.dist", "target/smtplog-dev.tar.gz")).toAbsolutePath();
  }

  /** The source tree's root, where ./smtplog is. */
  static Path sourceTree() {
    return Path.of(System.getProperty("smtplog.sourceTree", "..")).toAbsolutePath().normalize();
  }

  /** The top folder of the archive, smtplog-VERSION, as its file name says. */
  static String topFolder() {
    String name = archive().getFileName().toString();
    return name.substring(0, name.length() - ".tar.gz".length());
  }

  /** The archive unpacked (with tar, as a person would) into target/it-dist, once per run. */
  static synchronized Path home() throws IOException, InterruptedException {
    if (home == null) {
      Path dir = archive().resolveSibling("it-dist");
      deleteTree(dir);
      Files.createDirectories(dir);
      Run untar = run(List.of("tar", "-xzf", archive().toString(), "-C", dir.toString()), Map.of());
      if (untar.exitCode() != 0) {
        throw new IOException("tar -xzf " + archive() + ": " + untar.err());
      }
      home = dir.resolve(topFolder());
    }
    return home;
  }

  /** Every command a person sees (not hidden) by its qualified name ("smtplog report relay"), the root first. */
  static List<String> qualifiedNames() {
    List<String> names = new ArrayList<>();
    collect(new CommandLine(new AnalyzerCli()), names);
    return names;
  }

  private static void collect(CommandLine command, List<String> names) {
    if (!command.getCommandSpec().usageMessage().hidden()) {
      names.add(command.getCommandSpec().qualifiedName());
      command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, names));
    }
  }

  /** True when {@code program} is on the PATH. */
  static boolean isInstalled(String program) throws IOException, InterruptedException {
    return run(List.of("sh", "-c", "command -v " + program), Map.of()).exitCode() == 0;
  }

  /** Runs a command to its end (at most two minutes) and returns its exit code and both outputs. */
  static Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    // No start-up archive unless a test asks for one (StartupArchiveIT), and never in the user's cache.
    builder.environment().put("SMTPLOG_CDS", "off");
    builder.environment().put("XDG_CACHE_HOME", archive().resolveSibling("it-cache").toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " still running after " + TIMEOUT_SECONDS + " s");
    }
    return new Run(process.exitValue(), out.join(), err.join());
  }

  /**
   * Waits (at most four minutes) for the start-up archive that a launcher's first run builds in the
   * background into {@code folder}, and returns its KEY.flags, which is written last. Files of other
   * keys that a test planted (named 1000N.*) do not count.
   */
  static Path waitForStartupArchive(Path folder) throws IOException, InterruptedException {
    long end = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(4);
    while (System.currentTimeMillis() < end) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          Optional<Path> flags = files.filter(p -> p.toString().endsWith(".flags"))
              .filter(p -> !p.getFileName().toString().startsWith("1000")).findFirst();
          if (flags.isPresent()) {
            return flags.get();
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no start-up archive in " + folder + " after four minutes");
  }

  /** The JDK of that feature release: the build's own when it is this one, else Debian's or Temurin's. */
  static Optional<Path> javaHome(int feature) {
    if (Runtime.version().feature() == feature) {
      return Optional.of(Path.of(System.getProperty("java.home")));
    }
    return Stream.of("/usr/lib/jvm/temurin-" + feature + "-jdk-amd64", "/usr/lib/jvm/java-" + feature + "-openjdk-amd64")
        .map(Path::of)
        .filter(home -> Files.isExecutable(home.resolve("bin/java")))
        .findFirst();
  }

  /** One finished process. */
  record Run(int exitCode, String out, String err) {}

  private static String read(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
  }
}
