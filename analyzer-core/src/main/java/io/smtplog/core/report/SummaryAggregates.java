package io.smtplog.core.report;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.SummaryKeys;
import io.smtplog.core.index.agg.AggResult;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.Metric;
import io.smtplog.core.outcome.RecipientStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The summary report from aggregates over the index documents instead of the outcomes replayed
 * ({@link SummaryCollector}): each figure is a count, sum, maximum or distinct count of documents
 * grouped by a key the index wrote at ingest time with the collector's own code ({@link SummaryKeys},
 * the internal {@code _sum_} fields), and the figures fill a collector's state, so the sections are
 * ranked, formatted and totalled by the same code ({@link SummarySections}). Each request is one
 * JSON Facet request on Solr; a top list asks for its {@code top} values only (by count, and by
 * bytes where the section ranks by size), every other table for every bucket.
 * <pre>
 * kind       grouped by                 gives
 * recipient  status                     recipients, outcomes, hops, forwarded, delivered bytes, distinct
 *                                       recipients and domains, relayed through, delays, histogram
 * recipient  _sum_quarter               the delivered, bounced, expired, rejected, discarded columns
 * recipient  _sum_domain (top)          deliveries per recipient domain, their delays
 * recipient  _sum_recipient (top)       top recipients by count and by size
 * recipient  _sum_reason (top)          bounce reasons;  _sum_relayed (top): relayed
 * message    _sum_received              received, copies, received bytes and TLS, distinct senders and domains
 * message    _sum_quarter               the received column
 * message    _sum_sender (top)          top senders;  _sum_sending_domain (top): received per sender domain
 * attempt    _sum_attempt               deferrals, deferred and failed messages (distinct queue ids)
 * attempt    _sum_quarter               the deferrals column;  _sum_reason (top): deferral reasons
 * event      _sum_event                 reject records, warnings... ; _sum_reason, _sum_diagnostic (top)
 * session    _sum_session               connections, their seconds, TLS; transcripts
 * session    _sum_client (top)          connections per client domain
 * tls        _sum_tls                   TLS connections by kind, reused
 * </pre>
 * Traffic is counted per quarter hour and each quarter named in the report's zone here: every
 * zone's offset is a whole number of quarter hours today (a zone's local mean time before 1900 is
 * not). Pseudonyms are not applied: a reason text is pseudonymised before it is normalised, which
 * a key written at ingest time cannot undo, so the caller refuses --pseudonymize.
 */
public final class SummaryAggregates {
  static final String BYTES = "bytes";
  static final String HOPS = "hops";
  static final String FORWARDED = "forwarded";
  static final String RELAYED_THROUGH = "relayed_through";
  static final String RECIPIENTS = "recipients";
  static final String DOMAINS = "domains";
  static final String DELAYS = "delays";
  static final String DELAY_HISTOGRAM = "delay_histogram";
  static final String DELIVERED = "delivered";
  static final String DEFERRALS = "deferrals";
  static final String DELAY_SECONDS = "delay_seconds";
  static final String DELAY_NANOS = "delay_nanos";
  static final String DELAY_MAX = "delay_max";
  static final String TLS = "tls";
  static final String SENDERS = "senders";
  static final String MESSAGES = "messages";
  static final String SECONDS = "seconds";
  static final String MAX_SECONDS = "max_seconds";
  static final String WITH_MAIL = "with_mail";
  static final String REFUSALS = "refusals";
  /** Postfix's delays=a/b/c/d, in the collector's order of its delay parts. */
  private static final List<String> DELAY_PARTS = List.of(IndexFields.DELAY_BEFORE_QUEUE, IndexFields.DELAY_IN_QUEUE,
      IndexFields.DELAY_CONNECT, IndexFields.DELAY_TRANSMIT);
  private static final String TLS_YES = IndexFields.TLS + ":" + IndexFields.YES;
  private static final int RECEIVED_COLUMN = ReportKeys.TRAFFIC_COLUMNS.indexOf(ReportKeys.RECEIVED);
  private static final int DEFERRALS_COLUMN = ReportKeys.TRAFFIC_COLUMNS.indexOf(ReportKeys.DEFERRALS);

  private SummaryAggregates() {}

  /**
   * A summary collector holding the figures the aggregates of {@code source} give, its top lists
   * holding their {@code top} values (every value for 0); its sections are the report's.
   */
  public static SummaryCollector collector(Aggregations source, ZoneId zone, int top) throws IOException {
    SummaryCollector c = new SummaryCollector(zone, Pseudonymizer.NONE);
    recipients(source, c);
    traffic(source.run(IndexFields.RECIPIENT, IndexFields.SUM_QUARTER, fateColumns()), c, zone, -1);
    domains(source, c);
    ranked(source, IndexFields.RECIPIENT, IndexFields.SUM_RECIPIENT, top, BY_SIZE, c.topRecipients);
    ranked(source, IndexFields.RECIPIENT, IndexFields.SUM_REASON, top, COUNTS, c.bounceReasons);
    ranked(source, IndexFields.RECIPIENT, IndexFields.SUM_RELAYED, top, COUNTS, c.relayed);
    messages(source, c);
    traffic(source.run(IndexFields.MESSAGE, IndexFields.SUM_QUARTER, Map.of()), c, zone, RECEIVED_COLUMN);
    ranked(source, IndexFields.MESSAGE, IndexFields.SUM_SENDER, top, BY_SIZE, c.topSenders);
    ranked(source, IndexFields.MESSAGE, IndexFields.SUM_SENDING_DOMAIN, top, WITH_BYTES, c.receivedByDomain);
    attempts(source, c);
    traffic(source.run(IndexFields.ATTEMPT_KIND, IndexFields.SUM_QUARTER, Map.of()), c, zone, DEFERRALS_COLUMN);
    ranked(source, IndexFields.ATTEMPT_KIND, IndexFields.SUM_REASON, top, COUNTS, c.deferralReasons);
    events(source, c);
    ranked(source, IndexFields.EVENT_KIND, IndexFields.SUM_REASON, top, COUNTS, c.rejectReasons);
    ranked(source, IndexFields.EVENT_KIND, IndexFields.SUM_DIAGNOSTIC, top, COUNTS, c.diagnostics);
    sessions(source, c, top);
    tls(source, c);
    return c;
  }

  // ---- recipients --------------------------------------------------------------------------------

  private static void recipients(Aggregations source, SummaryCollector c) throws IOException {
    Map<String, Metric> delivered = new LinkedHashMap<>();
    delivered.put(BYTES, new Metric.Sum(IndexFields.SUM_BYTES));
    delivered.put(RELAYED_THROUGH, new Metric.Sum(IndexFields.RELAYED_THROUGH));
    delivered.put(RECIPIENTS, new Metric.Distinct(IndexFields.SUM_RECIPIENT));
    delivered.put(DOMAINS, new Metric.Distinct(IndexFields.SUM_DOMAIN));
    delivered.put(DELAYS, delayValues(IndexFields.DELAY));
    for (String part : DELAY_PARTS) {
      delivered.put(part, delayValues(part));
    }
    delivered.put(DELAY_HISTOGRAM, new Metric.Terms(IndexFields.SUM_DELAY_BUCKET, Metric.ValueType.LONG, 0));
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put(HOPS, new Metric.Sum(IndexFields.HOPS));
    metrics.put(FORWARDED, new Metric.Where(IndexFields.FORWARDS + ":[1 TO *]"));
    metrics.put(DELIVERED, new Metric.Where(status(RecipientStatus.DELIVERED), delivered));
    AggResult r = source.run(IndexFields.RECIPIENT, IndexFields.STATUS, metrics);
    AggResult.Bucket all = r.totals();
    c.recipients = all.count();
    c.hops = all.sum(HOPS);
    c.forwarded = all.where(FORWARDED).count();
    for (AggResult.Bucket b : r.buckets()) {
      switch (RecipientStatus.valueOf(b.key().toUpperCase(Locale.ROOT))) {
        case DELIVERED -> c.delivered = b.count();
        case DEFERRED -> c.deferred = b.count();
        case BOUNCED -> c.bounced = b.count();
        case EXPIRED -> c.expired = b.count();
        case REJECTED -> c.rejected = b.count();
        case DISCARDED -> c.discarded = b.count();
      }
    }
    AggResult.Bucket d = all.where(DELIVERED);
    c.deliveredBytes = d.sum(BYTES);
    c.relayedThrough = d.sum(RELAYED_THROUGH);
    c.recipientAddresses.counted(d.distinct(RECIPIENTS));
    c.recipientDomains.counted(d.distinct(DOMAINS));
    c.delays.addAll(delays(d, DELAYS));
    for (int i = 0; i < DELAY_PARTS.size(); i++) {
      c.delayParts[i].addAll(delays(d, DELAY_PARTS.get(i)));
    }
    d.terms(DELAY_HISTOGRAM).forEach((bucket, n) -> c.delayHistogram[((Long) bucket).intValue()] += n);
  }

  /** The recipients' traffic columns: each fate but deferred, in the quarter hour it was decided. */
  private static Map<String, Metric> fateColumns() {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (RecipientStatus s : RecipientStatus.values()) {
      if (s != RecipientStatus.DEFERRED) {
        metrics.put(column(s), new Metric.Where(status(s)));
      }
    }
    return metrics;
  }

  /** The traffic column of a recipient's fate (bounced...). */
  private static String column(RecipientStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  private static String status(RecipientStatus s) {
    return IndexFields.STATUS + ":" + s.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Adds counts per quarter hour to the traffic tables, named in {@code zone} as the collector names
   * the instants it counts: in {@code column}, or (-1) in the column of each fate {@link #fateColumns}.
   */
  private static void traffic(AggResult r, SummaryCollector c, ZoneId zone, int column) {
    for (AggResult.Bucket b : r.buckets()) {
      ZonedDateTime t = Instant.ofEpochSecond(Long.parseLong(b.key()) * SummaryKeys.QUARTER_SECONDS).atZone(zone)
          .truncatedTo(ChronoUnit.HOURS);
      LocalDate day = t.toLocalDate();
      long[] daily = c.daily.computeIfAbsent(day, x -> new long[SummaryCollector.TRAFFIC]);
      long[] hourly = c.hourly[t.getHour()];
      if (column >= 0) {
        daily[column] += b.count();
        hourly[column] += b.count();
        continue;
      }
      for (RecipientStatus s : RecipientStatus.values()) {
        if (s != RecipientStatus.DEFERRED) {
          int i = ReportKeys.TRAFFIC_COLUMNS.indexOf(column(s));
          daily[i] += b.where(column(s)).count();
          hourly[i] += b.where(column(s)).count();
        }
      }
    }
  }

  /**
   * Deliveries per recipient domain, every domain (the collector ranks them and shows its
   * {@code --top}, and the delays section the first of them that have delays).
   */
  private static void domains(Aggregations source, SummaryCollector c) throws IOException {
    Map<String, Metric> delivered = new LinkedHashMap<>();
    delivered.put(DELAYS, delayValues(IndexFields.DELAY));
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put(DELIVERED, new Metric.Sum(IndexFields.SUM_DELIVERED));
    metrics.put(BYTES, new Metric.Sum(IndexFields.SUM_BYTES));
    metrics.put(DEFERRALS, new Metric.Sum(IndexFields.DEFERRALS));
    metrics.put(DELAY_SECONDS, new Metric.Sum(IndexFields.SUM_DELAY_SECONDS));
    metrics.put(DELAY_NANOS, new Metric.Sum(IndexFields.SUM_DELAY_NANOS));
    metrics.put(DELAY_MAX, new Metric.Max(IndexFields.SUM_DELAY_TOTAL_NANOS));
    metrics.put(RecipientStatus.DELIVERED.name(), new Metric.Where(status(RecipientStatus.DELIVERED), delivered));
    // Every domain, once: a ranking by a sum cannot be cut on the shards (SolrAggregator), and the
    // delays section wants the first --top domains that have delays, however far down they rank.
    AggResult r = source.run(IndexFields.RECIPIENT, IndexFields.SUM_DOMAIN, 0, DELIVERED, metrics);
    for (AggResult.Bucket b : r.buckets()) {
      SummaryCollector.DomainTraffic t = c.deliveredByDomain.get(b.key());
      t.delivered = b.sum(DELIVERED);
      t.bytes = b.sum(BYTES);
      t.deferrals = b.sum(DEFERRALS);
      t.delaySeconds = b.sum(DELAY_SECONDS);
      t.delayNanos = b.sum(DELAY_NANOS);
      Long max = b.extreme(DELAY_MAX);
      t.delayMax = max == null ? 0 : Math.max(0, max / 1e9); // the collector's maximum starts at 0
      t.delays.addAll(delays(b.where(RecipientStatus.DELIVERED.name()), DELAYS));
    }
  }

  /** How the delays of a field are asked for: exactly up to 1,024, past that by 1% bucket ({@link Metric.Delays}). */
  private static Metric delayValues(String field) {
    return new Metric.Delays(field);
  }

  /** The delays of {@link #delayValues} metric {@code name} of a bucket, as the collector holds them. */
  private static DelaySketch delays(AggResult.Bucket b, String name) {
    return DelaySketch.of(b.delays(name));
  }

  /** What a top list holds besides counts: nothing, bytes, or bytes it is also ranked by. */
  private enum Ranked {
    COUNTS, WITH_BYTES, BY_SIZE
  }

  private static final Ranked COUNTS = Ranked.COUNTS;
  private static final Ranked WITH_BYTES = Ranked.WITH_BYTES;
  private static final Ranked BY_SIZE = Ranked.BY_SIZE;

  /**
   * A top list's {@code top} values (every value for 0) by count, with their bytes
   * ({@link IndexFields#SUM_BYTES}) unless {@link Ranked#COUNTS}, and for {@link Ranked#BY_SIZE}
   * the {@code top} by bytes too: the list ranks them again, by each section's measure.
   */
  private static void ranked(Aggregations source, String kind, String key, int top, Ranked ranked, TopList list)
      throws IOException {
    boolean bytes = ranked != Ranked.COUNTS;
    Map<String, Metric> metrics = bytes ? Map.of(BYTES, new Metric.Sum(IndexFields.SUM_BYTES)) : Map.of();
    Set<String> added = new HashSet<>();
    for (String sortBy : top > 0 && ranked == Ranked.BY_SIZE ? new String[] {null, BYTES} : new String[] {null}) {
      for (AggResult.Bucket b : source.run(kind, key, top, sortBy, metrics).buckets()) {
        if (added.add(b.key())) {
          list.add(b.key(), b.count(), bytes ? b.sum(BYTES) : 0);
        }
      }
    }
  }

  // ---- messages, attempts, events ----------------------------------------------------------------

  private static void messages(Aggregations source, SummaryCollector c) throws IOException {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put(BYTES, new Metric.Sum(IndexFields.SUM_BYTES));
    metrics.put(TLS, new Metric.Where(TLS_YES));
    metrics.put(SENDERS, new Metric.Distinct(IndexFields.SUM_SENDER));
    metrics.put(DOMAINS, new Metric.Distinct(IndexFields.SUM_SENDING_DOMAIN));
    for (AggResult.Bucket b : source.run(IndexFields.MESSAGE, IndexFields.SUM_RECEIVED, metrics).buckets()) {
      if (b.key().equals(IndexFields.SUM_NEW)) {
        c.received = b.count();
        c.receivedBytes = b.sum(BYTES);
        c.receivedTls = b.where(TLS).count();
        c.distinctSenders.counted(b.distinct(SENDERS));
        c.sendingDomains.counted(b.distinct(DOMAINS));
      } else if (b.key().equals(IndexFields.SUM_COPY)) {
        c.copies = b.count();
      }
    }
  }

  private static void attempts(Aggregations source, SummaryCollector c) throws IOException {
    Map<String, Metric> metrics = Map.of(MESSAGES, new Metric.Distinct(IndexFields.SUM_QUEUE_ID));
    for (AggResult.Bucket b : source.run(IndexFields.ATTEMPT_KIND, IndexFields.SUM_ATTEMPT, metrics).buckets()) {
      if (b.key().equals(IndexFields.SUM_DEFERRED)) {
        c.deferrals = b.count();
        c.deferredMessages.counted(b.distinct(MESSAGES));
      } else if (b.key().equals(IndexFields.SUM_FAILED)) {
        c.failedMessages.counted(b.distinct(MESSAGES));
      }
    }
  }

  private static void events(Aggregations source, SummaryCollector c) throws IOException {
    for (AggResult.Bucket b : source.run(IndexFields.EVENT_KIND, IndexFields.SUM_EVENT, Map.of()).buckets()) {
      long n = b.count();
      switch (b.key()) {
        case SummaryKeys.REFUSAL -> c.rejectRecords = n;
        case SummaryKeys.REJECT_WARNING -> c.rejectWarnings = n;
        case SummaryKeys.WARNED -> c.warned = n;
        case SummaryKeys.HELD -> c.held = n;
        case SummaryKeys.DISCARD_ACTION -> c.discardActions = n;
        case "warning" -> c.warnings = n;
        case "error" -> c.errors = n;
        case "fatal" -> c.fatals = n;
        case "panic" -> c.panics = n;
        default -> throw new IOException("an event counted as " + b.key() + ", which the summary does not know");
      }
    }
  }

  // ---- sessions and TLS --------------------------------------------------------------------------

  private static void sessions(Aggregations source, SummaryCollector c, int top) throws IOException {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put(SECONDS, new Metric.Sum(IndexFields.SUM_SECONDS));
    metrics.put(MAX_SECONDS, new Metric.Max(IndexFields.SUM_SECONDS));
    metrics.put(WITH_MAIL, new Metric.Sum(IndexFields.SUM_WITH_MAIL));
    metrics.put(REFUSALS, new Metric.Sum(IndexFields.REJECTS));
    metrics.put(TLS, new Metric.Where(TLS_YES));
    for (AggResult.Bucket b : source.run(IndexFields.SESSION_KIND, IndexFields.SUM_SESSION, metrics).buckets()) {
      if (b.key().equals(IndexFields.SUM_SERVER)) {
        c.sessions = b.count();
        c.sessionSeconds = b.sum(SECONDS);
        c.sessionMaxSeconds = Math.max(0, b.extreme(MAX_SECONDS) == null ? 0 : b.extreme(MAX_SECONDS));
        c.sessionsWithMail = b.sum(WITH_MAIL);
        c.sessionRefusals = b.sum(REFUSALS);
        c.sessionsTls = b.where(TLS).count();
      } else if (b.key().equals(IndexFields.SUM_DIALOGUE)) {
        c.dialogues = b.count();
        c.dialoguesTls = b.where(TLS).count();
      }
    }
    Map<String, Metric> perClient = Map.of(SECONDS, new Metric.Sum(IndexFields.SUM_SECONDS),
        MAX_SECONDS, new Metric.Max(IndexFields.SUM_SECONDS));
    for (AggResult.Bucket b : source.run(IndexFields.SESSION_KIND, IndexFields.SUM_CLIENT, top, null, perClient)
        .buckets()) {
      c.sessionsByClient.add(b.key(), b.count(), b.sum(SECONDS), b.extreme(MAX_SECONDS));
    }
  }

  private static void tls(Aggregations source, SummaryCollector c) throws IOException {
    for (AggResult.Bucket b : source.run(IndexFields.TLS_KIND, IndexFields.SUM_TLS, Map.of()).buckets()) {
      if (b.key().equals(IndexFields.SUM_REUSED)) {
        c.tlsReused = b.count();
        continue;
      }
      if (b.key().startsWith("inbound ")) {
        c.tlsInbound += b.count();
      } else {
        c.tlsOutbound += b.count();
      }
      c.tlsKinds.add(b.key(), b.count());
    }
  }
}
