package io.smtplog.core.report;

import io.smtplog.core.index.SummaryKeys;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DelaySplit;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.TlsEstablished;
import io.smtplog.core.outcome.Attempt;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.ServerSession;
import io.smtplog.core.outcome.SmtpDialogue;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects what {@code smtplog report summary} prints, in one pass over the outcome stream:
 * recipients and messages (totals, domains, senders and recipients, relayed mail, delays), delivery
 * attempts (deferrals in their own hour, deferral reasons), sessions and dialogues (connections,
 * TLS), and the observations (reject reasons, warnings, diagnostics). Memory is bounded: per-value
 * tables are lossy-counting top lists ({@link TopList}, exact while they hold every value), distinct
 * counts are sketches ({@link DistinctCount}, exact to 65,536), delays are {@link DelaySketch}es.
 * Not thread-safe.
 */
public final class SummaryCollector implements ReportCollector {
  static final int TOP_CAPACITY = 1000;
  static final int TRAFFIC = ReportKeys.TRAFFIC_COLUMNS.size();
  private static final int RECEIVED = 0;
  private static final int DELIVERED = 1;
  private static final int DEFERRALS = 2;
  private static final int BOUNCED = 3;
  private static final int EXPIRED = 4;
  private static final int REJECTED = 5;
  private static final int DISCARDED = 6;

  private final ZoneId zone;
  private final Pseudonymizer pseudonyms;

  // Grand totals (see SummarySections.totals()).
  long received;
  long receivedBytes;
  long receivedTls;
  long copies;
  long recipients;
  long delivered;
  long deliveredBytes;
  long deferred;
  final DistinctCount deferredMessages = new DistinctCount();
  final DistinctCount failedMessages = new DistinctCount();
  long deferrals;
  long bounced;
  long expired;
  long rejected;
  long discarded;
  long forwarded;
  long hops;
  long rejectRecords;
  long rejectWarnings;
  long warned;
  long held;
  long discardActions;
  long relayedThrough;
  long warnings;
  long errors;
  long fatals;
  long panics;
  final DistinctCount distinctSenders = new DistinctCount();
  final DistinctCount sendingDomains = new DistinctCount();
  final DistinctCount recipientAddresses = new DistinctCount();
  final DistinctCount recipientDomains = new DistinctCount();

  // Traffic: date → counts of TRAFFIC_COLUMNS; hour of day → counts.
  final Map<LocalDate, long[]> daily = new TreeMap<>();
  final long[][] hourly = new long[24][TRAFFIC];

  // Per domain.
  final SpillingMap<DomainTraffic> deliveredByDomain;
  final TopList receivedByDomain = new TopList(TOP_CAPACITY); // messages and bytes

  // Senders and recipients.
  final TopList topSenders = new TopList(TOP_CAPACITY); // messages and bytes
  final TopList topRecipients = new TopList(TOP_CAPACITY);

  // Reasons: "enhanced\u0000normalised text".
  final TopList deferralReasons = new TopList(TOP_CAPACITY);
  final TopList bounceReasons = new TopList(TOP_CAPACITY);
  final TopList rejectReasons = new TopList(TOP_CAPACITY);
  final TopList diagnostics = new TopList(TOP_CAPACITY);

  // Connections and TLS.
  long sessions;
  long sessionSeconds;
  long sessionMaxSeconds;
  long sessionsWithMail;
  long sessionsTls;
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
  static final double[] DELAY_BUCKETS = SummaryKeys.DELAY_BUCKETS;
  static final String[] DELAY_BUCKET_NAMES = {"<1s", "1-5s", "5-30s", "30s-2m", "2-10m", "10m-1h", "1-6h", "6-24h",
      ">1d"};
  final long[] delayHistogram = new long[DELAY_BUCKETS.length + 1];
  final DelaySketch[] delayParts = {new DelaySketch(), new DelaySketch(), new DelaySketch(), new DelaySketch()};

  public SummaryCollector(ZoneId zone, Pseudonymizer pseudonyms) {
    this(zone, pseudonyms, RelayCollector.HELD_DOMAINS);
  }

  /**
   * With at most {@code heldDomains} recipient domains in memory; past that, as in the relay
   * report, they go to sorted runs on disk ({@link SpillingMap}) and every figure stays exact.
   */
  SummaryCollector(ZoneId zone, Pseudonymizer pseudonyms, int heldDomains) {
    this.zone = zone;
    this.pseudonyms = pseudonyms;
    this.deliveredByDomain = new SpillingMap<>(heldDomains, DomainTraffic::new, DomainTraffic::addAll,
        DomainTraffic.CODEC);
  }

  /** One domain's deliveries. */
  static final class DomainTraffic {
    long delivered;
    long bytes;
    long deferrals;
    /**
     * The sum of the delays, whole seconds and nanoseconds apart: exact whatever the order of the
     * additions (a sum of doubles is not, and a domain's figures are summed in another order when
     * they were written to disk and merged back).
     */
    long delaySeconds;
    long delayNanos;
    double delayMax;
    final DelaySketch delays;

    DomainTraffic() {
      this(new DelaySketch());
    }

    private DomainTraffic(DelaySketch delays) {
      this.delays = delays;
    }

    /** The mean delay in seconds to 3 decimals, rounded half up from the exact sum; null without delays. */
    BigDecimal delayMean() {
      if (delays.count() == 0) {
        return null;
      }
      BigDecimal sum = BigDecimal.valueOf(delaySeconds).add(BigDecimal.valueOf(delayNanos, 9));
      BigDecimal mean = sum.divide(BigDecimal.valueOf(delays.count()), 3, RoundingMode.HALF_UP).stripTrailingZeros();
      return mean.scale() < 0 ? mean.setScale(0) : mean;
    }

    void addAll(DomainTraffic other) {
      delivered += other.delivered;
      bytes += other.bytes;
      deferrals += other.deferrals;
      delaySeconds += other.delaySeconds;
      delayNanos += other.delayNanos;
      delayMax = Math.max(delayMax, other.delayMax);
      delays.addAll(other.delays);
    }

    /** One domain's deliveries on disk: the counts, the delay sum and maximum, the delays. */
    static final SortedRuns.Codec<SpillingMap.Entry<DomainTraffic>> CODEC = new SortedRuns.Codec<>() {
      @Override
      public void write(DataOutput out, SpillingMap.Entry<DomainTraffic> e) throws IOException {
        SortedRuns.writeText(out, e.key());
        DomainTraffic t = e.state();
        SortedRuns.writeCount(out, t.delivered);
        SortedRuns.writeCount(out, t.bytes);
        SortedRuns.writeCount(out, t.deferrals);
        SortedRuns.writeCount(out, t.delaySeconds);
        SortedRuns.writeCount(out, t.delayNanos);
        out.writeDouble(t.delayMax);
        t.delays.writeTo(out);
      }

      @Override
      public SpillingMap.Entry<DomainTraffic> read(DataInput in) throws IOException {
        String domain = SortedRuns.readText(in);
        long delivered = SortedRuns.readCount(in);
        long bytes = SortedRuns.readCount(in);
        long deferrals = SortedRuns.readCount(in);
        long delaySeconds = SortedRuns.readCount(in);
        long delayNanos = SortedRuns.readCount(in);
        double delayMax = in.readDouble();
        DomainTraffic t = new DomainTraffic(DelaySketch.readFrom(in));
        t.delivered = delivered;
        t.bytes = bytes;
        t.deferrals = deferrals;
        t.delaySeconds = delaySeconds;
        t.delayNanos = delayNanos;
        t.delayMax = delayMax;
        return new SpillingMap.Entry<>(domain, t);
      }
    };
  }

  /** Most delivered first, then by domain. */
  static final Comparator<SpillingMap.Entry<DomainTraffic>> BY_DELIVERED = Comparator
      .comparingLong((SpillingMap.Entry<DomainTraffic> e) -> -e.state().delivered)
      .thenComparing(SpillingMap.Entry::key);

  private SpillingMap.Ranked<DomainTraffic> rankedDomains;
  private long domainsWithDelays;

  /** The domains held in memory, most delivered first: all of them unless {@link SpillingMap#spilled()}. */
  List<SpillingMap.Entry<DomainTraffic>> sortedDomains() {
    List<SpillingMap.Entry<DomainTraffic>> entries = new ArrayList<>();
    deliveredByDomain.held().forEach((domain, t) -> entries.add(new SpillingMap.Entry<>(domain, t)));
    entries.sort(BY_DELIVERED);
    return entries;
  }

  /** Every domain, most delivered first, from disk (once the domains were spilled); read once, kept. */
  SpillingMap.Ranked<DomainTraffic> rankedDomains() {
    if (rankedDomains == null) {
      rankedDomains = deliveredByDomain.ranked(BY_DELIVERED, e -> {
        if (e.state().delays.count() > 0) {
          domainsWithDelays++;
        }
      });
    }
    return rankedDomains;
  }

  /** How many domains have delays ({@link #rankedDomains()} counts them). */
  long domainsWithDelays() {
    rankedDomains();
    return domainsWithDelays;
  }

  @Override
  public void accept(Outcome outcome) {
    if (outcome instanceof RecipientOutcome o) {
      recipient(o);
    } else if (outcome instanceof Attempt a) {
      attempt(a);
    } else if (outcome instanceof MessageOutcome m) {
      message(m);
    } else if (outcome instanceof Observation obs) {
      observation(obs);
    } else if (outcome instanceof ServerSession s) {
      session(s);
    } else if (outcome instanceof SmtpDialogue d) {
      dialogue(d);
    }
  }

  @Override
  public boolean wantsDialogues() {
    return true;
  }

  // ---- attempts and observations --------------------------------------------------------------------

  private void attempt(Attempt a) {
    DeliveryAttempt d = a.event();
    if (d.status() == DeliveryStatus.BOUNCED || d.status() == DeliveryStatus.EXPIRED) {
      failedMessages.add(d.queueId().value());
    }
    if (d.status() == DeliveryStatus.DEFERRED) {
      deferredMessages.add(d.queueId().value());
      count(d.at(), DEFERRALS);
      deferrals++;
      deferralReasons.add(reason(SummaryKeys.enhanced(d), d.detail(), d.recipient()), 1);
    }
  }

  private void observation(Observation o) {
    if (o.event() instanceof Rejected r) {
      reject(r);
    } else if (o.event() instanceof DaemonMessage m) {
      diagnostic(m);
    } else if (o.event() instanceof TlsEstablished t) {
      tls(t);
    }
  }

  private void reject(Rejected r) {
    String counted = SummaryKeys.eventClass(r);
    if (counted == null) {
      return; // filter, redirect, prepend...: no count
    }
    switch (counted) {
      case SummaryKeys.REFUSAL -> {
        rejectRecords++;
        rejectReasons.add(reason(SummaryKeys.enhanced(r), SummaryKeys.refusalText(r), r.recipient(), r.sender()), 1);
      }
      case SummaryKeys.REJECT_WARNING -> rejectWarnings++;
      case SummaryKeys.WARNED -> warned++;
      case SummaryKeys.HELD -> held++;
      default -> discardActions++;
    }
  }

  private void tls(TlsEstablished t) {
    Optional<String> kind = SummaryKeys.tlsKind(t);
    if (kind.isEmpty()) {
      tlsReused++;
      return;
    }
    if (t.role() == Role.SERVER) {
      tlsInbound++;
    } else {
      tlsOutbound++;
    }
    tlsKinds.add(kind.get(), 1);
  }

  private void diagnostic(DaemonMessage m) {
    switch (m.severity()) {
      case WARNING -> warnings++;
      case ERROR -> errors++;
      case FATAL -> fatals++;
      case PANIC -> panics++;
    }
    diagnostics.add(SummaryKeys.diagnostic(m, pseudonyms.text(m.text())), 1);
  }

  /** Counts one figure in the traffic tables (an index into {@link ReportKeys#TRAFFIC_COLUMNS}). */
  private void count(Instant at, int column) {
    long second = at.getEpochSecond();
    if (second < hourStart || second >= hourStart + 3600) {
      // Most outcomes fall in the hour of the one before: the zone is asked once an hour, not per line.
      ZonedDateTime t = at.atZone(zone).truncatedTo(ChronoUnit.HOURS);
      hourStart = t.toEpochSecond();
      hourOfDay = t.getHour();
      day = daily.computeIfAbsent(t.toLocalDate(), d -> new long[TRAFFIC]);
    }
    day[column]++;
    hourly[hourOfDay][column]++;
  }

  private long hourStart = Long.MIN_VALUE / 2;
  private int hourOfDay;
  private long[] day;

  private String reason(Optional<String> enhanced, String text, String... addresses) {
    return SummaryKeys.reason(enhanced, pseudonyms.active() ? pseudonyms.text(text, addresses) : text);
  }

  // ---- messages and recipients ----------------------------------------------------------------------

  private void message(MessageOutcome m) {
    long size = m.message().sizeBytes().orElse(0);
    if (m.receivedNew()) {
      received++;
      count(m.message().arrival().orElse(m.firstSeen()), RECEIVED);
      receivedBytes += size;
      if (m.message().tls()) {
        receivedTls++;
      }
      m.message().sender().ifPresent(s -> {
        String key = SummaryKeys.sender(s, pseudonyms::address);
        distinctSenders.add(key);
        topSenders.add(key, 1, size);
        String domain = sendingDomain(m, key);
        sendingDomains.add(domain);
        receivedByDomain.add(domain, 1, size);
      });
    } else if (m.received() && m.copyOf().isPresent()) {
      copies++;
    }
  }

  /** The sending host or domain as pflogsumm counts it ({@link SummaryKeys#sendingDomain}). */
  private String sendingDomain(MessageOutcome m, String senderKey) {
    return SummaryKeys.sendingDomain(m, senderKey, pseudonyms::domain, this::clientDomainOf);
  }

  /** {@link SummaryKeys#clientDomain} of the client hosts seen lately: the same few send most mail. */
  private final Map<String, String> clientDomains = new HashMap<>();

  private String clientDomainOf(Peer client) {
    String host = client.hostname();
    if (host.isEmpty() || host.equals("unknown")) {
      return client.address();
    }
    String domain = clientDomains.get(host);
    if (domain == null) {
      if (clientDomains.size() == 8192) {
        clientDomains.clear(); // bounded: a log of many one-off hosts only loses the memo
      }
      domain = SummaryKeys.clientDomain(client);
      clientDomains.put(host, domain);
    }
    return domain;
  }

  private void recipient(RecipientOutcome o) {
    recipients++;
    long size = Math.max(0, o.message().sizeBytes().orElse(0));
    String recipient = pseudonyms.address(o.recipient());
    String domain = RelayCollector.shownDomain(RelayCollector.domainRow(o.recipient(), o.domain()), pseudonyms);
    hops += o.hops();
    if (o.forwards() > 0) {
      forwarded++;
    }
    switch (o.status()) {
      case DELIVERED -> delivered(o, recipient, domain, size);
      case DEFERRED -> deferred++;
      case BOUNCED -> {
        bounced++;
        count(o.lastSeen(), BOUNCED);
        bounceReasons.add(reason(SummaryKeys.enhanced(o), o.finalText(), o.recipient()), 1);
      }
      case EXPIRED -> {
        expired++;
        count(o.lastSeen(), EXPIRED);
      }
      case REJECTED -> {
        rejected++;
        count(o.lastSeen(), REJECTED);
      }
      case DISCARDED -> {
        discarded++;
        count(o.lastSeen(), DISCARDED);
      }
    }
    if (o.deferrals() > 0) {
      deliveredByDomain.get(domain).deferrals += o.deferrals();
    }
  }

  private void delivered(RecipientOutcome o, String recipient, String domain, long size) {
    delivered++;
    count(o.lastSeen(), DELIVERED);
    deliveredBytes += size;
    recipientAddresses.add(recipient);
    recipientDomains.add(domain);
    topRecipients.add(recipient, 1, size);
    DomainTraffic t = deliveredByDomain.get(domain);
    t.delivered++;
    t.bytes += size;
    o.delay().ifPresent(d -> {
      double seconds = SummaryKeys.seconds(d);
      t.delaySeconds += d.getSeconds();
      t.delayNanos += d.getNano();
      t.delayMax = Math.max(t.delayMax, seconds);
      t.delays.add(seconds);
      delays.add(seconds);
      delayHistogram[SummaryKeys.delayBucket(seconds)]++;
    });
    o.lastAttempt().ifPresent(a -> addDelayParts(a.delays()));
    if (o.relayedThrough()) {
      relayedThrough++;
      relayed.add(SummaryKeys.relayed(o, pseudonyms::text, pseudonyms::peer), 1);
    }
  }

  /** Postfix's delays=a/b/c/d, split by the adapter: a damaged part is empty, the total delay still counts. */
  private void addDelayParts(DelaySplit split) {
    List<Optional<Duration>> parts = split.parts();
    for (int i = 0; i < parts.size(); i++) {
      DelaySketch stage = delayParts[i];
      parts.get(i).ifPresent(part -> stage.add(SummaryKeys.seconds(part)));
    }
  }

  // ---- sessions -----------------------------------------------------------------------------------

  private void session(ServerSession s) {
    sessions++;
    long seconds = SummaryKeys.sessionSeconds(s);
    sessionSeconds += seconds;
    sessionMaxSeconds = Math.max(sessionMaxSeconds, seconds);
    if (!s.messages().isEmpty()) {
      sessionsWithMail++;
    }
    if (s.tls()) {
      sessionsTls++;
    }
    sessionRefusals += s.refusals();
    sessionsByClient.add(pseudonyms.domain(clientDomainOf(s.client())), 1, seconds);
  }

  private void dialogue(SmtpDialogue d) {
    dialogues++;
    for (DialogueExchange x : d.exchanges()) {
      if (x.tls()) {
        dialoguesTls++;
        break;
      }
    }
  }

  // ---- sections -----------------------------------------------------------------------------------

  @Override
  public List<Section> sections(int top) {
    List<Section> out = new ArrayList<>();
    out.add(SummarySections.totals(this));
    out.add(SummarySections.traffic(ReportKeys.SECTION_TRAFFIC_DAILY, "Traffic per day", "date", daily));
    out.add(SummarySections.hourly(this));
    out.add(SummarySections.domainsDelivered(this, top));
    out.add(SummarySections.top(ReportKeys.SECTION_DOMAINS_RECEIVED, "Received per sender domain", "sender_domain",
        receivedByDomain, TopList.COUNT, top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_SENDERS, "Senders by message count", "sender", topSenders,
        TopList.COUNT, top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_SENDERS_BY_SIZE, "Senders by size", "sender", topSenders,
        TopList.SUM, top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_RECIPIENTS, "Recipients by message count", "recipient",
        topRecipients, TopList.COUNT, top));
    out.add(SummarySections.top(ReportKeys.SECTION_TOP_RECIPIENTS_BY_SIZE, "Recipients by size", "recipient",
        topRecipients, TopList.SUM, top));
    out.add(SummarySections.reasons(ReportKeys.SECTION_DEFERRAL_REASONS, "Deferral reasons (deferred attempts)",
        deferralReasons, top, ReportKeys.DEFERRALS));
    out.add(SummarySections.reasons(ReportKeys.SECTION_BOUNCE_REASONS, "Bounce reasons (bounced recipients)",
        bounceReasons, top, ReportKeys.BOUNCED));
    out.add(SummarySections.reasons(ReportKeys.SECTION_REJECT_REASONS, "Reject reasons (reject records)", rejectReasons,
        top, ReportKeys.REJECT_RECORDS));
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
