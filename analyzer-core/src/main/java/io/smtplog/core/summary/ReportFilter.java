package io.smtplog.core.summary;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.Mta;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report keeps: events from {@code since} (inclusive) until {@code until} (exclusive), of
 * one kind of writer, recipients of a domain (and its subdomains), messages of a sender domain.
 * Immutable.
 */
public record ReportFilter(Optional<Instant> since, Optional<Instant> until, Optional<String> domain,
    Optional<String> senderDomain, Optional<Mta> mta) {

  public static final ReportFilter ALL = new ReportFilter(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public ReportFilter {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    domain = domain.map(ReportFilter::clean);
    senderDomain = senderDomain.map(ReportFilter::clean);
    Objects.requireNonNull(mta, "mta");
  }

  private static String clean(String d) {
    return d.toLowerCase(Locale.ROOT).replaceAll("^[.@]+", "");
  }

  /** A copy that keeps only recipients of {@code domain} (and its subdomains), when present. */
  public ReportFilter withDomain(Optional<String> recipientDomain) {
    return new ReportFilter(since, until, recipientDomain.filter(d -> !d.isBlank()), senderDomain, mta);
  }

  /** True when the event is in the time window and of the wanted writer. */
  public boolean event(MailEvent e) {
    return (since.isEmpty() || !e.at().isBefore(since.get())) && (until.isEmpty() || e.at().isBefore(until.get()))
        && (mta.isEmpty() || e.mta() == mta.get());
  }

  public boolean domainMatches(String recipientDomain) {
    return domain.isEmpty() || matches(recipientDomain, domain.get());
  }

  public boolean senderDomainMatches(String domainOfSender) {
    return senderDomain.isEmpty() || matches(domainOfSender, senderDomain.get());
  }

  private static boolean matches(String value, String wanted) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.equals(wanted) || v.endsWith("." + wanted);
  }
}
