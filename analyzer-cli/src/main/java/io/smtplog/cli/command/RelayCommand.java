package io.smtplog.cli.command;

import io.smtplog.cli.Manual;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportCollector;
import io.smtplog.core.report.Reports;
import java.time.ZoneId;
import picocli.CommandLine.Command;

/** {@code smtplog report relay}: one row per recipient domain, then a totals row "*". */
@Command(name = "relay", mixinStandardHelpOptions = true,
    header = "Reports, per recipient domain, what became of the mail addressed to it.",
    description = {"Per domain the mail was addressed to: recipients and their final outcome (delivered, deferred,"
        + " bounced, expired, rejected, discarded), delivered ones by the reply to RCPT TO (accepted with 250,"
        + " forwarded with 251, 252, or unseen when the inputs do not show it) and by route (relayed or local),"
        + " deferrals, forwards and hops, forward-paths, relay hosts, RCPT replies, delays.",
        "Sorted by recipients, then a totals row '*'. recipients = delivered + deferred + bounced + expired +"
            + " rejected + discarded; delivered = relayed + local = accepted_250 + forwarded_251 + accepted_252 +"
            + " rcpt_reply_unseen."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"Per recipient domain, from the bundled Postfix logs:",
        "  smtplog report relay sample-logs/postfix",
        "",
        "As CSV, one domain:",
        "  smtplog report relay --format csv --domain example.net sample-logs/postfix",
        "",
        "From the index that smtplog ingest wrote:",
        "  smtplog report relay --index /tmp/idx"})
public final class RelayCommand extends ReportSubcommand {
  @Override
  String name() {
    return Reports.RELAY;
  }

  @Override
  ReportCollector collector(Pseudonymizer pseudonyms, ZoneId zone) {
    return Reports.relay(pseudonyms, zone);
  }
}
