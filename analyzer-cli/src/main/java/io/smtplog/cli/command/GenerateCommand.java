package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.bench.PostfixLogGenerator;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code smtplog generate}: a large synthetic Postfix log for benchmarks (bench/run-relay-bench.sh). */
@Command(name = "generate", hidden = true, mixinStandardHelpOptions = true,
    description = "Write a realistic synthetic Postfix log of about SIZE megabytes, for benchmarks.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--megabytes", paramLabel = "SIZE", description = "Approximate size. Default: ${DEFAULT-VALUE}.")
  long megabytes = 100;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the log.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (megabytes < 1) {
      throw new UserError(ExitCodes.USAGE, "--megabytes must be at least 1");
    }
    try (Writer w = new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
      long lines = new PostfixLogGenerator(w, seed).generate(megabytes * 1_000_000L);
      spec.commandLine().getErr().printf("wrote %s: %,d lines, %,d bytes%n", output, lines, Files.size(output));
    }
    return ExitCodes.OK;
  }
}
