package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.report.format.SafeText;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An {@code -o} value as typed. A trailing slash is kept here because {@link Path} drops it, and
 * it says what the user wants: a folder ("-o reports/"), never a file of that name. Immutable.
 */
public record OutputName(String typed, Path path) {
  public OutputName {
    Objects.requireNonNull(typed, "typed");
    Objects.requireNonNull(path, "path");
  }

  /** The value of {@code -o} as given on the command line. */
  public static OutputName of(String typed) {
    return new OutputName(typed, Path.of(typed));
  }

  /**
   * The usual file name ending for output in {@code format} (a format's id, "table", "text"): "txt"
   * for the text formats, "prom" for Prometheus (node_exporter's textfile collector reads *.prom),
   * else the id itself ("csv", "json", "ndjson", "html").
   */
  public static String fileEnding(String format) {
    String id = format.toLowerCase(java.util.Locale.ROOT);
    return switch (id) {
      case "table", "text" -> "txt";
      case "prometheus" -> "prom";
      default -> id;
    };
  }

  /**
   * {@code -o} of {@code command} as typed: picocli keeps the text of an option's value, where the
   * {@link Path} it parsed into has dropped a trailing slash. {@code parsed} alone when there is no
   * command model (an option object made by hand).
   */
  static OutputName typed(CommandSpec command, Path parsed) {
    List<String> typed = command == null ? List.of() : command.findOption("--output").originalStringValues();
    return of(typed.isEmpty() ? parsed.toString() : typed.get(typed.size() - 1));
  }

  /** True when the name ends with a slash: a folder is asked for, existing or not. */
  public boolean asksForFolder() {
    return typed.endsWith("/") || typed.endsWith(File.separator);
  }

  /** True when it asks for a folder or names an existing one. */
  public boolean namesFolder() {
    return asksForFolder() || Files.isDirectory(path);
  }

  /**
   * Refuses a folder where one file is written ({@code what} writes it, e.g. "smtplog sessions" or
   * "--format json"): one line naming the value, the writer and a file to give instead, and
   * {@code alternative} (may be empty) when another way writes to a folder.
   */
  public void refuseFolder(String what, String exampleFile, String alternative) {
    if (!namesFolder()) {
      return;
    }
    String folder = asksForFolder() ? typed : typed + "/";
    throw new UserError(ExitCodes.USAGE, SafeText.stripControls("-o " + typed + " names a folder, but " + what
        + " writes one file: name a file (-o " + folder + exampleFile + ")" + alternative));
  }
}
