package io.smtplog.cli.command;

import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.summary.CodesCollector;
import io.smtplog.core.summary.Pseudonymizer;
import io.smtplog.core.summary.ReportFilter;
import io.smtplog.core.summary.Reports;
import io.smtplog.core.summary.SectionCollector;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code smtplog report codes}: replies per code and per enhanced code. */
@Command(name = "codes", mixinStandardHelpOptions = true,
    description = {"Replies per reply code and meaning (the command it answered: 251 to RCPT is a forward) and per"
        + " enhanced status code, with class, category, tag, meaning and one example text each. in_logs counts"
        + " replies quoted in delivery and reject records, in_transcripts those seen in SMTP dialogues"
        + " (transcripts, Postfix debug_peer_list, Exim -d); a reply logged both ways is in both.",
        "Sections: " + ReportKeys.SECTION_REPLY_CODES + ", " + ReportKeys.SECTION_ENHANCED_CODES})
public final class CodesCommand extends SectionReportCommand {
  /** The breakdowns of --by. */
  enum By { none, domain, relay }

  @Option(names = "--by", paramLabel = "WHAT",
      description = "A row per code and per recipient domain (domain) or per replying host (relay). Default: none.")
  By by = By.none;

  @Override
  String name() {
    return Reports.CODES;
  }

  @Override
  List<String> sectionNames() {
    return List.of(ReportKeys.SECTION_REPLY_CODES, ReportKeys.SECTION_ENHANCED_CODES);
  }

  @Override
  SectionCollector collector(ReportFilter filter, Pseudonymizer pseudonyms, ZoneId zone) {
    CodesCollector.By breakdown = switch (by) {
      case none -> CodesCollector.By.NONE;
      case domain -> CodesCollector.By.DOMAIN;
      case relay -> CodesCollector.By.RELAY;
    };
    return Reports.codes(breakdown, filter, pseudonyms);
  }
}
