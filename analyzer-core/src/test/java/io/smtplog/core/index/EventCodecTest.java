package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.postfix.PostfixMessageParser;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.DelaySplit;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.SourceRef;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events stored in the index read back equal, including what indexes of older versions stored. */
class EventCodecTest {
  // sample-logs/postfix/loopback-relay.log, line 1294
  private static final String LINE = "Nov 29 13:29:22 mx1 postfix/smtp[5019]: 6CF6220C184: to=<err.judy@example.org>,"
      + " relay=127.0.0.2[127.0.0.2]:2525, delay=37, delays=37/0/0/0.01, dsn=4.3.0, status=deferred (host"
      + " 127.0.0.2[127.0.0.2] said: 451 4.3.0 Requested action aborted: local error in processing (in reply to"
      + " RCPT TO command))";

  private static DeliveryAttempt attempt() {
    SyslogLineParser parser = new SyslogLineParser(
        new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2026, 1)), List.of(new PostfixMessageParser()));
    return (DeliveryAttempt) ((LineResult.Parsed) parser.parse(LINE, new SourceRef("loopback-relay.log", 1294)))
        .event();
  }

  @Test
  void deliveryAttempt_withDelaySplit_roundTrips() {
    DeliveryAttempt d = attempt();
    assertThat(d.delays().transmission()).hasValue(Duration.ofMillis(10));
    assertThat(EventCodec.decodeEvent(EventCodec.encode(d))).isEqualTo(d);
  }

  @Test
  void deliveryAttempt_storedBeforeTheSplit_readsItsDelaysText() {
    DeliveryAttempt d = attempt();
    String json = EventCodec.encode(d);
    int start = json.indexOf("\"delays\":{");
    int end = json.indexOf('}', start) + 1;
    String old = json.substring(0, start) + "\"delays\":\"37/0/0/0.01\"" + json.substring(end);
    assertThat(old).doesNotContain("beforeQueueManager");
    DeliveryAttempt read = (DeliveryAttempt) EventCodec.decodeEvent(old);
    assertThat(read).isEqualTo(d);
    assertThat(read.delays()).isEqualTo(DelaySplit.parse("37/0/0/0.01"));
  }
}
