package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The buckets of time hour and day count by on Solr: each within one hour of the zone, or refused. */
class TimeBucketsTest {
  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void wholeHourZones_countByTheHour_acrossSummerTime() {
    // Berlin goes to summer time on 2026-03-29 at 01:00 UTC, back on 2026-10-25 at 01:00 UTC.
    assertThat(TimeBuckets.gap(ZoneId.of("Europe/Berlin"), ms("2026-01-01T00:00:00Z"), ms("2026-12-31T00:00:00Z")))
        .isEqualTo(TimeBuckets.HOUR_MS);
    assertThat(TimeBuckets.gap(ZoneOffset.UTC, 0, ms("2026-12-31T00:00:00Z"))).isEqualTo(TimeBuckets.HOUR_MS);
  }

  @Test
  void halfAndQuarterHourZones_countByTheQuarterHour() {
    assertThat(TimeBuckets.gap(ZoneId.of("Asia/Kolkata"), ms("2026-01-01T00:00:00Z"), ms("2026-02-01T00:00:00Z")))
        .isEqualTo(TimeBuckets.QUARTER_HOUR_MS);
    assertThat(TimeBuckets.gap(ZoneId.of("Asia/Kathmandu"), ms("2026-01-01T00:00:00Z"), ms("2026-02-01T00:00:00Z")))
        .isEqualTo(TimeBuckets.QUARTER_HOUR_MS);
    // Lord Howe Island: +10:30, +11:00 in summer.
    assertThat(TimeBuckets.gap(ZoneId.of("Australia/Lord_Howe"), ms("2026-01-01T00:00:00Z"), ms("2026-12-01T00:00:00Z")))
        .isEqualTo(TimeBuckets.QUARTER_HOUR_MS);
  }

  @Test
  void anOffsetOffTheQuarterHour_isRefused() {
    // Liberia kept -00:44:30 until 1972.
    assertThatThrownBy(() -> TimeBuckets.gap(ZoneId.of("Africa/Monrovia"), ms("1970-01-01T00:00:00Z"),
        ms("1970-02-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot count by hour or day in zone Africa/Monrovia on Solr");
    // ... and changed to +00:00 on 1972-01-07 at 00:44:30 UTC, off the quarter hour too.
    assertThatThrownBy(() -> TimeBuckets.gap(ZoneId.of("Africa/Monrovia"), ms("1973-01-01T00:00:00Z") - 400L * 86_400_000,
        ms("1973-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimeBuckets.gap(ZoneOffset.ofTotalSeconds(1172), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
