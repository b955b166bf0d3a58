package io.smtplog.cli.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the start-up archive of one jar on one JDK, once, in the background of the first run (the
 * launcher starts it). Most of a short command's time is the JVM loading, verifying and linking a few
 * thousand classes from the jar, picocli's among them; a class-data sharing archive maps them ready
 * made. Two kinds, by the JDK that runs:
 * <ul>
 *   <li>up to JDK 24, a static AppCDS archive: {@link Training} runs with {@code -XX:DumpLoadedClassList},
 *       then {@code -Xshare:dump} archives the listed classes. Not the dynamic archive
 *       ({@code -XX:ArchiveClassesAtExit}): it leaves out classes of class-file version 49 and older, and
 *       picocli is compiled for Java 5, so that its 176 classes were still loaded from the jar;
 *   <li>from JDK 25, the AOT cache (JEP 483, created in one step by JEP 514's {@code -XX:AOTCacheOutput}):
 *       classes loaded and linked ahead of time.
 * </ul>
 * The launcher then reads the JVM options that use the archive from {@code KEY.flags}, written last and
 * only once a JVM has been seen to start with them: {@code -XX:SharedArchiveFile} for both kinds, so that
 * they start any JDK from 17 on. A {@code KEY.lock} file makes the build happen once
 * per key (jar and JDK), even when it failed: a failure costs nothing but the start-up it would have
 * saved. Only the newest {@value #KEEP} archives are kept in the folder.
 */
public final class ArchiveBuilder {
  static final int KEEP = 3;
  static final int AOT_CACHE_FEATURE = 25;
  private static final long CHILD_TIMEOUT_SECONDS = 300;
  private static final Pattern OURS = Pattern.compile("[0-9a-z]+\\.(jsa|aot|lst|flags|lock|tmp|aotconf)");

  private final Path folder;
  private final String key;
  private final Path jar;
  private final List<String> jvmOptions;
  private final String java;

  ArchiveBuilder(Path folder, String key, Path jar, List<String> jvmOptions, String java) {
    this.folder = folder;
    this.key = key;
    this.jar = jar;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.java = java;
  }

  /** {@code ArchiveBuilder FOLDER KEY JAR [JVM-OPTION...]}: exit 0 whether or not an archive came of it. */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: ArchiveBuilder FOLDER KEY JAR [JVM-OPTION...]");
      System.exit(2);
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ArchiveBuilder builder = new ArchiveBuilder(Path.of(args[0]), args[1], Path.of(args[2]),
        Arrays.asList(args).subList(3, args.length), java);
    try {
      builder.build();
    } catch (IOException | InterruptedException e) {
      // Nothing to tell: the launcher runs without an archive, as before.
    }
  }

  /** Builds the archive unless another run has started to; returns the options that use it, if any. */
  Optional<String> build() throws IOException, InterruptedException {
    Files.createDirectories(folder);
    if (!key.matches("[0-9a-z]+")) {
      return Optional.empty();
    }
    try {
      Files.createFile(folder.resolve(key + ".lock"));
    } catch (FileAlreadyExistsException e) {
      return Optional.empty();
    }
    prune();
    boolean aotCache = Runtime.version().feature() >= AOT_CACHE_FEATURE;
    Path archive = folder.resolve(key + (aotCache ? ".aot" : ".jsa"));
    Path building = folder.resolve(key + ".tmp");
    try {
      Files.deleteIfExists(building);
      boolean built = aotCache ? buildAotCache(building) : buildStaticArchive(building);
      if (!built || !Files.isRegularFile(building)) {
        return Optional.empty();
      }
      Files.move(building, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      // A child that failed or was stopped at its time limit may leave a part-written archive.
      Files.deleteIfExists(building);
    }
    // The same options for both kinds, which every JDK from 17 on accepts: the launcher's key cannot tell
    // two JDKs behind one `java` (a version manager's shim script), and JDK 17 refuses to start with
    // -XX:AOTCache or -Xlog:aot (unknown option, unknown log tag). JDK 25 maps its AOT cache named by
    // -XX:SharedArchiveFile as it does by -XX:AOTCache, and any JDK passes over an archive that is not its
    // own silently, its notes being logged under the cds tag (turned off here).
    String options = "-XX:SharedArchiveFile=" + archive + " -Xlog:cds*=off";
    // The launcher splits the options on spaces: a folder whose name has one cannot be named in them.
    if (archive.toString().chars().anyMatch(Character::isWhitespace) || !starts(archive)) {
      Files.deleteIfExists(archive);
      return Optional.empty();
    }
    Path flags = folder.resolve(key + ".flags");
    Path flagsTmp = folder.resolve(key + ".flags.tmp");
    Files.writeString(flagsTmp, options + "\n", StandardCharsets.UTF_8);
    Files.move(flagsTmp, flags, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Optional.of(options);
  }

  private boolean buildStaticArchive(Path building) throws IOException, InterruptedException {
    Path classList = folder.resolve(key + ".lst");
    try {
      List<String> training = new ArrayList<>(List.of(java));
      training.addAll(jvmOptions);
      training.addAll(List.of("-XX:DumpLoadedClassList=" + classList, "-cp", jar.toString(), Training.class.getName()));
      if (!run(training) || !Files.isRegularFile(classList)) {
        return false;
      }
      return run(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
          "-XX:SharedArchiveFile=" + building, "-cp", jar.toString()));
    } finally {
      Files.deleteIfExists(classList);
    }
  }

  private boolean buildAotCache(Path building) throws IOException, InterruptedException {
    List<String> training = new ArrayList<>(List.of(java));
    training.addAll(jvmOptions);
    training.addAll(List.of("-XX:AOTCacheOutput=" + building, "-cp", jar.toString(), Training.class.getName()));
    try {
      return run(training);
    } finally {
      Files.deleteIfExists(Path.of(building + ".config"));
    }
  }

  /** Whether a JVM starts with the archive required, named as the launcher will name it. */
  private boolean starts(Path archive) throws IOException, InterruptedException {
    List<String> check = new ArrayList<>(List.of(java));
    check.addAll(jvmOptions);
    check.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString(), "-version"));
    return run(check);
  }

  private static boolean run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return false;
    }
    return process.exitValue() == 0;
  }

  /** Removes the files of all but the newest {@value #KEEP} keys (a rebuilt jar has a new key). */
  private void prune() throws IOException {
    List<Path> ours;
    try (Stream<Path> files = Files.list(folder)) {
      ours = files.filter(p -> OURS.matcher(p.getFileName().toString()).matches()).toList();
    }
    List<String> keys = ours.stream()
        .filter(p -> p.getFileName().toString().endsWith(".lock"))
        .sorted(Comparator.comparing(ArchiveBuilder::modified).reversed())
        .map(p -> keyOf(p))
        .toList();
    List<String> kept = keys.subList(0, Math.min(KEEP, keys.size()));
    for (Path file : ours) {
      if (!kept.contains(keyOf(file)) && !keyOf(file).equals(key)) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static String keyOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.indexOf('.'));
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
