package io.smtplog.cli.command;

import io.smtplog.cli.Manual;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Reports;
import java.time.ZoneId;
import picocli.CommandLine.Command;

/** {@code smtplog report summary}: what pflogsumm and eximstats print, for any mix of inputs. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    header = "Reports grand totals, traffic and top lists, as pflogsumm and eximstats do.",
    description = {"Grand totals (received, delivered, deferred, bounced, expired, rejected, bytes, senders,"
        + " recipients...), traffic per day and hour, deliveries per domain, top senders and recipients, deferral,"
        + " bounce and reject reasons, warnings, connections, TLS, relayed mail, delays (Postfix delays=a/b/c/d"
        + " split), recipients per domain by outcome and replies by code.",
        "Sections: " + SummaryCommand.SECTIONS},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"pflogsumm's report of the bundled Postfix logs:",
        "  smtplog report summary sample-logs/postfix",
        "",
        "One section as a table:",
        "  smtplog report summary --section deferral_reasons sample-logs/postfix",
        "",
        "One HTML file with charts:",
        "  smtplog report summary --format html -o /tmp/summary.html sample-logs/postfix"})
public final class SummaryCommand extends ReportSubcommand {
  static final String SECTIONS = ReportKeys.SECTION_TOTALS + ", " + ReportKeys.SECTION_TRAFFIC_DAILY + ", "
      + ReportKeys.SECTION_TRAFFIC_HOURLY + ", " + ReportKeys.SECTION_DOMAINS_DELIVERED + ", "
      + ReportKeys.SECTION_DOMAINS_RECEIVED + ", " + ReportKeys.SECTION_TOP_SENDERS + ", "
      + ReportKeys.SECTION_TOP_SENDERS_BY_SIZE + ", " + ReportKeys.SECTION_TOP_RECIPIENTS + ", "
      + ReportKeys.SECTION_TOP_RECIPIENTS_BY_SIZE + ", " + ReportKeys.SECTION_DEFERRAL_REASONS + ", "
      + ReportKeys.SECTION_BOUNCE_REASONS + ", " + ReportKeys.SECTION_REJECT_REASONS + ", "
      + ReportKeys.SECTION_DIAGNOSTICS + ", " + ReportKeys.SECTION_CONNECTIONS + ", "
      + ReportKeys.SECTION_CONNECTIONS_BY_CLIENT + ", " + ReportKeys.SECTION_TLS + ", "
      + ReportKeys.SECTION_RELAYED + ", " + ReportKeys.SECTION_DELAYS + ", " + ReportKeys.SECTION_DELAY_HISTOGRAM
      + ", " + ReportKeys.SECTION_RELAY + ", " + ReportKeys.SECTION_REPLY_CODES + ", "
      + ReportKeys.SECTION_ENHANCED_CODES + ", " + ReportKeys.SECTION_RCPT_REPLIES;

  /** pflogsumm and eximstats list the first 20 or so of each ranking as well. */
  static final int DEFAULT_TOP = 20;

  @Override
  int defaultTop() {
    return DEFAULT_TOP;
  }

  @Override
  String name() {
    return Reports.SUMMARY;
  }

  @Override
  ReportCollector collector(Pseudonymizer pseudonyms, ZoneId zone) {
    return Reports.summary(pseudonyms, zone);
  }
}
