package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeExpressionsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T16:00:00Z");
  private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

  private static Instant parse(String text, boolean endOfDay) {
    return TimeExpressions.parse(text, ISTANBUL, NOW, endOfDay);
  }

  @Test
  void relativeTimes_inQuerySyntaxAndAsBareSpans_areTheSame() {
    assertThat(parse("now", false)).isEqualTo(NOW);
    assertThat(parse("now-1d", false)).isEqualTo(parse("24h", false)).isEqualTo("2026-11-28T16:00:00Z");
    assertThat(parse("now+2h", false)).isEqualTo("2026-11-29T18:00:00Z");
    assertThat(parse("2w", false)).isEqualTo("2026-11-15T16:00:00Z");
  }

  @Test
  void isoTimes_withAndWithoutOffsets() {
    assertThat(parse("2026-11-29", false)).isEqualTo("2026-11-28T21:00:00Z");
    assertThat(parse("2026-11-29", true)).isEqualTo("2026-11-29T21:00:00Z");
    assertThat(TimeExpressions.isDate(" 2026-11-29 ")).isTrue();
    assertThat(parse("2026-11-29 08:30:15", false)).isEqualTo("2026-11-29T05:30:15Z");
    assertThat(parse("2026-11-29T08:30:00+0100", false)).isEqualTo("2026-11-29T07:30:00Z");
    assertThat(parse("2026-11-29T08:30:00z", false)).isEqualTo("2026-11-29T08:30:00Z");
    assertThatThrownBy(() -> parse("yesterday", false)).isInstanceOf(DateTimeException.class)
        .hasMessageContaining("'yesterday' is not a time");
    assertThatThrownBy(() -> parse("now-1y", false)).isInstanceOf(DateTimeException.class);
  }
}
