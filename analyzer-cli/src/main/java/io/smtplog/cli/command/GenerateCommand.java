package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.bench.EximLogGenerator;
import io.smtplog.cli.bench.PostfixLogGenerator;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtplog generate}: a large synthetic Postfix or Exim log for benchmarks (bench/run-*-bench.sh). */
@Command(name = "generate", hidden = true, mixinStandardHelpOptions = true,
    description = "Write a realistic synthetic Postfix log (or Exim mainlog) of about SIZE megabytes, for benchmarks.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--megabytes", paramLabel = "SIZE", description = "Approximate size. Default: ${DEFAULT-VALUE}.")
  long megabytes = 100;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  /** Which server's log to write. */
  public enum Kind { postfix, exim }

  @Option(names = "--mta", paramLabel = "MTA", description = "postfix or exim. Default: ${DEFAULT-VALUE}.")
  Kind mta = Kind.postfix;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the log.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (megabytes < 1) {
      throw new UserError(ExitCodes.USAGE, "--megabytes must be at least 1");
    }
    try (Writer w = new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
      long target = megabytes * 1_000_000L;
      long lines = mta == Kind.exim ? new EximLogGenerator(w, seed).generate(target)
          : new PostfixLogGenerator(w, seed).generate(target);
      spec.commandLine().getErr().printf("wrote %s: %,d lines, %,d bytes%n", output, lines, Files.size(output));
    }
    return ExitCodes.OK;
  }
}
