package io.smtplog.cli.option;

import io.smtplog.core.ingest.SkippedFile;
import io.smtplog.core.report.format.SafeText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files of the named folders that were not read, for people: one line per reason, naming the
 * files (up to {@value #NAMED} of a reason; more by their endings, "*.expected.json"), so no log is
 * left out without a word. Names are cleaned of control characters (a file name is anyone's text).
 */
public final class SkipSummary {
  /** Names shown per reason: a folder of reports beside its logs stays one readable line. */
  static final int NAMED = 5;
  /** Endings shown for more files than that. */
  static final int PATTERNS = 8;

  private SkipSummary() {}

  /** "skipped 1 file: logs/core.bin (binary data, not a compressed log)", one per reason, most expected first. */
  public static List<String> lines(List<SkippedFile> skipped) {
    Map<SkippedFile.Why, List<SkippedFile>> byWhy = new EnumMap<>(SkippedFile.Why.class);
    skipped.forEach(s -> byWhy.computeIfAbsent(s.why(), w -> new ArrayList<>()).add(s));
    List<String> lines = new ArrayList<>();
    byWhy.forEach((why, files) -> {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "skipped %,d %s: ", files.size(),
          files.size() == 1 ? "file" : "files"));
      if (files.size() <= NAMED) {
        files.forEach(f -> line.append(f == files.get(0) ? "" : ", ").append(name(f)));
      } else {
        line.append(String.join(", ", patterns(files)));
      }
      lines.add(SafeText.stripControls(line.append(" (").append(why.meaning()).append(')').toString()));
    });
    return lines;
  }

  /**
   * The names of many files by their endings from the first dot, in the order found ("*.expected.json",
   * "*.swaks.txt"; a name without a dot as it is): the reports beside a folder of logs in a few words.
   */
  private static List<String> patterns(List<SkippedFile> files) {
    Set<String> patterns = new LinkedHashSet<>();
    for (SkippedFile skipped : files) {
      Path name = skipped.file().getFileName();
      String text = name == null ? skipped.file().toString() : name.toString();
      int dot = text.indexOf('.', 1);
      patterns.add(dot < 0 ? text : "*" + text.substring(dot));
    }
    List<String> shown = new ArrayList<>(patterns);
    if (shown.size() > PATTERNS) {
      int more = shown.size() - PATTERNS;
      shown = new ArrayList<>(shown.subList(0, PATTERNS));
      shown.add(String.format(Locale.ROOT, "%,d more %s", more, more == 1 ? "kind" : "kinds"));
    }
    return shown;
  }

  /** The path as found below the folder named; a folder ends with a slash. */
  private static String name(SkippedFile skipped) {
    String name = skipped.file().toString();
    return Files.isDirectory(skipped.file()) ? name + "/" : name;
  }
}
