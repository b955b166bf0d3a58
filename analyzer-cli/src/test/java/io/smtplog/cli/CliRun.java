package io.smtplog.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its output and exit code. */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // The tree main() builds: only the command that args name (AnalyzerCli.SUBCOMMANDS).
    int code = AnalyzerCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The rows of the relay section of a JSON report (the domains, then the totals row "*"). */
  static com.fasterxml.jackson.databind.JsonNode relayRows(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("sections").path("relay").path("rows");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The totals row "*" of the relay section of a JSON report. */
  static com.fasterxml.jackson.databind.JsonNode relayTotals(String json) {
    com.fasterxml.jackson.databind.JsonNode rows = relayRows(json);
    return rows.get(rows.size() - 1);
  }

  static Path sample(String relative) {
    String dir = System.getProperty("sampleLogs.dir", "../sample-logs");
    return Path.of(dir).resolve(relative).toAbsolutePath().normalize();
  }
}
