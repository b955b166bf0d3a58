package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.CsvReportWriter;
import io.smtplog.core.report.JsonReportWriter;
import io.smtplog.core.report.RelayReportBuilder;
import io.smtplog.core.report.RelayTables;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code smtplog report relay}: one row per recipient domain, then a totals row "*". */
@Command(name = "relay", mixinStandardHelpOptions = true,
    description = {"Per recipient domain: recipients, delivered (accepted with 250, forwarded with 251,"
        + " relayed, local), deferred, bounced, expired, rejected, forward-paths, relay hosts, delays.",
        "Sorted by recipients, then a totals row '*'."})
public final class RelayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Option(names = "--top", paramLabel = "N", description = "Show only the N domains with most recipients (totals still cover all).")
  int top;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this recipient domain and its subdomains.")
  String domain;

  @Override
  public Integer call() throws IOException {
    if (top < 0) {
      throw new UserError(ExitCodes.USAGE, "--top must be 0 or more, was " + top);
    }
    List<LogInput> inputs = input.resolve();
    ReadOptions options = input.readOptions();
    IngestReport ingest;
    // Open the output before reading: a bad path fails now, not after minutes of reading.
    try (Writer out = output.open(spec.commandLine().getOut())) {
      RelayReportBuilder.Result result = RelayReportBuilder.build(inputs, options,
          Optional.ofNullable(domain).filter(d -> !d.isBlank()), top);
      ingest = result.ingest();
      switch (output.format()) {
        case table -> RelayTables.write(result.document(), out, output.width());
        case csv -> CsvReportWriter.writeRelay(result.document(), out);
        case json -> JsonReportWriter.writeRelay(result.document(), out);
      }
    }
    return Summaries.report(ingest, input.strict(), spec.commandLine().getErr());
  }
}
