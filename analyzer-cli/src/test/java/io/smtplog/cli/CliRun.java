package io.smtplog.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its output and exit code. */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AnalyzerCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static Path sample(String relative) {
    String dir = System.getProperty("sampleLogs.dir", "../sample-logs");
    return Path.of(dir).resolve(relative).toAbsolutePath().normalize();
  }
}
