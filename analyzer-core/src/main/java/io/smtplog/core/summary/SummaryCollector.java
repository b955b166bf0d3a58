package io.smtplog.core.summary;

import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.TlsEstablished;
import io.smtplog.core.report.DelaySketch;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.session.Addresses;
import io.smtplog.core.session.CorrelationListener;
import io.smtplog.core.session.DialogueExchange;
import io.smtplog.core.session.EximRejectCopies;
import io.smtplog.core.session.MailCorrelator;
import io.smtplog.core.session.MessageOutcome;
import io.smtplog.core.session.RecipientOutcome;
import io.smtplog.core.session.RecipientStatus;
import io.smtplog.core.session.ServerSession;
import io.smtplog.core.session.SmtpDialogue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects what {@code smtplog report summary} prints, in one pass: the events as they are read
 * (traffic per day and hour, reasons, diagnostics, delays) and the correlated messages, recipients
 * and sessions (totals, domains, senders and recipients, relayed mail, connections). Memory is
 * bounded: per-value tables are lossy-counting top lists ({@link TopList}, exact while they hold
 * every value), distinct counts are sketches ({@link DistinctCount}, exact to 65,536), delays are
 * {@link DelaySketch}es. Not thread-safe; feed it events on the reading thread, then the
 * correlator's results.
 */
public final class SummaryCollector implements SectionCollector {
  static final int TOP_CAPACITY = 1000;
  /** Postfix local(8): an alias or .forward sent the mail on as a new message (local/forward.c). */
  private static final String FORWARDED_AS = "forwarded as ";
  static final int OUTCOMES = ReportKeys.TRAFFIC_OUTCOMES.size();
  private static final int RECEIVED = 0;
  private static final int DELIVERED = 1;
  private static final int DEFERRED = 2;
  private static final int BOUNCED = 3;
  private static final int REJECTED = 4;

  private final ZoneId zone;
  private final ReportFilter filter;
  private final Pseudonymizer pseudonyms;

  // Grand totals (see totals()).
  long received;
  long receivedBytes;
  long receivedTls;
  long reinjected;
  long recipients;
  long delivered;
  long deliveredBytes;
  long deferredRecipients;
  long deferredMessages;
  long failedMessages;
  long deferrals;
  long bounced;
  long expired;
  long rejected;
  long rejectWarnings;
  long warned;
  long forwarded;
  long filterDeliveries;
  long held;
  long discarded;
  long relayedThrough;
  long warnings;
  long errors;
  long fatals;
  long panics;
  final DistinctCount distinctSenders = new DistinctCount();
  final DistinctCount sendingDomains = new DistinctCount();
  final DistinctCount recipientAddresses = new DistinctCount();
  final DistinctCount recipientDomains = new DistinctCount();

  // Traffic: date → counts of OUTCOMES; hour of day → counts.
  final Map<LocalDate, long[]> daily = new TreeMap<>();
  final long[][] hourly = new long[24][OUTCOMES];

  // Per domain.
  final Map<String, DomainTraffic> deliveredByDomain = new TreeMap<>();
  final TopList receivedByDomain = new TopList(TOP_CAPACITY); // messages and bytes

  // Senders and recipients.
  final TopList topSenders = new TopList(TOP_CAPACITY); // messages and bytes
  final TopList topRecipients = new TopList(TOP_CAPACITY);

  // Reasons: "enhanced\u0000normalised text".
  final TopList deferralReasons = new TopList(TOP_CAPACITY);
  final TopList bounceReasons = new TopList(TOP_CAPACITY);
  final TopList rejectReasons = new TopList(TOP_CAPACITY);
  final TopList diagnostics = new TopList(TOP_CAPACITY);

  // Not dropped before the correlator: it needs the rejectlog copy, whose Envelope-to: lines follow it.
  private final EximRejectCopies rejectCopies = new EximRejectCopies();
  private final QueueSenders senders;

  // Connections and TLS.
  long sessions;
  long sessionSeconds;
  long sessionMaxSeconds;
  long sessionsWithMail;
  long sessionRefusals;
  final TopList sessionsByClient = new TopList(TOP_CAPACITY); // connections and seconds per client domain
  long dialogues;
  long dialoguesTls;
  long tlsInbound;
  long tlsOutbound;
  long tlsReused;
  final TopList tlsKinds = new TopList(TOP_CAPACITY);

  final TopList relayed = new TopList(TOP_CAPACITY);

  // Delays.
  final DelaySketch delays = new DelaySketch();
  /** Upper bounds (seconds) of the delay histogram's buckets; the last bucket is open. */
  static final double[] DELAY_BUCKETS = {1, 5, 30, 120, 600, 3600, 6 * 3600, 24 * 3600};
  static final String[] DELAY_BUCKET_NAMES = {"<1s", "1-5s", "5-30s", "30s-2m", "2-10m", "10m-1h", "1-6h", "6-24h",
      ">1d"};
  final long[] delayHistogram = new long[DELAY_BUCKETS.length + 1];
  final DelaySketch[] postfixDelays = {new DelaySketch(), new DelaySketch(), new DelaySketch(), new DelaySketch()};

  public SummaryCollector(ZoneId zone, ReportFilter filter, Pseudonymizer pseudonyms) {
    this.zone = zone;
    this.filter = filter;
    this.pseudonyms = pseudonyms;
    this.senders = new QueueSenders(filter);
  }

  /** One domain's deliveries. */
  static final class DomainTraffic {
    long delivered;
    long bytes;
    long deferrals;
    double delaySum;
    double delayMax;
    final DelaySketch delays = new DelaySketch();
  }

  // ---- events as they are read ---------------------------------------------------------------

  @Override
  public void accept(MailEvent e) {
    senders.accept(e);
    if (e instanceof DeliveryAttempt d) {
      attempt(d);
    } else if (e instanceof Rejected r) {
      reject(r);
    } else if (e instanceof DaemonMessage m) {
      diagnostic(m);
    } else if (e instanceof TlsEstablished t) {
      tls(t);
    }
  }

  private void attempt(DeliveryAttempt d) {
    String domain = Addresses.addressedDomain(d.origRecipient().orElse(null), d.recipient());
    String sender = senders.of(d.queueId());
    if (!filter.domainMatches(domain)
        || (filter.senderDomain().isPresent() && !filter.senderDomainMatches(Addresses.domainOf(sender)))) {
      return;
    }
    switch (d.status()) {
      case SENT -> {
        if (d.detail().startsWith(FORWARDED_AS)) {
          forwarded++;
        }
        // delays=a/b/c/d, split by the adapter; a damaged part is empty and the total delay still counts
        List<Optional<Duration>> parts = d.delays().parts();
        for (int i = 0; i < parts.size(); i++) {
          DelaySketch stage = postfixDelays[i];
          parts.get(i).ifPresent(part -> stage.add(part.toNanos() / 1e9));
        }
      }
      case DEFERRED -> {
        count(d.at(), DEFERRED);
        deferrals++;
        deferralReasons.add(reason(d.dsn().map(Object::toString), d.detail(), d.recipient()), 1);
      }
      case BOUNCED -> {
        bounceReasons.add(reason(d.dsn().map(Object::toString), d.detail(), d.recipient()), 1);
      }
      case VERIFICATION, OTHER -> {
        // no delivery
      }
    }
  }

  private void reject(Rejected r) {
    if (!rejectCopies.first(r)) {
      return;
    }
    switch (r.action()) {
      case "reject", "defer", "milter-reject", "proxy-reject" -> {
        if ((!r.recipient().isEmpty() && !filter.domainMatches(Addresses.domainOf(r.recipient())))
            || !filter.senderDomainMatches(Addresses.domainOf(r.sender()))) {
          return;
        }
        rejectReasons.add(reason(r.reply().flatMap(SmtpReply::enhanced).map(Object::toString),
            r.stage() + ": " + r.detail(), r.recipient(), r.sender()), 1);
      }
      case "reject_warning" -> rejectWarnings++;
      case "warn" -> warned++;
      case "hold", "milter-hold" -> held++;
      case "discard", "milter-discard" -> discarded++;
      default -> {
        // filter, redirect, prepend...: no count
      }
    }
  }

  private void tls(TlsEstablished t) {
    if (t.reused()) {
      tlsReused++;
      return;
    }
    if (t.role() == Role.SERVER) {
      tlsInbound++;
    } else {
      tlsOutbound++;
    }
    tlsKinds.add((t.role() == Role.SERVER ? "inbound " : "outbound ") + t.trust() + " "
        + (t.protocol().isEmpty() ? "?" : t.protocol()), 1);
  }

  private void diagnostic(DaemonMessage m) {
    switch (m.severity()) {
      case WARNING -> warnings++;
      case ERROR -> errors++;
      case FATAL -> fatals++;
      case PANIC -> panics++;
    }
    diagnostics.add(m.severity().name().toLowerCase(Locale.ROOT) + "\u0000" + m.process().tag() + ": "
        + Normalizer.text(pseudonyms.text(m.text())), 1);
  }

  /** Counts one outcome in the traffic tables (an index into {@link ReportKeys#TRAFFIC_OUTCOMES}). */
  private void count(Instant at, int outcome) {
    long second = at.getEpochSecond();
    if (second < hourStart || second >= hourStart + 3600) {
      // Most outcomes fall in the hour of the one before: the zone is asked once an hour, not per line.
      ZonedDateTime t = at.atZone(zone).truncatedTo(ChronoUnit.HOURS);
      hourStart = t.toEpochSecond();
      hourOfDay = t.getHour();
      day = daily.computeIfAbsent(t.toLocalDate(), d -> new long[OUTCOMES]);
    }
    day[outcome]++;
    hourly[hourOfDay][outcome]++;
  }

  private long hourStart = Long.MIN_VALUE / 2;
  private int hourOfDay;
  private long[] day;

  private String reason(Optional<String> enhanced, String text, String... addresses) {
    return enhanced.orElse("") + "\u0000" + Normalizer.text(pseudonyms.active() ? pseudonyms.text(text, addresses) : text);
  }

  // ---- what the correlator puts together -------------------------------------------------------

  @Override
  public void recipient(RecipientOutcome o) {
    if (o.queueId().isEmpty()) {
      outcome(o, -1); // refused before a queue file existed, or a transcript's recipient
    }
  }

  @Override
  public void message(MessageOutcome m) {
    long size = m.sizeBytes().orElse(0);
    String sender = m.sender().map(pseudonyms::address).orElse(null);
    boolean senderOk = filter.senderDomainMatches(m.sender().map(Addresses::domainOf).orElse(""));
    // A Postfix message with a parent that entered the queue is a content filter's re-injection: the
    // same mail again. An Exim message with a parent (R=) is a bounce Exim made; it arrived like any other.
    boolean reinjection = m.received() && m.parent().isPresent() && m.mta() == Mta.POSTFIX;
    // With --domain, a message counts as received when one of its recipients is in that domain.
    boolean domainOk = filter.domain().isEmpty() || m.recipients().stream().anyMatch(o -> filter.domainMatches(o.domain()));
    if (m.received() && !reinjection && senderOk && domainOk) {
      received++;
      count(m.firstSeen(), RECEIVED);
      receivedBytes += size;
      if (m.tls()) {
        receivedTls++;
      }
      if (sender != null) {
        String key = sender.isEmpty() ? "<>" : sender;
        distinctSenders.add(key);
        topSenders.add(key, 1, size);
        String domain = sendingDomain(m, key);
        sendingDomains.add(domain);
        receivedByDomain.add(domain, 1, size);
      }
    } else if (reinjection) {
      reinjected++;
    }
    if (!senderOk) {
      return;
    }
    boolean deferredOnce = false;
    boolean failed = false;
    for (RecipientOutcome o : m.recipients()) {
      if (outcome(o, size)) {
        deferredOnce |= o.deferrals() > 0;
        failed |= o.status() == RecipientStatus.BOUNCED || o.status() == RecipientStatus.EXPIRED;
      }
    }
    if (deferredOnce) {
      deferredMessages++;
    }
    if (failed) {
      failedMessages++;
    }
  }

  /** "host[ip]": a client's port is one connection's, not the host's. */
  static String withoutPort(Peer peer) {
    return new Peer(peer.hostname(), peer.address(), Peer.NO_PORT).toString();
  }

  /**
   * The address a recipient is listed under: Exim's local deliveries name the local part alone
   * ("=> bob &lt;bob@example.com&gt;"), which takes the domain of the address the mail was sent to.
   */
  static String listedAddress(RecipientOutcome o) {
    String r = o.recipient();
    if (r.indexOf('@') < 0 && o.origRecipient().isPresent()) {
      String domain = Addresses.domainOf(o.origRecipient().get());
      if (!domain.isEmpty()) {
        return r + "@" + domain;
      }
    }
    return r;
  }

  /**
   * The sending host or domain as pflogsumm counts it: the sender's domain; without one (the null
   * sender, a bare local name), the client's domain (pflogsumm's gimme_domain()), or for mail
   * submitted locally the sender itself.
   */
  private String sendingDomain(MessageOutcome m, String senderKey) {
    String domain = Addresses.domainOf(m.sender().orElse(""));
    if (!domain.isEmpty()) {
      return pseudonyms.domain(domain);
    }
    if (m.client().isPresent()) {
      return pseudonyms.domain(clientDomain(m.client().get()));
    }
    return senderKey;
  }

  /**
   * pflogsumm's gimme_domain() (pflogsumm 1.1.5, line 1532), so that "sending hosts/domains" count
   * alike: an unknown name becomes the address; "mach.host.dom" and "mach.host.do.co" become
   * "host.dom" and "host.do.co" (other names, such as "mx.example.info", stay whole).
   */
  static String clientDomain(Peer client) {
    String host = client.hostname();
    if (host.isEmpty() || host.equals("unknown")) {
      return client.address();
    }
    Matcher m = PFLOGSUMM_DOMAIN.matcher(host);
    return m.matches() ? (m.group(2) + "." + m.group(3)).toLowerCase(Locale.ROOT) : host;
  }

  private static final Pattern PFLOGSUMM_DOMAIN = Pattern.compile("^(.*)\\.([^.]+)\\.([^.]{3}|[^.]{2,3}\\.[^.]{2})$");

  /** Counts one recipient; false when the filter leaves it out. */
  private boolean outcome(RecipientOutcome o, long size) {
    if (!filter.domainMatches(o.domain())
        || !filter.senderDomainMatches(o.sender().map(Addresses::domainOf).orElse(""))) {
      return false;
    }
    recipients++;
    String recipient = pseudonyms.address(listedAddress(o));
    String domain = pseudonyms.domain(o.domain().isEmpty() ? "(none)" : o.domain());
    switch (o.status()) {
      case DELIVERED -> {
        delivered++;
        count(o.lastSeen(), DELIVERED);
        deliveredBytes += Math.max(0, size);
        String address = recipient.toLowerCase(Locale.ROOT);
        recipientAddresses.add(address);
        recipientDomains.add(domain);
        topRecipients.add(address, 1, Math.max(0, size));
        DomainTraffic t = deliveredByDomain.computeIfAbsent(domain, d -> new DomainTraffic());
        t.delivered++;
        t.bytes += Math.max(0, size);
        o.delay().ifPresent(d -> {
          double seconds = d.toNanos() / 1e9;
          t.delaySum += seconds;
          t.delayMax = Math.max(t.delayMax, seconds);
          t.delays.add(seconds);
          delays.add(seconds);
          int bucket = 0;
          while (bucket < DELAY_BUCKETS.length && seconds >= DELAY_BUCKETS[bucket]) {
            bucket++;
          }
          delayHistogram[bucket]++;
        });
        if (o.relayedThrough()) {
          relayedThrough++;
          relayed.add(o.client().map(SummaryCollector::withoutPort).orElse("?") + " -> "
              + o.relay().map(SummaryCollector::withoutPort).orElse("?"), 1);
        }
      }
      case DEFERRED -> deferredRecipients++;
      case BOUNCED -> {
        bounced++;
        count(o.lastSeen(), BOUNCED);
      }
      case EXPIRED -> {
        expired++;
        count(o.lastSeen(), BOUNCED);
      }
      case REJECTED -> {
        rejected++;
        count(o.lastSeen(), REJECTED);
      }
    }
    if (o.deferrals() > 0) {
      deliveredByDomain.computeIfAbsent(domain, d -> new DomainTraffic()).deferrals += o.deferrals();
    }
    return true;
  }

  @Override
  public void finished(MailCorrelator correlator) {
    filterDeliveries = correlator.filterHops();
  }

  @Override
  public void session(ServerSession s) {
    sessions++;
    long seconds = s.end().map(end -> Duration.between(s.start(), end).toSeconds()).orElse(0L);
    sessionSeconds += seconds;
    sessionMaxSeconds = Math.max(sessionMaxSeconds, seconds);
    if (!s.messages().isEmpty()) {
      sessionsWithMail++;
    }
    sessionRefusals += s.refusals();
    sessionsByClient.add(pseudonyms.domain(clientDomain(s.client())), 1, seconds);
  }

  @Override
  public void dialogue(SmtpDialogue d) {
    dialogues++;
    for (DialogueExchange x : d.exchanges()) {
      if (x.tls()) {
        dialoguesTls++;
        break;
      }
    }
  }

  @Override
  public boolean wantsDialogues() {
    return true;
  }

  // ---- sections -----------------------------------------------------------------------------------

  @Override
  public List<ReportSection> sections(int top) {
    List<ReportSection> out = new ArrayList<>();
    out.add(SummarySections.totals(this));
    out.add(SummarySections.traffic(ReportKeys.SECTION_TRAFFIC_DAILY, "Traffic per day", "date", daily));
    out.add(SummarySections.hourly(this));
    out.add(SummarySections.domainsDelivered(this, top));
    out.add(SummarySections.top(ReportKeys.SECTION_DOMAINS_RECEIVED, "Received per sender domain", "sender_domain",
        receivedByDomain, TopList.COUNT, top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_SENDERS, "Senders by message count", "sender", topSenders,
        TopList.COUNT, top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_SENDERS_BY_SIZE, "Senders by size", "sender", topSenders, TopList.SUM,
        top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_RECIPIENTS, "Recipients by message count", "recipient",
        topRecipients, TopList.COUNT, top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_RECIPIENTS_BY_SIZE, "Recipients by size", "recipient",
        topRecipients, TopList.SUM, top));
    out.add(SummarySections.reasons(ReportKeys.SECTION_DEFERRAL_REASONS, "Deferral reasons", deferralReasons, top));
    out.add(SummarySections.reasons(ReportKeys.SECTION_BOUNCE_REASONS, "Bounce reasons", bounceReasons, top));
    out.add(SummarySections.reasons(ReportKeys.SECTION_REJECT_REASONS, "Reject reasons", rejectReasons, top));
    out.add(SummarySections.diagnostics(this, top));
    out.add(SummarySections.connections(this));
    out.add(SummarySections.connectionsByClient(this, top));
    out.add(SummarySections.tls(this));
    out.add(SummarySections.relayed(this, top));
    out.add(SummarySections.delays(this, top));
    out.add(SummarySections.delayHistogram(this));
    return out;
  }
}
