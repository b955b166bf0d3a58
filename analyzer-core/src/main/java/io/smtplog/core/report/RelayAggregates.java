package io.smtplog.core.report;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.agg.AggResult;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.Metric;
import io.smtplog.core.model.Peer;
import io.smtplog.core.outcome.RecipientStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The relay section from aggregates over the index documents instead of the outcomes replayed
 * ({@link RelayCollector}): two requests, recipients and RCPT replies by {@link IndexFields#RELAY_ROW},
 * whose figures fill the collector's per-domain rows, so the section is ranked, totalled and shown
 * by the same code. Each request is one JSON Facet request on Solr, merged exactly across shards.
 * <pre>
 * recipients                    bucket count
 * delivered, deferred, ...      query facet status:X
 * local, relayed                query facets route:X under status:delivered
 * forwarded_251, accepted_252   query facets rcpt_code:251, rcpt_code:252 under status:delivered
 * accepted_250                  rcpt_code:[200 TO 299] under status:delivered, less 251 and 252
 * rcpt_reply_unseen             delivered less rcpt_code:[200 TO 299]
 * relayed_through               sum(_relayed_through) under status:delivered
 * deferrals, hops               sum(deferrals), sum(hops)
 * forwarded                     query facet forwards:[1 TO *]
 * forward_paths, relay_hosts    terms _forward_targets, _relay_host (the 64 most counted, exact counts)
 * delay_p50/p95/max             delays under status:delivered (Metric.Delays: exact to 1,024, then 1% buckets)
 * first_seen, last_seen         min(_first_seen_ns), max(_last_seen_ns)
 * rcpt_replies                  terms _rcpt_reply_code of the rcpt_reply documents
 * </pre>
 */
public final class RelayAggregates {
  static final String DELIVERED = "delivered";
  static final String LOCAL = "local";
  static final String RELAYED = "relayed";
  static final String ACCEPTED_2XX = "rcpt_2xx";
  static final String CODE_251 = "rcpt_251";
  static final String CODE_252 = "rcpt_252";
  static final String RELAYED_THROUGH = "relayed_through";
  static final String DELAYS = "delays";
  static final String DEFERRALS = "deferrals";
  static final String HOPS = "hops";
  static final String FORWARDED = "forwarded";
  static final String FORWARD_PATHS = "forward_paths";
  static final String RELAY_HOSTS = "relay_hosts";
  static final String FIRST = "first_seen";
  static final String LAST = "last_seen";
  static final String CODES = "codes";
  /** The forward targets and relay hosts asked per row: as many as a row's counters hold exactly. */
  static final int TOP_VALUES = 2 * TopCounter.CAPACITY;
  private static final String TWO_XX = IndexFields.RCPT_CODE + ":[200 TO 299]";

  private RelayAggregates() {}

  /** The metrics of one relay row over its recipient documents. */
  static Map<String, Metric> recipientMetrics() {
    Map<String, Metric> delivered = new LinkedHashMap<>();
    delivered.put(LOCAL, new Metric.Where(route(IndexFields.ROUTE_LOCAL)));
    delivered.put(RELAYED, new Metric.Where(route(IndexFields.ROUTE_RELAYED),
        Map.of(ACCEPTED_2XX, new Metric.Where(TWO_XX))));
    delivered.put(ACCEPTED_2XX, new Metric.Where(TWO_XX));
    delivered.put(CODE_251, new Metric.Where(IndexFields.RCPT_CODE + ":251"));
    delivered.put(CODE_252, new Metric.Where(IndexFields.RCPT_CODE + ":252"));
    delivered.put(RELAYED_THROUGH, new Metric.Sum(IndexFields.RELAYED_THROUGH));
    delivered.put(DELAYS, new Metric.Delays(IndexFields.DELAY));
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (RecipientStatus s : RecipientStatus.values()) {
      metrics.put(status(s), s == RecipientStatus.DELIVERED ? new Metric.Where(status(s), delivered)
          : new Metric.Where(status(s)));
    }
    metrics.put(DEFERRALS, new Metric.Sum(IndexFields.DEFERRALS));
    metrics.put(HOPS, new Metric.Sum(IndexFields.HOPS));
    metrics.put(FORWARDED, new Metric.Where(IndexFields.FORWARDS + ":[1 TO *]"));
    // As many of the most counted as the replay's counters hold exactly, with exact counts (refined across shards)
    metrics.put(FORWARD_PATHS, new Metric.Terms(IndexFields.FORWARD_TARGETS, Metric.ValueType.TEXT, TOP_VALUES));
    metrics.put(RELAY_HOSTS, new Metric.Terms(IndexFields.RELAY_HOST, Metric.ValueType.TEXT, TOP_VALUES));
    metrics.put(FIRST, new Metric.Min(IndexFields.FIRST_SEEN_NANOS));
    metrics.put(LAST, new Metric.Max(IndexFields.LAST_SEEN_NANOS));
    return metrics;
  }

  /** The metric of one relay row over its RCPT reply documents. */
  static Map<String, Metric> replyMetrics() {
    return Map.of(CODES, new Metric.Terms(IndexFields.RCPT_REPLY_CODE, Metric.ValueType.LONG, 0));
  }

  private static String status(RecipientStatus s) {
    return IndexFields.STATUS + ":" + s.name().toLowerCase(Locale.ROOT);
  }

  private static String route(String route) {
    return IndexFields.ROUTE + ":" + route;
  }

  /** A relay collector holding the rows the aggregates of {@code source} give; its sections are the report's. */
  public static RelayCollector collector(Aggregations source, Pseudonymizer pseudonyms, ZoneId zone) throws IOException {
    RelayCollector relay = new RelayCollector(pseudonyms, zone);
    AggResult recipients = source.run(IndexFields.RECIPIENT, IndexFields.RELAY_ROW, recipientMetrics());
    for (AggResult.Bucket b : recipients.buckets()) {
      relay.add(row(b.key()), stats(b));
    }
    AggResult replies = source.run(IndexFields.RCPT_REPLY_KIND, IndexFields.RELAY_ROW, replyMetrics());
    for (AggResult.Bucket b : replies.buckets()) {
      RelayCollector.DomainStats stats = new RelayCollector.DomainStats(TopCounter.CAPACITY);
      b.terms(CODES).forEach((code, n) -> stats.rcptReplies.put(((Long) code).intValue(), n));
      relay.add(row(b.key()), stats);
    }
    return relay;
  }

  /** The collector's row of a {@link IndexFields#RELAY_ROW} value. */
  static String row(String key) {
    if (key.equals(IndexFields.ROW_UNNAMED)) {
      return ReportKeys.UNNAMED_DOMAIN;
    }
    return key.equals(IndexFields.ROW_NO_DOMAIN) ? ReportKeys.NO_DOMAIN : key;
  }

  /** One row's figures from its bucket. */
  static RelayCollector.DomainStats stats(AggResult.Bucket b) {
    Map<Object, Long> paths = b.terms(FORWARD_PATHS);
    Map<Object, Long> hosts = b.terms(RELAY_HOSTS);
    // The 64 most counted with exact counts (the replay's counters keep the most counted past 64 values,
    // their counts lower bounds).
    RelayCollector.DomainStats s = new RelayCollector.DomainStats(
        Math.max(TopCounter.CAPACITY, Math.max(paths.size(), hosts.size())));
    s.recipients = b.count();
    AggResult.Bucket delivered = b.where(status(RecipientStatus.DELIVERED));
    s.delivered = delivered.count();
    s.local = delivered.where(LOCAL).count();
    AggResult.Bucket relayed = delivered.where(RELAYED);
    s.relayed = relayed.count();
    s.relayedUnseen = relayed.count() - relayed.where(ACCEPTED_2XX).count();
    s.forwarded251 = delivered.where(CODE_251).count();
    s.accepted252 = delivered.where(CODE_252).count();
    s.accepted250 = delivered.where(ACCEPTED_2XX).count() - s.forwarded251 - s.accepted252;
    s.rcptReplyUnseen = s.delivered - delivered.where(ACCEPTED_2XX).count();
    s.relayedThrough = delivered.sum(RELAYED_THROUGH);
    s.delays.addAll(DelaySketch.of(delivered.delays(DELAYS)));
    s.deferred = b.where(status(RecipientStatus.DEFERRED)).count();
    s.bounced = b.where(status(RecipientStatus.BOUNCED)).count();
    s.expired = b.where(status(RecipientStatus.EXPIRED)).count();
    s.rejected = b.where(status(RecipientStatus.REJECTED)).count();
    s.discarded = b.where(status(RecipientStatus.DISCARDED)).count();
    s.deferrals = b.sum(DEFERRALS);
    s.hops = b.sum(HOPS);
    s.forwarded = b.where(FORWARDED).count();
    paths.forEach((path, n) -> s.forwardPaths.add((String) path, n));
    hosts.forEach((host, n) -> Peer.parse((String) host).ifPresent(p -> s.relayHosts.add(p, n)));
    Long first = b.extreme(FIRST);
    if (first != null) {
      s.firstSeen = instant(first);
      s.lastSeen = instant(b.extreme(LAST));
    }
    return s;
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
