package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.cli.option.ReportOptions;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.CsvReportWriter;
import io.smtplog.core.report.JsonReportWriter;
import io.smtplog.core.summary.RelayReportBuilder;
import io.smtplog.core.report.RelayReportDocument;
import io.smtplog.core.report.RelayTables;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.summary.Pseudonymizer;
import io.smtplog.core.summary.RelaySection;
import io.smtplog.core.summary.ReportFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Mixin ReportOptions report;

  @Override
  public Integer call() throws IOException {
    ReadOptions options = input.readOptions();
    ReportFilter filter = report.filter(options.zone(), Instant.now());
    Pseudonymizer pseudonyms = report.pseudonymizer();
    int top = report.top(0);
    ReportOutput.check(output, List.of(ReportKeys.SECTION_RELAY));
    if (report.index().isPresent()) {
      return fromIndex(report.index().get(), options.zone(), filter, pseudonyms, top);
    }
    if (report.query() != null) {
      throw new UserError(ExitCodes.USAGE, "--query needs --index: it selects events of an index");
    }
    List<LogInput> inputs = input.resolve();
    PrintWriter err = spec.commandLine().getErr();
    LongConsumer progress = ProgressBar.forInputs(err, inputs);
    RelayReportBuilder.Result result = RelayReportBuilder.build(inputs, options, filter, pseudonyms, top, progress);
    ProgressBar.clear(progress);
    write(result.document());
    return Summaries.report(result.ingest(), input.strict(), err);
  }

  private Integer fromIndex(Path index, ZoneId zone, ReportFilter filter, Pseudonymizer pseudonyms, int top)
      throws IOException {
    if (input.hasInputs()) {
      throw new UserError(ExitCodes.USAGE, "give INPUT or --index, not both");
    }
    Query selected;
    try {
      selected = IndexSearch.parse(report.query(), zone, Instant.now());
    } catch (IndexSearch.QueryException e) {
      throw new UserError(ExitCodes.USAGE, QueryCommand.queryError(report.query(), e));
    }
    RelayReportBuilder.Result result;
    try (IndexSearch search = QueryCommand.open(index)) {
      result = RelayReportBuilder.build(search, selected, index.toString(), zone, filter, pseudonyms, top);
    }
    write(result.document());
    spec.commandLine().getErr().printf(java.util.Locale.ROOT, "Read %,d events from the index %s.%n",
        result.ingest().eventsParsed(), index);
    return ExitCodes.OK;
  }

  private void write(RelayReportDocument document) throws IOException {
    switch (output.format()) {
      case table, csv, json -> {
        try (Writer out = output.open(spec.commandLine().getOut())) {
          switch (output.format()) {
            case table -> RelayTables.write(document, out, output.width());
            case csv -> CsvReportWriter.writeRelay(document, out);
            default -> JsonReportWriter.writeRelay(document, out);
          }
        }
      }
      case html, prometheus -> ReportOutput.write(RelaySection.document(document), output,
          spec.commandLine().getOut());
    }
  }
}
