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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns command-line arguments into the ordered list of inputs: "-" is standard input, a file is
 * read as named, a directory contributes the log files below it. Rotated sets are read oldest
 * first ({@code mail.log.3.gz, mail.log.2.gz, mail.log.1, mail.log}; dated suffixes
 * {@code mail.log-20240501} in date order before the live file), so a message that spans a
 * rotation is seen in order. In a folder, only files that are clearly no log are skipped, each
 * with its reason ({@link SkippedFile}); any other file is read, and what in it is no mail event
 * is counted ("mail-2024.txt" is read: a log is never left out for its name alone).
 */
public final class InputResolver {
  /** Endings of reports, documents, data and scripts kept beside logs. */
  private static final List<String> NOT_LOGS = List.of(".json", ".csv", ".md", ".html", ".htm",
      ".sh", ".py", ".xml", ".yaml", ".yml", ".properties", ".java", ".pl", ".rb", ".go");
  /** Endings of files a daemon keeps beside its logs while it runs. */
  private static final List<String> PID_OR_LOCK = List.of(".pid", ".lock");
  /** Endings of vim's swap files (a hidden ".name.swp" is hidden first). */
  private static final List<String> SWAP_FILES = List.of(".swp", ".swo");
  /** The ending of notes and reports that may be named after a log ("mail.pflogsumm.txt"). */
  private static final String TEXT = ".txt";

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
   * As {@link #resolve(List)}, with the files of the named folders that are not read, and why
   * (a file named as an argument is always read).
   */
  public static ResolvedInputs resolveAll(List<String> arguments) throws IOException {
    return resolveAll(arguments, DirectoryCheck.FILE_SYSTEM);
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
    return resolveAll(arguments, check).inputs();
  }

  static ResolvedInputs resolveAll(List<String> arguments, DirectoryCheck check) throws IOException {
    List<LogInput> inputs = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals(LogInput.STDIN)) {
        inputs.add(LogInput.stdin());
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        inputs.addAll(logsBelow(path, check, skipped));
      } else if (Files.exists(path)) {
        inputs.add(LogInput.of(path)); // a file, or a pipe or device read as a stream
      } else if (!Files.notExists(path)) {
        // Neither there nor not there: a directory on its way refuses to be searched.
        inputs.add(LogInput.unreadable(path, "permission denied"));
      } else {
        throw new NoSuchFileException(argument, null, "no such file or directory");
      }
    }
    return new ResolvedInputs(sortRotations(once(inputs)), skipped);
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

  private static List<LogInput> logsBelow(Path directory, DirectoryCheck check, List<SkippedFile> skipped)
      throws IOException {
    List<LogInput> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        Optional<String> refused = check.refusal(dir);
        if (refused.isPresent()) {
          found.add(LogInput.unreadable(dir, refused.get()));
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (!dir.equals(directory) && dir.getFileName().toString().startsWith(".")) {
          // .git, .snapshot, .Trash-1000: not the logs of the folder named (name it to read it)
          skipped.add(new SkippedFile(dir, SkippedFile.Why.HIDDEN));
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        files.add(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        // A subdirectory that cannot be listed: said once, and the rest is read.
        found.add(LogInput.unreadable(file, reasonOf(e)));
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(Comparator.naturalOrder());
    Map<Path, Set<String>> logStems = logStems(files);
    for (Path file : files) {
      Optional<SkippedFile.Why> why = whyNotRead(file, logStems.getOrDefault(file.getParent(), Set.of()));
      if (why.isPresent()) {
        skipped.add(new SkippedFile(file, why.get()));
      } else {
        found.add(LogInput.of(file));
      }
    }
    found.sort(Comparator.comparing(i -> i.path().orElseThrow()));
    return found;
  }

  /**
   * Why a file found in a folder is not read, or empty when it is read. Only clear cases are
   * skipped: its kind (a pipe, a socket), its name (hidden, an editor's or a daemon's file, a
   * report named after a log beside it, a document or script by its ending), or binary content
   * that is no compressed log. Any other file is read: a log named "mail-2024.txt" or "maillog"
   * is one, and a text that is no log shows as counted problems, never as nothing.
   */
  static Optional<SkippedFile.Why> whyNotRead(Path file, Set<String> logStemsBeside) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String base = RotatedName.of(name).base();
    SkippedFile.Why why = !Files.isRegularFile(file) ? SkippedFile.Why.NOT_A_REGULAR_FILE
        : name.startsWith(".") ? SkippedFile.Why.HIDDEN
        : isEditorFile(name) ? SkippedFile.Why.EDITOR_FILE
        : endsWithAny(base, PID_OR_LOCK) ? SkippedFile.Why.PID_OR_LOCK
        : name.contains(".expected") || isNamedAfterLog(name, logStemsBeside) ? SkippedFile.Why.NAMED_AFTER_A_LOG
        : endsWithAny(base, NOT_LOGS) ? SkippedFile.Why.NOT_A_LOG_BY_NAME
        : FileContent.isBinary(file) ? SkippedFile.Why.BINARY
        : null;
    return Optional.ofNullable(why);
  }

  /** "mail.log~" (Emacs, many others), "#mail.log#" (Emacs auto-save), "mail.log.swp" (vim). */
  private static boolean isEditorFile(String name) {
    return name.endsWith("~") || (name.length() > 1 && name.startsWith("#") && name.endsWith("#"))
        || endsWithAny(name, SWAP_FILES);
  }

  /**
   * True for a report or notes named after a log in the same folder: its first name part is the
   * log's, and it has a kind between ("loopback-relay.pflogsumm.txt", "relay-mainlog.swaks.txt",
   * "smtplib-sink.sessions.txt" beside "smtplib-sink.transcript", "mail-2024.pflogsumm.txt" beside
   * "mail-2024.txt"). "maillog.txt" beside "maillog.1" has no kind between, so it is read; so is a
   * log copied with a ".txt" after its rotation or date ("mail.log.1.txt", "mail.2024-01.txt" beside
   * "mail.log"): a kind is a word.
   */
  private static boolean isNamedAfterLog(String name, Set<String> logStemsBeside) {
    String[] parts = name.split("\\.");
    boolean reportEnding = name.endsWith(TEXT) || endsWithAny(name, NOT_LOGS);
    return parts.length >= 3 && reportEnding && logStemsBeside.contains(parts[0])
        && Arrays.stream(parts, 1, parts.length - 1).allMatch(InputResolver::isKindOfReport);
  }

  /** A word that names a kind of report ("pflogsumm", "swaks", "expected"): letters, and not "log". */
  private static boolean isKindOfReport(String part) {
    return !part.isEmpty() && !part.equals("log") && part.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '-' || c == '_');
  }

  /** For each folder, the first name parts of the files in it that are named as logs. */
  private static Map<Path, Set<String>> logStems(List<Path> files) {
    Map<Path, Set<String>> stems = new HashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      String base = RotatedName.of(name).base();
      // "mail-2024.txt" is read as a log (a name and ".txt", nothing between), so it has reports too.
      boolean plainText = base.endsWith(TEXT) && name.split("\\.").length == 2;
      boolean namedAsLog = !name.startsWith(".") && !isEditorFile(name) && !name.contains(".expected")
          && (plainText || !base.endsWith(TEXT)) && !endsWithAny(base, NOT_LOGS) && !endsWithAny(base, PID_OR_LOCK);
      int dot = name.indexOf('.');
      if (namedAsLog && dot > 0) {
        stems.computeIfAbsent(file.getParent(), p -> new HashSet<>()).add(name.substring(0, dot));
      }
    }
    return stems;
  }

  private static boolean endsWithAny(String name, List<String> endings) {
    return endings.stream().anyMatch(name::endsWith);
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
