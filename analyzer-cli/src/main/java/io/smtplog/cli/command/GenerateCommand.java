package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.bench.EximLogGenerator;
import io.smtplog.cli.bench.GeneratorSettings;
import io.smtplog.cli.bench.PostfixLogGenerator;
import io.smtplog.cli.option.OutputName;
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
    header = "Writes a synthetic Postfix or Exim log for benchmarks.",
    description = "Write a realistic synthetic Postfix log (or Exim mainlog) of about SIZE megabytes or N lines,"
        + " for benchmarks.")
public final class GenerateCommand implements Callable<Integer> {
  private static final long DEFAULT_MEGABYTES = 100;

  @Spec CommandSpec spec;

  @Option(names = "--megabytes", paramLabel = "SIZE", description = "Approximate size (default "
      + DEFAULT_MEGABYTES + " unless --lines is given).")
  Long megabytes;

  @Option(names = "--lines", paramLabel = "N", description = "Approximate number of lines, instead of --megabytes.")
  Long lines;

  @Option(names = "--domains", paramLabel = "N", description = "Recipient domains: 10 large providers and a long"
      + " tail. Default: ${DEFAULT-VALUE}.")
  int domains = 2000;

  @Option(names = "--distinct", description = "Send to the domains in turn and from a new sender each message,"
      + " so that the log has as many distinct domains and senders as it has recipients and messages (memory tests:"
      + " --domains 1000000 --distinct).")
  boolean distinct;

  @Option(names = "--rate", paramLabel = "PER_MINUTE", description = "SMTP connections per minute, which sets how many"
      + " hours the log covers and so how far retries get (default 60 for Postfix, 80 for Exim).")
  Double rate;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  /** Which server's log to write. */
  public enum Kind { postfix, exim }

  @Option(names = "--mta", paramLabel = "MTA", description = "postfix or exim. Default: ${DEFAULT-VALUE}.")
  Kind mta = Kind.postfix;

  Path output;
  private OutputName outputName;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the log.")
  void output(String typed) {
    outputName = OutputName.of(typed);
    output = outputName.path();
  }

  @Override
  public Integer call() throws IOException {
    if (megabytes != null && lines != null) {
      throw new UserError(ExitCodes.USAGE, "give --megabytes or --lines, not both");
    }
    if (megabytes != null && megabytes < 1 || lines != null && lines < 1) {
      throw new UserError(ExitCodes.USAGE, "--megabytes and --lines must be at least 1");
    }
    if (domains < 1) {
      throw new UserError(ExitCodes.USAGE, "--domains must be at least 1");
    }
    outputName.refuseFolder("smtplog generate", mta + ".log", "");
    double perMinute = rate != null ? rate : mta == Kind.exim ? 80 : 60;
    if (!(perMinute > 0) || perMinute > 600_000) {
      throw new UserError(ExitCodes.USAGE, "--rate must be more than 0 and at most 600000");
    }
    long maxBytes = lines != null ? Long.MAX_VALUE : (megabytes != null ? megabytes : DEFAULT_MEGABYTES) * 1_000_000L;
    long maxLines = lines != null ? lines : Long.MAX_VALUE;
    GeneratorSettings settings = new GeneratorSettings(seed, domains, perMinute, distinct);
    long written;
    try (Writer w = new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
      written = mta == Kind.exim ? new EximLogGenerator(w, settings).generate(maxBytes, maxLines)
          : new PostfixLogGenerator(w, settings).generate(maxBytes, maxLines);
    }
    spec.commandLine().getErr().printf("wrote %s: %,d lines, %,d bytes%n", output, written, Files.size(output));
    return ExitCodes.OK;
  }
}
