package io.smtplog.cli.command;

import io.smtplog.cli.Manual;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Reports;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code smtplog report codes}: replies per code and per enhanced code. */
@Command(name = "codes", mixinStandardHelpOptions = true,
    header = "Counts the replies per reply code and per enhanced status code.",
    description = {"Replies per reply code and meaning (the command it answered: 251 to RCPT is a forward) and per"
        + " enhanced status code, with class, category, tag, meaning and one example text each. in_logs counts"
        + " replies quoted in delivery and reject records, in_transcripts those seen in SMTP dialogues"
        + " (transcripts, Postfix debug_peer_list, Exim -d); a reply logged both ways is in both. The replies to"
        + " RCPT TO are counted once more on their own, whatever became of the recipient (a 251 of a session that"
        + " never sent its data too).",
        "Sections: " + ReportKeys.SECTION_REPLY_CODES + ", " + ReportKeys.SECTION_ENHANCED_CODES + ", "
            + ReportKeys.SECTION_RCPT_REPLIES},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"The replies of one log by code:",
        "  smtplog report codes sample-logs/postfix/loopback-relay.log",
        "",
        "A row per code and recipient domain:",
        "  smtplog report codes --by domain sample-logs/postfix"})
public final class CodesCommand extends ReportSubcommand {
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
  ReportCollector collector(Pseudonymizer pseudonyms, ZoneId zone) {
    CodesCollector.By breakdown = switch (by) {
      case none -> CodesCollector.By.NONE;
      case domain -> CodesCollector.By.DOMAIN;
      case relay -> CodesCollector.By.RELAY;
    };
    return Reports.codes(breakdown, pseudonyms);
  }
}
