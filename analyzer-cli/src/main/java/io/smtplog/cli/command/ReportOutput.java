package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.OutputOptions;
import io.smtplog.core.summary.HtmlReportWriter;
import io.smtplog.core.summary.PrometheusWriter;
import io.smtplog.core.summary.ReportSection;
import io.smtplog.core.summary.SectionWriters;
import io.smtplog.core.summary.SummaryDocument;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a sectioned report in the format the options ask for. */
final class ReportOutput {
  private ReportOutput() {}

  /** Fails now (before minutes of reading) when the options cannot be honoured for these sections. */
  static void check(OutputOptions output, List<String> sectionNames) {
    if (output.section().isPresent() && !sectionNames.contains(output.section().get())) {
      throw new UserError(ExitCodes.USAGE, "no section '" + output.section().get() + "': the report has "
          + String.join(", ", sectionNames));
    }
    if (output.section().isPresent() && output.format() != OutputOptions.Format.csv) {
      throw new UserError(ExitCodes.USAGE, "--section is for --format csv (the other formats hold every section)");
    }
    if (output.perDomain() && output.format() != OutputOptions.Format.prometheus) {
      throw new UserError(ExitCodes.USAGE, "--per-domain is for --format prometheus");
    }
    // A file that cannot be written fails now, not after minutes of reading.
    output.path().filter(p -> !output.outputIsDirectory() || output.format() != OutputOptions.Format.csv)
        .map(p -> p.toAbsolutePath().getParent())
        .filter(dir -> dir != null && !Files.isDirectory(dir))
        .ifPresent(dir -> {
          throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot write " + output.path().get() + ": the folder "
              + dir + " does not exist");
        });
    if (output.format() == OutputOptions.Format.csv && output.section().isEmpty() && sectionNames.size() > 1
        && !output.outputIsDirectory()) {
      throw new UserError(ExitCodes.USAGE, "CSV holds one section per file, and this report has " + sectionNames.size()
          + ": give --section NAME (one of " + String.join(", ", sectionNames) + ") or --output DIR for one"
          + " NAME.csv each");
    }
  }

  static void write(SummaryDocument document, OutputOptions output, PrintWriter stdout) throws IOException {
    if (output.format() == OutputOptions.Format.csv && output.section().isEmpty() && output.outputIsDirectory()) {
      Path dir = output.path().orElseThrow();
      Files.createDirectories(dir);
      for (ReportSection section : document.sections()) {
        Path file = dir.resolve(section.name() + ".csv");
        try (Writer out = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
          SectionWriters.csv(section, out);
        }
      }
      return;
    }
    try (Writer out = output.open(stdout)) {
      switch (output.format()) {
        case table -> SectionWriters.table(document, out, output.width());
        case csv -> SectionWriters.csv(section(document, output), out);
        case json -> SectionWriters.json(document, out);
        case html -> HtmlReportWriter.write(document, out);
        case prometheus -> PrometheusWriter.write(document, out, output.perDomain());
      }
    }
  }

  private static ReportSection section(SummaryDocument document, OutputOptions output) {
    if (output.section().isPresent()) {
      return document.section(output.section().get()).orElseThrow();
    }
    return document.sections().get(0); // a report of one section
  }

  static String names(SummaryDocument document) {
    return document.sections().stream().map(ReportSection::name).collect(Collectors.joining(", "));
  }
}
