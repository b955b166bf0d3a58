package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShownValuesTest {

  private static IndexField field(String name) {
    return IndexFields.field(name).orElseThrow();
  }

  @Test
  void values_readBackAsWritten_inOrder_withTimesToTheNanosecond() {
    ShownValues.Writer w = new ShownValues.Writer();
    w.text(field(IndexFields.KIND), "recipient");
    w.time(field(IndexFields.TIME), Instant.parse("2024-06-01T10:00:00.123456Z"));
    w.number(field(IndexFields.RCPT_CODE), 251);
    w.decimal(field(IndexFields.DELAY), 0.46);
    w.number(field(IndexFields.SIZE), -1);
    w.text(field(IndexFields.TEXT), "host mx.example.net[203.0.113.5] said: 452 4.2.2 Mailbox full ünïcode");

    Map<String, Object> shown = ShownValues.read(w.bytes());

    assertThat(shown).containsExactly(Map.entry("kind", "recipient"), Map.entry("time", "2024-06-01T10:00:00.123456Z"),
        Map.entry("rcpt_code", 251L), Map.entry("delay", 0.46), Map.entry("size", -1L),
        Map.entry("text", "host mx.example.net[203.0.113.5] said: 452 4.2.2 Mailbox full ünïcode"));
  }

  @Test
  void aFieldGivenSeveralValues_showsThemAsAList_andARepeatOfTheOnlyValueOnce() {
    ShownValues.Writer w = new ShownValues.Writer();
    w.number(field(IndexFields.CODE), 250);
    w.number(field(IndexFields.CODE), 250);
    w.text(field(IndexFields.COMMAND), "ehlo");
    w.text(field(IndexFields.COMMAND), "mail");
    w.text(field(IndexFields.COMMAND), "ehlo");

    Map<String, Object> shown = ShownValues.read(w.bytes());

    assertThat(shown.get("code")).isEqualTo(250L);
    assertThat(shown.get("command")).isEqualTo(List.of("ehlo", "mail", "ehlo"));
  }

  @Test
  void damagedValues_sayToIngestAgain() {
    assertThatThrownBy(() -> ShownValues.read(new byte[] {(byte) 0x7f, 9}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("run smtplog ingest again");
    assertThatThrownBy(() -> ShownValues.read(new byte[] {0, 0, (byte) 0xff}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be read");
  }
}
