package io.smtplog.cli.startup;

import io.smtplog.cli.AnalyzerCli;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the start-up archive: the commands people run most, on small generated Postfix
 * and Exim logs in a temporary folder, their output thrown away. The JVM that runs it records the
 * classes they load ({@code -XX:DumpLoadedClassList}, or the AOT cache of JDK 25), and those classes
 * are what the archive holds, whatever the command that happened to run first.
 */
public final class Training {
  private Training() {}

  /** The commands, {@code {dir}} standing for the temporary folder. */
  static final List<List<String>> COMMANDS = List.of(
      List.of("generate", "--mta", "postfix", "--lines", "4000", "-o", "{dir}/mail.log"),
      List.of("generate", "--mta", "exim", "--lines", "4000", "-o", "{dir}/mainlog"),
      List.of("explain", "251"),
      List.of("explain", "250", "251"),
      List.of("report", "relay", "{dir}/mail.log", "{dir}/mainlog"),
      List.of("report", "relay", "--format", "csv", "{dir}/mail.log"),
      List.of("report", "relay", "--format", "json", "{dir}/mainlog"),
      List.of("report", "summary", "{dir}/mail.log", "{dir}/mainlog"),
      List.of("report", "codes", "{dir}/mail.log"),
      List.of("classify", "251 2.1.5 User not local; will forward to <postmaster@example.net>"),
      List.of("ingest", "--index", "{dir}/index", "{dir}/mail.log", "{dir}/mainlog"),
      List.of("query", "--index", "{dir}/index", "status:bounced"),
      List.of("query", "--index", "{dir}/index", "--facet", "domain", "rcpt_code:250"),
      List.of("report", "relay", "--index", "{dir}/index"));

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("smtplog-training");
    try {
      PrintWriter err = new PrintWriter(Writer.nullWriter());
      for (List<String> command : COMMANDS) {
        String[] line = command.stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
        AnalyzerCli.run(OutputStream.nullOutputStream(), err, line);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
