package io.smtplog.core.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns command-line arguments into the ordered list of inputs: "-" is standard input, a file is
 * read as named, a directory contributes the log files below it. Rotated sets are read oldest
 * first ({@code mail.log.3.gz, mail.log.2.gz, mail.log.1, mail.log}; dated suffixes
 * {@code mail.log-20240501} in date order before the live file), so a message that spans a
 * rotation is seen in order.
 */
public final class InputResolver {
  private static final List<String> NOT_LOGS = List.of(".json", ".txt", ".csv", ".md", ".html", ".htm",
      ".sh", ".py", ".xml", ".yaml", ".yml", ".properties", ".java", ".pl", ".rb", ".go");

  private InputResolver() {}

  /**
   * Resolves arguments in order; throws {@link NoSuchFileException} naming the first argument that
   * does not exist. A pipe or device ({@code <(cmd)}, a named pipe, {@code /dev/stdin}) is read as
   * a stream, like "-". A directory below an argument that cannot be listed (permission denied)
   * becomes an {@linkplain LogInput#unreadable unreadable} input, reported when read, and the rest
   * is read.
   */
  public static List<LogInput> resolve(List<String> arguments) throws IOException {
    return resolve(arguments, DirectoryCheck.FILE_SYSTEM);
  }

  /**
   * Why a directory cannot be listed, checked before it is (empty: it can be tried). The file
   * system says so itself when it refuses; a test running as root, whom permissions do not stop,
   * gives its own.
   */
  @FunctionalInterface
  interface DirectoryCheck {
    DirectoryCheck FILE_SYSTEM = directory -> Optional.empty();

    Optional<String> refusal(Path directory);
  }

  static List<LogInput> resolve(List<String> arguments, DirectoryCheck check) throws IOException {
    List<LogInput> inputs = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals(LogInput.STDIN)) {
        inputs.add(LogInput.stdin());
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        inputs.addAll(logsBelow(path, check));
      } else if (Files.exists(path)) {
        inputs.add(LogInput.of(path)); // a file, or a pipe or device read as a stream
      } else if (!Files.notExists(path)) {
        // Neither there nor not there: a directory on its way refuses to be searched.
        inputs.add(LogInput.unreadable(path, "permission denied"));
      } else {
        throw new NoSuchFileException(argument, null, "no such file or directory");
      }
    }
    return sortRotations(once(inputs));
  }

  /**
   * Each file once, however often it is named (a file and its folder, a link beside it): read
   * twice, every line of it would count twice. Standard input and unreadable inputs are kept.
   */
  private static List<LogInput> once(List<LogInput> inputs) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<LogInput> out = new ArrayList<>(inputs.size());
    for (LogInput input : inputs) {
      if (input.path().isEmpty() || input.unreadable().isPresent() || seen.add(realName(input.path().get()))) {
        out.add(input);
      }
    }
    return out;
  }

  private static String realName(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize().toString();
    }
  }

  private static List<LogInput> logsBelow(Path directory, DirectoryCheck check) throws IOException {
    List<LogInput> found = new ArrayList<>();
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        Optional<String> refused = check.refusal(dir);
        if (refused.isPresent()) {
          found.add(LogInput.unreadable(dir, refused.get()));
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (Files.isRegularFile(file) && looksLikeLog(file)) {
          found.add(LogInput.of(file));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        // A subdirectory that cannot be listed: said once, and the rest is read.
        found.add(LogInput.unreadable(file, reasonOf(e)));
        return FileVisitResult.CONTINUE;
      }
    });
    found.sort(Comparator.comparing(i -> i.path().orElseThrow()));
    return found;
  }

  /** Why a path could not be read, in a few words ("permission denied"). */
  static String reasonOf(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory (removed while the directory was listed?)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** In a directory, skip hidden files and reports, scripts or notes kept beside the logs. */
  static boolean looksLikeLog(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.startsWith(".") || name.contains(".expected")) {
      return false;
    }
    String base = RotatedName.of(name).base();
    return NOT_LOGS.stream().noneMatch(base::endsWith);
  }

  /** Keeps the argument order of unrelated inputs; puts each rotated family oldest first, together. */
  static List<LogInput> sortRotations(List<LogInput> inputs) {
    List<LogInput> sorted = new ArrayList<>(inputs);
    // Stable sort by family (first appearance), then age within the family.
    List<String> families = new ArrayList<>();
    for (LogInput input : inputs) {
      String family = family(input);
      if (!families.contains(family)) {
        families.add(family);
      }
    }
    sorted.sort(Comparator.comparingInt((LogInput i) -> families.indexOf(family(i)))
        .thenComparing(i -> RotatedName.of(fileName(i)), RotatedName.OLDEST_FIRST));
    return sorted;
  }

  private static String family(LogInput input) {
    if (input.isStdin()) {
      return "\0stdin";
    }
    Path parent = input.path().get().toAbsolutePath().getParent();
    return parent + "/" + RotatedName.of(fileName(input)).base();
  }

  private static String fileName(LogInput input) {
    return input.path().map(p -> p.getFileName().toString()).orElse(LogInput.STDIN);
  }
}
