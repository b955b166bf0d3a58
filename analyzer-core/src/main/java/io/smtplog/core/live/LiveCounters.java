package io.smtplog.core.live;

import io.smtplog.core.classify.StatusSubject;
import io.smtplog.core.follow.FollowCycle;
import io.smtplog.core.follow.FollowListener;
import io.smtplog.core.index.SummaryKeys;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.outcome.Attempt;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ServerSession;
import io.smtplog.core.report.CodesCollector;
import io.smtplog.core.report.RelayCollector;
import io.smtplog.core.report.format.PrometheusFormat;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of a process that follows logs, written as a Prometheus exposition ({@link
 * #write}). Fed the final outcomes, each once ({@link #accept}), and every round of following
 * ({@link #cycle}); each figure is counted the way a batch report counts it, by the same code:
 * recipients by outcome and delivered recipients by RCPT reply as the relay report, replies as the
 * codes report's {@code in_logs} ({@link CodesCollector#counted}), deferrals, reject records and
 * sessions as the summary. Counters start at 0 with the process. Thread-safe: one thread feeds it,
 * any number write it. Names: {@link MetricNames}.
 */
public final class LiveCounters implements OutcomeListener, FollowListener {
  /** Domains with series of their own when per-domain series are asked for; the rest are "(other)". */
  public static final int MAX_DOMAINS = 1000;
  /** The media type of what {@link #write} writes (text format 0.0.4), for the HTTP response. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final long NONE = Long.MIN_VALUE;

  // The maps of fixed keys are filled here and never change shape: readers only read their adders.

  private final String version;
  private final DomainCounts domains;
  private final LongAdder linesRead = new LongAdder();
  private final Map<ProblemKind, LongAdder> problems = adders(ProblemKind.class);
  private final Map<RecipientStatus, LongAdder> recipients = adders(RecipientStatus.class);
  private final Map<String, LongAdder> deliveredByRcptReply = new LinkedHashMap<>();
  private final Map<Integer, LongAdder> replies = new ConcurrentHashMap<>();
  private final LongAdder deferrals = new LongAdder();
  private final Map<DeliveryStatus, LongAdder> attempts = adders(DeliveryStatus.class);
  private final Map<StatusSubject, LongAdder> rejects = adders(StatusSubject.class);
  private final LongAdder sessions = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final AtomicLong lastReadMillis = new AtomicLong(NONE);
  private final AtomicLong lastLoggedMillis = new AtomicLong(NONE);
  private final AtomicLong lastCommitMillis = new AtomicLong(NONE);
  private final AtomicLong lagBytes = new AtomicLong();
  private final AtomicLong inputs = new AtomicLong();
  /** True once a round of following was told: the follow gauges are written from then on. */
  private final AtomicBoolean following = new AtomicBoolean();

  /**
   * @param version the {@code version} label of {@link MetricNames#BUILD_INFO}
   * @param perDomain true to write recipients by outcome per domain too (at most {@link #MAX_DOMAINS})
   */
  public LiveCounters(String version, boolean perDomain) {
    this(version, perDomain ? MAX_DOMAINS : 0);
  }

  /** With series for at most {@code maxDomains} domains; 0 for none (tests cap with a few). */
  LiveCounters(String version, int maxDomains) {
    this.version = Objects.requireNonNull(version, "version");
    this.domains = maxDomains > 0 ? new DomainCounts(maxDomains) : null;
    PrometheusFormat.RCPT_REPLY.keySet().forEach(column -> deliveredByRcptReply.put(column, new LongAdder()));
  }

  /** Recipient outcomes, attempts, observations and sessions: not messages, RCPT replies or dialogues. */
  @Override
  public boolean wants(Class<? extends Outcome> kind) {
    return kind == Attempt.class || kind == Observation.class || kind == ServerSession.class;
  }

  @Override
  public void accept(Outcome outcome) {
    if (outcome instanceof RecipientOutcome o) {
      recipient(o);
    } else if (outcome instanceof Attempt a) {
      // Told as its line is read, whatever becomes of the message: the figure that moves at once.
      attempts.get(a.event().status()).increment();
      if (a.event().status() == DeliveryStatus.DEFERRED) {
        deferrals.increment(); // as the summary counts deferrals: each deferred attempt
      }
    } else if (outcome instanceof Observation o && o.event() instanceof Rejected r
        && SummaryKeys.REFUSAL.equals(SummaryKeys.eventClass(r))) {
      // A reject record, as the summary's reject_records, by the RFC 3463 subject of its reply.
      rejects.get(StatusSubject.of(r.reply().flatMap(SmtpReply::enhanced))).increment();
    } else if (outcome instanceof ServerSession) {
      sessions.increment();
    }
    for (CodesCollector.Counted c : CodesCollector.counted(outcome)) {
      if (c.table() == CodesCollector.Table.REPLIES && c.fromLog()) {
        replies.computeIfAbsent(c.reply().code().value(), code -> new LongAdder()).increment();
      }
    }
  }

  private void recipient(RecipientOutcome o) {
    recipients.get(o.status()).increment();
    if (o.status() == RecipientStatus.DELIVERED) {
      deliveredByRcptReply.get(RelayCollector.rcptReplyColumn(o)).increment();
    }
    if (domains != null) {
      domains.add(SummaryKeys.domainRow(o.recipient(), o.domain()), o.status());
    }
  }

  @Override
  public void cycle(FollowCycle cycle) {
    linesRead.add(cycle.linesRead());
    cycle.problems().forEach((kind, count) -> problems.get(kind).add(count));
    if (cycle.linesRead() > 0) {
      lastReadMillis.set(cycle.at().toEpochMilli());
    }
    cycle.lastLogged().ifPresent(at -> lastLoggedMillis.set(at.toEpochMilli()));
    if (cycle.committed()) {
      commits.increment();
      lastCommitMillis.set(cycle.at().toEpochMilli());
    }
    lagBytes.set(cycle.lagBytes());
    inputs.set(cycle.inputsPresent());
    following.set(true);
  }

  /**
   * Writes every family in the Prometheus text exposition format 0.0.4 (served as {@code text/plain;
   * version=0.0.4; charset=utf-8}), with a series for each value of the fixed label sets even while
   * it is 0, so that {@code rate()} works from the first scrape ({@link #CONTENT_TYPE}). Safe to call
   * from any thread; the figures of one exposition are read one after the other, not as one snapshot.
   */
  public void write(Writer out) throws IOException {
    Exposition text = new Exposition();
    text.family(MetricNames.LINES_READ, Exposition.Type.COUNTER, "Lines read since the process started.")
        .sample(MetricNames.LINES_READ, linesRead.sum());
    text.family(MetricNames.LINE_PROBLEMS, Exposition.Type.COUNTER,
        "Lines that looked like mail log lines but could not be read, by kind of problem.");
    problems.forEach((kind, count) -> text.sample(MetricNames.LINE_PROBLEMS, count.sum(), MetricNames.KIND,
        kind.name().toLowerCase(Locale.ROOT)));
    text.family(MetricNames.RECIPIENTS, Exposition.Type.COUNTER, "Recipients whose outcome became final, by outcome"
        + " (disjoint, as the relay report counts them).");
    for (String outcome : PrometheusFormat.OUTCOMES) {
      text.sample(MetricNames.RECIPIENTS, recipients.get(status(outcome)).sum(), MetricNames.OUTCOME, outcome);
    }
    text.family(MetricNames.DELIVERED_BY_RCPT_REPLY, Exposition.Type.COUNTER, "Delivered recipients by the reply to"
        + " RCPT TO: 250 (and other 2xx), 251 (forwarded), 252, or unseen when the log does not show it.");
    PrometheusFormat.RCPT_REPLY.forEach((column, label) -> text.sample(MetricNames.DELIVERED_BY_RCPT_REPLY,
        deliveredByRcptReply.get(column).sum(), MetricNames.RCPT_REPLY, label));
    text.family(MetricNames.REPLIES, Exposition.Type.COUNTER, "SMTP replies quoted by delivery and reject records,"
        + " by class and code (the codes report's in_logs).");
    new TreeMap<>(replies).forEach((code, count) -> text.sample(MetricNames.REPLIES, count.sum(),
        MetricNames.CLASS, code / 100 + "xx", MetricNames.CODE, Integer.toString(code)));
    text.family(MetricNames.DEFERRALS, Exposition.Type.COUNTER, "Deferred delivery attempts.")
        .sample(MetricNames.DEFERRALS, deferrals.sum());
    text.family(MetricNames.DELIVERY_ATTEMPTS, Exposition.Type.COUNTER, "Delivery attempts by the status their"
        + " record gives (sent, deferred, bounced, ...), counted as the record is read: a recipient's final outcome"
        + " (recipients_total) can come later, when its message's story ends.");
    attempts.forEach((status, count) -> text.sample(MetricNames.DELIVERY_ATTEMPTS, count.sum(), MetricNames.STATUS,
        status.name().toLowerCase(Locale.ROOT)));
    text.family(MetricNames.REJECTS, Exposition.Type.COUNTER, "Refusals logged (reject records), by the RFC 3463"
        + " subject of the enhanced status code; other when the reply has none.");
    rejects.forEach((subject, count) -> text.sample(MetricNames.REJECTS, count.sum(), MetricNames.REASON_CLASS,
        subject.key()));
    text.family(MetricNames.SESSIONS, Exposition.Type.COUNTER, "SMTP server sessions ended.")
        .sample(MetricNames.SESSIONS, sessions.sum());
    if (domains != null) {
      writeDomains(text);
    }
    if (following.get()) {
      // Only while following: a server that follows nothing has no line to miss (no alert fires on it).
      gauge(text, MetricNames.LAST_LINE_READ, "When a line was last read (Unix time; 0 before the first).",
          seconds(lastReadMillis.get()));
      gauge(text, MetricNames.LAST_LINE_LOGGED, "The log time stamp of the last line read (Unix time; 0 before the"
          + " first).", seconds(lastLoggedMillis.get()));
      gauge(text, MetricNames.FOLLOW_LAG, "Bytes of the followed inputs not read yet.",
          BigDecimal.valueOf(lagBytes.get()));
      gauge(text, MetricNames.FOLLOW_INPUTS, "Followed inputs that exist now.", BigDecimal.valueOf(inputs.get()));
    }
    text.family(MetricNames.INDEX_COMMITS, Exposition.Type.COUNTER, "Commits of the index since the process started.")
        .sample(MetricNames.INDEX_COMMITS, commits.sum());
    gauge(text, MetricNames.INDEX_LAST_COMMIT, "When the index was last committed (Unix time; 0 before the first).",
        seconds(lastCommitMillis.get()));
    text.family(MetricNames.BUILD_INFO, Exposition.Type.GAUGE, "The smtplog version, as a label; the value is 1.")
        .sample(MetricNames.BUILD_INFO, 1, MetricNames.VERSION, version);
    text.writeTo(out);
  }

  private void writeDomains(Exposition text) {
    text.family(MetricNames.DOMAIN_RECIPIENTS, Exposition.Type.COUNTER, "Recipients whose outcome became final, per"
        + " domain the mail was addressed to and by outcome; at most " + MAX_DOMAINS + " domains, the rest under"
        + " domain=\"" + MetricNames.OTHER_DOMAIN + "\".");
    domains.snapshot().forEach((domain, counts) -> {
      for (String outcome : PrometheusFormat.OUTCOMES) {
        text.sample(MetricNames.DOMAIN_RECIPIENTS, counts[status(outcome).ordinal()], MetricNames.DOMAIN, domain,
            MetricNames.OUTCOME, outcome);
      }
    });
  }

  private static void gauge(Exposition text, String name, String help, BigDecimal value) {
    text.family(name, Exposition.Type.GAUGE, help).sample(name, value);
  }

  /** Unix time in seconds with milliseconds; 0 for none. */
  private static BigDecimal seconds(long millis) {
    return millis == NONE ? BigDecimal.ZERO : BigDecimal.valueOf(millis, 3);
  }

  private static RecipientStatus status(String outcome) {
    return RecipientStatus.valueOf(outcome.toUpperCase(Locale.ROOT));
  }

  private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
    Map<E, LongAdder> adders = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      adders.put(value, new LongAdder());
    }
    return adders;
  }
}
