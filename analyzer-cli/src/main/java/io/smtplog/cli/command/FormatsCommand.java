package io.smtplog.cli.command;

import io.smtplog.cli.Manual;
import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtplog formats}: the input formats and transcript notations, with an example line each. */
@Command(name = "formats", mixinStandardHelpOptions = true,
    header = "Lists the input formats smtplog reads, with an example line each.",
    description = {"Lists the input formats smtplog reads, with an example line each.",
        "Each file's format is detected from its first lines; --input-format NAME forces one."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"The formats and notations, with an example line each:",
        "  smtplog formats"})
public final class FormatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (InputFormat f : InputFormat.values()) {
      out.printf("%-16s %s%n%-16s   e.g. %s%n", f.id(), f.description(), "", f.example());
    }
    out.println();
    out.println("Transcript notations (--input-format NAME reads every input as a transcript in it):");
    for (TranscriptNotation n : TranscriptNotation.values()) {
      out.printf("  %-14s %s%n", n.id(), n.example());
    }
    out.flush();
    return 0;
  }
}
