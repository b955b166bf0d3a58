package io.smtplog.core.live;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the tests run as a process when it is installed (promtool from Debian's
 * prometheus package, systemd-analyze from systemd): found on the PATH, run with a given standard
 * input, its exit code and output (stdout and stderr together) kept.
 */
record ExternalTool(Path executable) {
  /** A guard against a hung tool, not a timing: the tools answer in well under a second. */
  private static final long WAIT_SECONDS = 120;

  /** The run of a tool: its exit code and what it printed. */
  record Run(int exitCode, String output) {}

  /** The tool {@code name} on the PATH, when it is there. */
  static Optional<ExternalTool> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new ExternalTool(candidate));
      }
    }
    return Optional.empty();
  }

  /** Runs the tool with {@code arguments}, {@code stdin} on its standard input. */
  Run run(String stdin, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
