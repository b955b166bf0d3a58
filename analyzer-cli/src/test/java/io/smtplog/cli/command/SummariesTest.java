package io.smtplog.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.cli.ExitCodes;
import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.model.SourceRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The exit code of a read whose input could not be opened (docs/commands.md, "Exit codes": 3), whatever
 * the other inputs gave (LostInputCommandTest: an input read in part exits 0, its problem said).
 */
class SummariesTest {
  private static IngestReport linesRead(int lines) {
    IngestReport report = new IngestReport(20);
    for (int i = 0; i < lines; i++) {
      report.record(LineResult.BLANK);
    }
    return report;
  }

  private static LineProblem unreadable(String file, String detail) {
    return new LineProblem(new SourceRef(file, 1), ProblemKind.UNREADABLE_INPUT, detail, "");
  }

  @Test
  void anInputNotOpened_exits3_afterTheOthersWereRead() {
    IngestReport report = linesRead(100);
    report.addProblem(unreadable("logs/locked", "cannot read: permission denied"));
    report.addInputNotOpened();
    StringWriter err = new StringWriter();
    assertThat(Summaries.report(report, false, new PrintWriter(err))).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(err.toString()).contains("  logs/locked:1 [UNREADABLE_INPUT] cannot read: permission denied\n");
  }
}
