package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.CsvReportWriter;
import io.smtplog.core.report.JsonReportWriter;
import io.smtplog.core.report.RelayReportBuilder;
import io.smtplog.core.report.RelayTables;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
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

  @Option(names = "--index", paramLabel = "DIR",
      description = "Report from this index (`smtplog ingest`) instead of reading INPUT.")
  Path index;

  @Option(names = "--query", paramLabel = "QUERY", description = "With --index: only the events this query matches.")
  String query;

  @Override
  public Integer call() throws IOException {
    if (top < 0) {
      throw new UserError(ExitCodes.USAGE, "--top must be 0 or more, was " + top);
    }
    if (index != null) {
      return fromIndex();
    }
    if (query != null) {
      throw new UserError(ExitCodes.USAGE, "--query needs --index: it selects events of an index");
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

  private Integer fromIndex() throws IOException {
    if (input.hasInputs()) {
      throw new UserError(ExitCodes.USAGE, "give INPUT or --index, not both");
    }
    ZoneId zone = input.readOptions().zone();
    Query selected;
    try {
      selected = IndexSearch.parse(query, zone, Instant.now());
    } catch (IndexSearch.QueryException e) {
      throw new UserError(ExitCodes.USAGE, QueryCommand.queryError(query, e));
    }
    RelayReportBuilder.Result result;
    try (IndexSearch search = QueryCommand.open(index); Writer out = output.open(spec.commandLine().getOut())) {
      result = RelayReportBuilder.build(search, selected, index.toString(), zone,
          Optional.ofNullable(domain).filter(d -> !d.isBlank()), top);
      switch (output.format()) {
        case table -> RelayTables.write(result.document(), out, output.width());
        case csv -> CsvReportWriter.writeRelay(result.document(), out);
        case json -> JsonReportWriter.writeRelay(result.document(), out);
      }
    }
    spec.commandLine().getErr().printf(java.util.Locale.ROOT, "Read %,d events from the index %s.%n",
        result.ingest().eventsParsed(), index);
    return ExitCodes.OK;
  }
}
