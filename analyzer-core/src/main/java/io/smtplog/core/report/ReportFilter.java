package io.smtplog.core.report;

import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.outcome.Attempt;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.RcptReply;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.SmtpDialogue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report keeps, applied once for every report: events from {@code since} (inclusive) until
 * {@code until} (exclusive) of one kind of writer, before correlation ({@link #keeps(MailEvent)}: a
 * window cuts the stories at its edges, so the parts of a split add up to the whole); then
 * recipients of a domain (and its subdomains) and mail of a sender domain, on the outcome stream
 * ({@link #keeps(Outcome)}). Immutable.
 */
public record ReportFilter(Optional<Instant> since, Optional<Instant> until, Optional<String> domain,
    Optional<String> senderDomain, Optional<Mta> mta) {

  public static final ReportFilter ALL = new ReportFilter(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public ReportFilter {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    domain = domain.map(ReportFilter::clean).filter(d -> !d.isEmpty());
    senderDomain = senderDomain.map(ReportFilter::clean).filter(d -> !d.isEmpty());
    Objects.requireNonNull(mta, "mta");
  }

  private static String clean(String d) {
    return d.strip().toLowerCase(Locale.ROOT).replaceAll("^[.@]+", "");
  }

  /** A copy that keeps only recipients of {@code domain} (and its subdomains), when present. */
  public ReportFilter withDomain(Optional<String> recipientDomain) {
    return new ReportFilter(since, until, recipientDomain.filter(d -> !d.isBlank()), senderDomain, mta);
  }

  /** True when the event is in the time window and of the wanted writer. */
  public boolean keeps(MailEvent e) {
    return (since.isEmpty() || !e.at().isBefore(since.get())) && (until.isEmpty() || e.at().isBefore(until.get()))
        && (mta.isEmpty() || e.mta() == mta.get());
  }

  /** True when the filter looks at domains at all. */
  public boolean byDomain() {
    return domain.isPresent() || senderDomain.isPresent();
  }

  /**
   * The part of {@code o} the domain filters keep: itself, a message with only the recipients of
   * the domain, or empty. Sessions, diagnostics and TLS records are about no domain and always kept.
   */
  public Optional<Outcome> keeps(Outcome o) {
    if (!byDomain()) {
      return Optional.of(o);
    }
    boolean kept;
    if (o instanceof RecipientOutcome r) {
      kept = recipient(r);
    } else if (o instanceof Attempt a) {
      kept = domainMatches(a.domain()) && senderMatches(a.message().sender());
    } else if (o instanceof RcptReply r) {
      kept = domainMatches(r.domain()) && senderMatches(r.sender());
    } else if (o instanceof MessageOutcome m) {
      return message(m);
    } else if (o instanceof Observation obs) {
      kept = !(obs.event() instanceof Rejected) || (domain.isEmpty() || !obs.domain().isEmpty())
          && domainMatches(obs.domain()) && senderMatches(obs.sender());
    } else if (o instanceof SmtpDialogue d) {
      return dialogue(d);
    } else {
      kept = true;
    }
    return kept ? Optional.of(o) : Optional.empty();
  }

  private boolean recipient(RecipientOutcome r) {
    return domainMatches(r.domain()) && senderMatches(r.sender());
  }

  /** With --domain, a message counts when one of its recipients is in that domain. */
  private Optional<Outcome> message(MessageOutcome m) {
    if (!senderMatches(m.message().sender())) {
      return Optional.empty();
    }
    if (domain.isPresent() && m.recipientDomains().stream().noneMatch(this::domainMatches)) {
      return Optional.empty();
    }
    return Optional.of(new MessageOutcome(m.mta(), m.queueId(), m.message(), m.received(), m.copyOf(),
        m.notificationOf(), m.recipients().stream().filter(this::recipient).toList(), m.recipientDomains(),
        m.recipientCount(), m.complete(), m.expired(), m.firstSeen(), m.lastSeen()));
  }

  /**
   * A dialogue keeps the replies to RCPT TO about the domains (and the sender domain): the rest of
   * a session is about no recipient. A dialogue with none is left out.
   */
  private Optional<Outcome> dialogue(SmtpDialogue d) {
    String sender = null;
    List<DialogueExchange> kept = new ArrayList<>();
    for (DialogueExchange x : d.exchanges()) {
      SmtpCommand command = x.command().orElse(null);
      String path = x.line().map(Addresses::pathOfCommand).orElse(null);
      if (command == SmtpCommand.MAIL) {
        sender = path;
      } else if (command == SmtpCommand.RCPT && path != null && domainMatches(Addresses.domainOf(path))
          && senderMatches(Optional.ofNullable(sender))) {
        kept.add(x);
      }
    }
    return kept.isEmpty() ? Optional.empty() : Optional.of(new SmtpDialogue(d.mta(), d.first(), d.process(), d.peer(),
        d.role(), d.start(), d.end(), kept, d.complete(), d.droppedExchanges()));
  }

  public boolean domainMatches(String recipientDomain) {
    return domain.isEmpty() || Addresses.inDomain(recipientDomain, domain.get());
  }

  private boolean senderMatches(Optional<String> sender) {
    return senderDomain.isEmpty()
        || sender.isPresent() && Addresses.inDomain(Addresses.domainOf(sender.get()), senderDomain.get());
  }
}
