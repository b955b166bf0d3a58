package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.ReadsIndex;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.cli.option.ReportOptions;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.Plural;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every report shares: read logs or an index through the report's collector, in one pass,
 * under the filter, and write the document in the format asked for. The relay, summary and codes
 * commands differ only in their collector and their default number of rows.
 */
abstract class ReportSubcommand implements Callable<Integer>, ReadsIndex {
  @Spec CommandSpec spec;
  @Mixin InputOptions input;
  @Mixin OutputOptions output;
  @Mixin ReportOptions report;
  @Mixin SolrOptions solr;

  /** The report's name ("summary"). */
  abstract String name();

  /** Rows of each ranked list without --top (0 = all). */
  int defaultTop() {
    return 0;
  }

  abstract ReportCollector collector(Pseudonymizer pseudonyms, ZoneId zone);

  @Override
  public java.util.Optional<Path> indexDir() {
    return report.index();
  }

  @Override
  public Integer call() throws IOException {
    ReadOptions options = input.readOptions();
    ReportFilter filter = report.filter(options.zone(), Instant.now());
    Pseudonymizer pseudonyms = report.pseudonymizer();
    int top = report.top(defaultTop());
    ReportOutput.check(output, Reports.sectionNames(name()));
    PrintWriter err = spec.commandLine().getErr();
    if (solr.given()) {
      if (input.hasInputs() || report.index().isPresent()) {
        throw new UserError(ExitCodes.USAGE, "give INPUT, --index or --solr, only one of them");
      }
      ReportRun.Result result = SolrReport.run(name(), collector(pseudonyms, options.zone()), solr, report.query(),
          report.describeFilter(), options.zone(), pseudonyms, top);
      ReportOutput.write(result, report.describeFilter(), output, spec.commandLine().getOut(), err);
      String where = io.smtplog.core.report.format.SafeText.stripControls(result.document().input().files().get(0));
      if (result.ingest().linesRead() == 0) {
        err.printf(Locale.ROOT, "Computed by Solr from the documents of %s (no line read again).%n", where);
      } else {
        err.printf(Locale.ROOT, "Read %s stored in %s: %s.%n", Plural.of(result.ingest().linesRead(), "line"), where,
            Plural.of(result.ingest().eventsParsed(), "event"));
      }
      return ExitCodes.OK;
    }
    if (report.index().isPresent()) {
      if (input.hasInputs()) {
        throw new UserError(ExitCodes.USAGE, "give INPUT or --index, not both");
      }
      Path dir = report.index().get();
      Query selected;
      try {
        selected = IndexSearch.parse(report.query(), options.zone(), Instant.now());
      } catch (IndexSearch.QueryException e) {
        throw new UserError(ExitCodes.USAGE, QueryCommand.queryError(report.query(), e));
      }
      // A query selects stories: their documents are counted, as over Solr (the outcomes the ingest
      // correlated with all the lines around them); the whole index (no query, or "*"), or filters
      // before correlation, read the stored lines again (bounded memory, and what the filters act on).
      boolean aggregated = !(selected instanceof MatchAllDocsQuery) && report.describeFilter().isEmpty()
          && !(name().equals(Reports.SUMMARY) && pseudonyms.active());
      ReportRun.Result result;
      try (IndexView view = IndexViews.open(dir)) {
        ReportCollector collector = collector(pseudonyms, options.zone());
        if (aggregated && view instanceof IndexSearch search) {
          CodesCollector.By by = collector instanceof CodesCollector codes ? codes.by() : CodesCollector.By.NONE;
          result = ReportRun.fromCollector(name(), Reports.fromAggregates(name(), search.aggregations(selected,
              options.zone(), Instant.now()), by, pseudonyms, options.zone(), top), pseudonyms, dir.toString(), top);
        } else {
          result = ReportRun.fromStoredLines(name(), collector, pseudonyms, filter, view.replay(selected),
              dir.toString(), options, top);
        }
      }
      ReportOutput.write(result, report.describeFilter(), output, spec.commandLine().getOut(), err);
      if (aggregated) {
        err.printf(Locale.ROOT, "Computed from the documents of the stories the query selects in the index %s.%n", dir);
      } else {
        err.printf(Locale.ROOT, "Read %s stored in the index %s: %s.%n", Plural.of(result.ingest().linesRead(), "line"),
            dir, Plural.of(result.ingest().eventsParsed(), "event"));
      }
      return ExitCodes.OK;
    }
    if (report.query() != null) {
      throw new UserError(ExitCodes.USAGE, "--query needs --index or --solr: it selects the stories of an index");
    }
    List<LogInput> inputs = input.resolve();
    ReportOutput.refuseInputs(output, Reports.sectionNames(name()), inputs);
    LongConsumer progress = ProgressBar.forInputs(err, inputs);
    ReportRun.Result result = ReportRun.fromLogs(name(), collector(pseudonyms, options.zone()), pseudonyms, filter,
        inputs,
        options, top, progress);
    ProgressBar.clear(progress);
    ReportOutput.write(result, report.describeFilter(), output, spec.commandLine().getOut(), err);
    return Summaries.report(result.ingest(), input.skipped(), input.strict(), err);
  }
}
