package io.smtplog.core.report;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.Peer;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.RcptReply;
import io.smtplog.core.outcome.RecipientOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-domain relay section: one row per domain the mail was addressed to, sorted by recipients
 * (then by domain), then a totals row "*". Every row keeps these identities:
 * <pre>
 * recipients = delivered + deferred + bounced + expired + rejected + discarded
 * delivered  = relayed + local
 * delivered  = accepted_250 + forwarded_251 + accepted_252 + rcpt_reply_unseen
 * </pre>
 * where accepted_250, forwarded_251 and accepted_252 count delivered recipients whose reply to RCPT
 * TO the inputs show (transcripts, Postfix debug_peer_list, Exim -d), by its code (250 and any
 * other 2xx in accepted_250), and rcpt_reply_unseen those whose RCPT reply they do not show: the
 * reply to the end of data never counts as one. {@code rcpt_replies} counts every RCPT reply seen
 * for the domain, whatever became of the recipient (by the domain of the address in RCPT TO).
 * Not thread-safe.
 */
public final class RelayCollector implements ReportCollector {
  static final int TOP_LIST = 5;

  /**
   * Domains whose figures are held in memory (about 1 KB each); past that they are written to
   * sorted runs on disk and merged at the end ({@link SpillingMap}), so a million domains need no
   * more heap than fifty thousand and every count stays exact.
   */
  static final int HELD_DOMAINS = 50_000;

  private final Pseudonymizer pseudonyms;
  private final ZoneId zone;
  private final SpillingMap<DomainStats> byDomain;

  public RelayCollector(Pseudonymizer pseudonyms, ZoneId zone) {
    this(pseudonyms, zone, HELD_DOMAINS);
  }

  /** With at most {@code heldDomains} domains in memory (tests spill with a few). */
  RelayCollector(Pseudonymizer pseudonyms, ZoneId zone, int heldDomains) {
    this.pseudonyms = pseudonyms;
    this.zone = zone;
    this.byDomain = new SpillingMap<>(heldDomains, () -> new DomainStats(TopCounter.CAPACITY), DomainStats::addAll,
        DomainStatsCodec.INSTANCE);
  }

  /** Recipient outcomes and RCPT replies: nothing else makes the relay section. */
  @Override
  public boolean wants(Class<? extends Outcome> kind) {
    return kind == RcptReply.class;
  }

  @Override
  public void accept(Outcome outcome) {
    if (outcome instanceof RecipientOutcome o) {
      stats(domainRow(o.recipient(), o.domain())).add(o);
    } else if (outcome instanceof RcptReply r) {
      stats(domainRow(r.recipient(), r.domain())).rcptReplies.merge(r.reply().code().value(), 1L, Long::sum);
    }
  }

  /**
   * The row a recipient counts in: its domain, or {@link ReportKeys#NO_DOMAIN} for an address
   * without one, or {@link ReportKeys#UNNAMED_DOMAIN} for a recipient the log does not name.
   */
  static String domainRow(String recipient, String domain) {
    if (!domain.isEmpty()) {
      return domain;
    }
    return recipient.isEmpty() ? ReportKeys.UNNAMED_DOMAIN : ReportKeys.NO_DOMAIN;
  }

  /** The row's domain as shown: pseudonymised, unless it is one of the rows of no domain. */
  static String shownDomain(String row, Pseudonymizer pseudonyms) {
    return row.equals(ReportKeys.UNNAMED_DOMAIN) || row.equals(ReportKeys.NO_DOMAIN) ? row : pseudonyms.domain(row);
  }

  /** Adds a row's figures computed elsewhere ({@link RelayAggregates}) to the row {@code domain}. */
  void add(String domain, DomainStats figures) {
    stats(domain).addAll(figures);
  }

  private DomainStats stats(String domain) {
    return byDomain.get(domain);
  }

  /**
   * The columns of the relay section, in order. On a narrow table the 250/251 split and the number of
   * recipients go last (251 is what the report is for), then delivered, then the failures.
   */
  public static List<Column> columns() {
    return List.of(
        Column.key(ReportKeys.DOMAIN, ColumnType.TEXT),
        Column.of(ReportKeys.RECIPIENTS, ColumnType.COUNT, 1).shortened("rcpts"),
        Column.of(ReportKeys.DELIVERED, ColumnType.COUNT, 2).shortened("dlvrd"),
        Column.of(ReportKeys.ACCEPTED_250, ColumnType.COUNT, 1).shortened("250"),
        Column.of(ReportKeys.FORWARDED_251, ColumnType.COUNT, 1).shortened("251"),
        Column.of(ReportKeys.ACCEPTED_252, ColumnType.COUNT, 7).shortened("252"),
        Column.of(ReportKeys.RCPT_REPLY_UNSEEN, ColumnType.COUNT, 5).shortened("unseen"),
        Column.of(ReportKeys.RELAYED, ColumnType.COUNT, 8).shortened("relay"),
        Column.of(ReportKeys.LOCAL, ColumnType.COUNT, 9),
        Column.of(ReportKeys.DEFERRED, ColumnType.COUNT, 3),
        Column.of(ReportKeys.BOUNCED, ColumnType.COUNT, 3).shortened("bounce"),
        Column.of(ReportKeys.EXPIRED, ColumnType.COUNT, 4).shortened("expir"),
        Column.of(ReportKeys.REJECTED, ColumnType.COUNT, 3).shortened("reject"),
        Column.of(ReportKeys.DISCARDED, ColumnType.COUNT, 6).shortened("disc"),
        Column.of(ReportKeys.DEFERRALS, ColumnType.COUNT, 12),
        Column.of(ReportKeys.FORWARDED, ColumnType.COUNT, 13).shortened("fwd"),
        Column.of(ReportKeys.HOPS, ColumnType.COUNT, 16),
        Column.of(ReportKeys.RELAYED_THROUGH, ColumnType.COUNT, 17),
        Column.text(ReportKeys.FORWARD_PATHS, ColumnType.COUNTS),
        Column.of(ReportKeys.RELAY_HOSTS, ColumnType.COUNTS, 19),
        Column.of(ReportKeys.RCPT_REPLIES, ColumnType.COUNTS, 18),
        Column.of(ReportKeys.DELAY_P50_S, ColumnType.DECIMAL, 11),
        Column.of(ReportKeys.DELAY_P95_S, ColumnType.DECIMAL, 14),
        Column.of(ReportKeys.DELAY_MAX_S, ColumnType.DECIMAL, 15),
        Column.of(ReportKeys.FIRST_SEEN, ColumnType.TIME, 21),
        Column.of(ReportKeys.LAST_SEEN, ColumnType.TIME, 20));
  }

  /** Most recipients first, then by domain. */
  private static final Comparator<SpillingMap.Entry<DomainStats>> RANK = Comparator
      .comparingLong((SpillingMap.Entry<DomainStats> e) -> -e.state().recipients)
      .thenComparing(SpillingMap.Entry::key);

  @Override
  public List<Section> sections(int top) {
    DomainStats all = new DomainStats(TopCounter.TOTALS_CAPACITY);
    List<List<Object>> rows;
    if (!byDomain.spilled()) {
      List<SpillingMap.Entry<DomainStats>> entries = new ArrayList<>();
      byDomain.held().forEach((domain, stats) -> entries.add(new SpillingMap.Entry<>(domain, stats)));
      entries.sort(RANK);
      rows = new ArrayList<>();
      for (SpillingMap.Entry<DomainStats> e : entries) {
        all.addAll(e.state());
        if (top <= 0 || rows.size() < top) {
          rows.add(row(e));
        }
      }
      rows.add(all.row(ReportKeys.TOTALS_DOMAIN, pseudonyms, zone));
    } else {
      rows = rankedOnDisk(all, top);
    }
    List<String> notes = new ArrayList<>(List.of(visibility(all)));
    if (all.forwardPaths.approximate() || all.relayHosts.approximate()) {
      notes.add(String.format(Locale.ROOT, "forward_paths and relay_hosts are exact up to %d distinct values per"
          + " domain (%,d in the totals); past that the most frequent are kept, and their counts are lower bounds.",
          2 * TopCounter.CAPACITY, 2 * TopCounter.TOTALS_CAPACITY));
    }
    return List.of(new Section(ReportKeys.SECTION_RELAY, "Recipients per domain by outcome", columns(), rows,
        List.copyOf(notes)));
  }

  private List<Object> row(SpillingMap.Entry<DomainStats> e) {
    return e.state().row(shownDomain(e.key(), pseudonyms), pseudonyms, zone);
  }

  /**
   * More domains than memory holds: their runs merged by domain (each domain whole), the totals
   * summed on the way, and the domains sorted by rank in runs again; the rows are read from those
   * runs as they are written ({@link StreamedRows}), the totals row last.
   */
  private List<List<Object>> rankedOnDisk(DomainStats all, int top) {
    SpillingMap.Ranked<DomainStats> ranked = byDomain.ranked(RANK, e -> all.addAll(e.state()));
    return StreamedRows.of(ranked, top, this::row, all.row(ReportKeys.TOTALS_DOMAIN, pseudonyms, zone));
  }

  /**
   * How much of the 250/251 split the inputs can show, in one sentence for the table and JSON: of
   * the recipients relayed to a next hop, how many have their RCPT reply in the inputs (a local
   * delivery has no RCPT at all, so it counts as unseen and is named apart).
   */
  static String visibility(DomainStats all) {
    if (all.delivered == 0) {
      return "No delivered recipients: no 250/251 split to show.";
    }
    long seen = all.delivered - all.rcptReplyUnseen;
    String local = all.local == 0 ? "" : String.format(Locale.ROOT, "; %,d delivered locally (no RCPT)", all.local);
    if (all.relayed == 0) {
      return String.format(Locale.ROOT, "No relayed recipients%s.", local);
    }
    if (all.relayedUnseen == 0) {
      return all.relayed == 1 ? "RCPT reply visible for the 1 relayed recipient" + local + "."
          : String.format(Locale.ROOT, "RCPT replies visible for all %,d relayed recipients%s.", all.relayed, local);
    }
    return String.format(Locale.ROOT, "RCPT replies visible for %,d of %,d relayed recipients%s: add debug_peer_list"
        + " or transcripts to see 251.", Math.min(seen, all.relayed), all.relayed, local);
  }

  /** Running totals of one domain (or of all, for the totals row). Not thread-safe. */
  static final class DomainStats {
    long recipients;
    long delivered;
    long accepted250;
    long forwarded251;
    long accepted252;
    long rcptReplyUnseen;
    /** Relayed recipients whose RCPT reply the inputs do not show. */
    long relayedUnseen;
    long relayed;
    long local;
    long deferred;
    long bounced;
    long expired;
    long rejected;
    long discarded;
    long deferrals;
    long forwarded;
    long hops;
    long relayedThrough;
    final TopCounter<String> forwardPaths;
    final TopCounter<Peer> relayHosts;
    final Map<Integer, Long> rcptReplies = new TreeMap<>();
    final DelaySketch delays;
    Instant firstSeen;
    Instant lastSeen;

    /** @param topCapacity values kept exact per list (forward-paths, relay hosts), see {@link TopCounter} */
    DomainStats(int topCapacity) {
      this(new TopCounter<>(topCapacity), new TopCounter<>(topCapacity), new DelaySketch());
    }

    /** Figures read back from disk ({@link DomainStatsCodec}). */
    DomainStats(TopCounter<String> forwardPaths, TopCounter<Peer> relayHosts, DelaySketch delays) {
      this.forwardPaths = forwardPaths;
      this.relayHosts = relayHosts;
      this.delays = delays;
    }

    void add(RecipientOutcome o) {
      recipients++;
      deferrals += o.deferrals();
      hops += o.hops();
      if (o.forwards() > 0) {
        forwarded++;
      }
      switch (o.status()) {
        case DELIVERED -> delivered(o);
        case DEFERRED -> deferred++;
        case BOUNCED -> bounced++;
        case EXPIRED -> expired++;
        case REJECTED -> rejected++;
        case DISCARDED -> discarded++;
      }
      Optional<String> forward = o.rcptReply().flatMap(ReplyClassifier::forwardPath);
      if (forward.isEmpty()) {
        forward = o.finalReply().flatMap(ReplyClassifier::forwardPath);
      }
      if (forward.isPresent()) {
        forwardPaths.add(forward.get());
      } else {
        o.forwardTargets().forEach(forwardPaths::add); // aliases and forwards: the final addresses
      }
      o.relay().ifPresent(relayHosts::add);
      seen(o.firstSeen(), o.lastSeen());
    }

    private void delivered(RecipientOutcome o) {
      delivered++;
      if (o.local()) {
        local++;
      } else {
        relayed++;
      }
      if (o.relayedThrough()) {
        relayedThrough++;
      }
      switch (rcptReplyColumn(o)) {
        case ReportKeys.FORWARDED_251 -> forwarded251++;
        case ReportKeys.ACCEPTED_252 -> accepted252++;
        case ReportKeys.ACCEPTED_250 -> accepted250++;
        default -> {
          rcptReplyUnseen++;
          if (!o.local()) {
            relayedUnseen++;
          }
        }
      }
      o.delay().ifPresent(d -> delays.add(d.toNanos() / 1e9));
    }

    void addAll(DomainStats other) {
      recipients += other.recipients;
      delivered += other.delivered;
      accepted250 += other.accepted250;
      forwarded251 += other.forwarded251;
      accepted252 += other.accepted252;
      rcptReplyUnseen += other.rcptReplyUnseen;
      relayedUnseen += other.relayedUnseen;
      relayed += other.relayed;
      local += other.local;
      deferred += other.deferred;
      bounced += other.bounced;
      expired += other.expired;
      rejected += other.rejected;
      discarded += other.discarded;
      deferrals += other.deferrals;
      forwarded += other.forwarded;
      hops += other.hops;
      relayedThrough += other.relayedThrough;
      forwardPaths.addAll(other.forwardPaths);
      relayHosts.addAll(other.relayHosts);
      other.rcptReplies.forEach((code, count) -> rcptReplies.merge(code, count, Long::sum));
      delays.addAll(other.delays);
      if (other.firstSeen != null) {
        seen(other.firstSeen, other.lastSeen);
      }
    }

    private void seen(Instant first, Instant last) {
      if (firstSeen == null || first.isBefore(firstSeen)) {
        firstSeen = first;
      }
      if (lastSeen == null || last.isAfter(lastSeen)) {
        lastSeen = last;
      }
    }

    List<Object> row(String domain, Pseudonymizer pseudonyms, ZoneId zone) {
      Map<String, Long> replies = new LinkedHashMap<>();
      rcptReplies.forEach((code, count) -> replies.put(Integer.toString(code), count));
      return Section.row(domain, recipients, delivered, accepted250, forwarded251, accepted252, rcptReplyUnseen,
          relayed, local, deferred, bounced, expired, rejected, discarded, deferrals, forwarded, hops, relayedThrough,
          forwardPaths.top(TOP_LIST, pseudonyms::address), relayHosts.top(TOP_LIST, p -> pseudonyms.peer(p).toString()),
          replies, seconds(delays.percentile(50)), seconds(delays.percentile(95)),
          delays.count() == 0 ? null : seconds(delays.max()),
          firstSeen == null ? null : firstSeen.atZone(zone).toOffsetDateTime(),
          lastSeen == null ? null : lastSeen.atZone(zone).toOffsetDateTime());
    }
  }

  /**
   * The column of the 250/251 split a delivered recipient counts in: {@link ReportKeys#FORWARDED_251},
   * {@link ReportKeys#ACCEPTED_252}, {@link ReportKeys#ACCEPTED_250} (250 and any other 2xx), or
   * {@link ReportKeys#RCPT_REPLY_UNSEEN} when the inputs do not show its reply to RCPT TO. The reply to
   * the end of data says nothing of it. The live counters use this too, so both count alike.
   */
  public static String rcptReplyColumn(RecipientOutcome delivered) {
    int code = delivered.rcptReply().map(r -> r.code().value()).orElse(0);
    if (code == 251) {
      return ReportKeys.FORWARDED_251;
    } else if (code == 252) {
      return ReportKeys.ACCEPTED_252;
    } else if (code / 100 == 2) {
      return ReportKeys.ACCEPTED_250;
    }
    return ReportKeys.RCPT_REPLY_UNSEEN;
  }

  /** Seconds to at most 3 decimals, without trailing zeros: 0.01, 17, 1.25; null for none. */
  static BigDecimal seconds(double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }
}
