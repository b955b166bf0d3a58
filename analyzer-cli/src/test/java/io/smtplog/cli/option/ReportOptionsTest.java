package io.smtplog.cli.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.cli.UserError;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T16:00:00Z");
  private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

  @Test
  void relativeTimes_countBackFromNow() {
    assertThat(ReportOptions.time("--since", "24h", ISTANBUL, NOW, false)).isEqualTo("2026-11-28T16:00:00Z");
    assertThat(ReportOptions.time("--since", "30m", ISTANBUL, NOW, false)).isEqualTo("2026-11-29T15:30:00Z");
    assertThat(ReportOptions.time("--since", "7d", ISTANBUL, NOW, false)).isEqualTo("2026-11-22T16:00:00Z");
    assertThat(ReportOptions.time("--since", "2w", ISTANBUL, NOW, false)).isEqualTo("2026-11-15T16:00:00Z");
  }

  @Test
  void isoTimes_withoutAnOffsetAreInTheZone_andADateUntilIncludesTheDay() {
    assertThat(ReportOptions.time("--since", "2026-11-29", ISTANBUL, NOW, false)).isEqualTo("2026-11-28T21:00:00Z");
    assertThat(ReportOptions.time("--until", "2026-11-29", ISTANBUL, NOW, true)).isEqualTo("2026-11-29T21:00:00Z");
    assertThat(ReportOptions.time("--since", "2026-11-29T08:30", ISTANBUL, NOW, false)).isEqualTo("2026-11-29T05:30:00Z");
    assertThat(ReportOptions.time("--since", "2026-11-29 08:30:15", ISTANBUL, NOW, false))
        .isEqualTo("2026-11-29T05:30:15Z");
    assertThat(ReportOptions.time("--since", "2026-11-29T08:30:00+0100", ISTANBUL, NOW, false))
        .isEqualTo("2026-11-29T07:30:00Z");
    assertThat(ReportOptions.time("--since", "2026-11-29T08:30:00Z", ISTANBUL, NOW, false))
        .isEqualTo("2026-11-29T08:30:00Z");
    assertThatThrownBy(() -> ReportOptions.time("--until", "29/11/2026", ISTANBUL, NOW, true))
        .isInstanceOf(UserError.class).hasMessageContaining("--until '29/11/2026' is not a time");
  }
}
