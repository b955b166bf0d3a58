package io.smtplog.solr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The width of the buckets of time Solr counts by for {@code hour} and {@code day} in a zone, so
 * that each bucket lies within one hour of one day in the zone and can be named exactly: an hour
 * when the zone's offset is whole hours and changes on the hour over the span, a quarter hour when
 * it is whole quarter hours (India's +05:30, Nepal's +05:45, Lord Howe's half-hour summer time). A
 * zone whose offset is not whole quarter hours over the span (local mean times before standard
 * time) cannot be counted by buckets, and is refused.
 */
final class TimeBuckets {
  static final long HOUR_MS = 3_600_000L;
  static final long QUARTER_HOUR_MS = 900_000L;
  private static final int HOUR_S = 3_600;
  private static final int QUARTER_HOUR_S = 900;

  private TimeBuckets() {}

  /** The bucket width in milliseconds for times {@code from} to {@code to} (epoch milliseconds) in {@code zone}. */
  static long gap(ZoneId zone, long from, long to) {
    ZoneRules rules = zone.getRules();
    Instant at = Instant.ofEpochMilli(from);
    int offset = rules.getOffset(at).getTotalSeconds();
    boolean hours = offset % HOUR_S == 0;
    refuseUnless(offset % QUARTER_HOUR_S == 0, zone, at);
    for (ZoneOffsetTransition t = rules.nextTransition(at); t != null && t.getInstant().toEpochMilli() <= to;
        t = rules.nextTransition(t.getInstant())) {
      int after = t.getOffsetAfter().getTotalSeconds();
      long when = t.getInstant().getEpochSecond();
      refuseUnless(after % QUARTER_HOUR_S == 0 && when % QUARTER_HOUR_S == 0, zone, t.getInstant());
      hours &= after % HOUR_S == 0 && when % HOUR_S == 0;
    }
    return hours ? HOUR_MS : QUARTER_HOUR_MS;
  }

  private static void refuseUnless(boolean quarters, ZoneId zone, Instant at) {
    if (!quarters) {
      throw new IllegalArgumentException("cannot count by hour or day in zone " + zone + " on Solr: its offset at "
          + at + " is not a whole number of quarter hours; use the local index, or another --timezone");
    }
  }
}
