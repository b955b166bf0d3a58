package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.ValueErrors;
import io.smtplog.core.model.Mta;
import io.smtplog.core.pipeline.TimeExpressions;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportFilter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every report keeps, how many rows, where from (logs or an index), and pseudonyms: shared by the reports. */
public final class ReportOptions {
  @Option(names = "--since", paramLabel = "TIME",
      description = "Only events at or after TIME: ISO 8601 (2024-06-01, 2024-06-01T08:00, 2024-06-01T08:00:00+02:00;"
          + " without an offset in --timezone) or relative to now: 30m, 24h, 7d, 2w.")
  String since;

  @Option(names = "--until", paramLabel = "TIME",
      description = "Only events before TIME, written as for --since; a date alone includes that whole day.")
  String until;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only recipients of this domain and its subdomains.")
  String domain;

  @Option(names = "--sender-domain", paramLabel = "DOMAIN",
      description = "Only mail from senders of this domain and its subdomains.")
  String senderDomain;

  @Option(names = "--mta", paramLabel = "MTA", completionCandidates = Completions.Mtas.class,
      description = "Only events written by postfix, exim or transcript.")
  String mta;

  @Option(names = "--top", paramLabel = "N",
      description = "At most N rows in each ranked list (domains, senders, reasons...); totals still cover all;"
          + " 0 for all. Default: 20 for report summary, all for the others.")
  Integer top;

  @Option(names = "--index", paramLabel = "DIR",
      description = "Report from this index (`smtplog ingest`) instead of reading INPUT.")
  Path index;

  @Option(names = "--query", paramLabel = "QUERY", description = "With --index or --solr: only the stories this query selects.")
  String query;

  @Mixin PseudonymOptions pseudonyms;

  /** --top, or {@code defaultTop} when it was not given. */
  public int top(int defaultTop) {
    if (top == null) {
      return defaultTop;
    }
    if (top < 0) {
      throw new UserError(ExitCodes.USAGE, "--top must be 0 or more, was " + top);
    }
    return top;
  }

  public Optional<Path> index() {
    return Optional.ofNullable(index);
  }

  public String query() {
    return query;
  }

  /** The filter, times read in {@code zone} and relative ones against {@code now}. */
  public ReportFilter filter(ZoneId zone, Instant now) {
    Optional<Instant> from = Optional.ofNullable(since).map(t -> time("--since", t, zone, now, false));
    Optional<Instant> to = Optional.ofNullable(until).map(t -> time("--until", t, zone, now, true));
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new UserError(ExitCodes.USAGE, "--since " + since + " is not before --until " + until);
    }
    Optional<Mta> writer = Optional.ofNullable(mta).map(m -> Arrays.stream(Mta.values())
        .filter(v -> v.name().equalsIgnoreCase(m.strip())).findFirst()
        .orElseThrow(() -> ValueErrors.notOneOf("--mta", m, "an mta",
            Arrays.stream(Mta.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList())));
    return new ReportFilter(from, to, Optional.ofNullable(domain).filter(d -> !d.isBlank()),
        Optional.ofNullable(senderDomain).filter(d -> !d.isBlank()), writer);
  }

  /** The filter options given, as typed ("--since 2024-06-01 --domain example.org"); empty without any. */
  public String describeFilter() {
    StringBuilder sb = new StringBuilder();
    String[][] given = {{"--since", since}, {"--until", until}, {"--domain", domain},
        {"--sender-domain", senderDomain}, {"--mta", mta}};
    for (String[] option : given) {
      if (option[1] != null && !option[1].isBlank()) {
        sb.append(sb.length() == 0 ? "" : " ").append(option[0]).append(' ').append(option[1]);
      }
    }
    return sb.toString();
  }

  /** ISO 8601 or relative ("24h"): see --since. */
  static Instant time(String option, String text, ZoneId zone, Instant now, boolean endOfDay) {
    try {
      return TimeExpressions.parse(text, zone, now, endOfDay);
    } catch (DateTimeException e) {
      throw new UserError(ExitCodes.USAGE, option + " '" + text + "' is not a time: use ISO 8601 such as 2024-06-01,"
          + " 2024-06-01T08:00 or 2024-06-01T08:00:00+02:00, or a span back from now such as 30m, 24h, 7d, 2w");
    }
  }

  /** The pseudonymizer the options ask for (none without --pseudonymize). */
  public Pseudonymizer pseudonymizer() {
    return pseudonyms.pseudonymizer();
  }
}
