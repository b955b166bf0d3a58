package io.smtplog.core.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines Postfix 3.7.11 wrote itself (postlogd, maillog_file; sample-logs/maillog-file/postlogd.log), and
 * the same lines behind the prefixes of docker logs --timestamps and of the CRI log format.
 */
class PostlogAndContainerHeaderTest {
  private static final String POSTLOGD = "Dec 02 07:51:35 mx1 postfix/smtp[8649]: 1A8E621C1EE: "
      + "to=<nouser.dave@example.net>, relay=127.0.0.2[127.0.0.2]:2525, delay=0.02, dsn=5.1.1, status=bounced";
  private static final Instant POSTLOGD_AT = Instant.parse("2026-12-02T07:51:35Z");

  private final SyslogHeaderParser parser = new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2026, 12));

  private static void assertPostlogdHeader(SyslogHeader h, String line) {
    assertThat(h).as(line).isNotNull();
    assertThat(h.at()).isEqualTo(POSTLOGD_AT);
    assertThat(h.host()).isEqualTo("mx1");
    assertThat(h.tag()).isEqualTo("postfix/smtp");
    assertThat(h.program()).isEqualTo("smtp");
    assertThat(h.pid()).isEqualTo(8649);
    assertThat(line.substring(h.messageStart())).startsWith("1A8E621C1EE: to=<nouser.dave@example.net>");
  }

  @Test
  void postlogdLine_zeroPaddedDayShortHostTagAndPid() {
    assertPostlogdHeader(parser.parse(POSTLOGD), POSTLOGD);
    String master = "Dec 02 07:51:31 mx1 postfix/master[8639]: daemon started -- version 3.7.11, configuration /tmp/x/etc";
    SyslogHeader h = parser.parse(master);
    assertThat(h.at()).isEqualTo(Instant.parse("2026-12-02T07:51:31Z"));
    assertThat(h.tag()).isEqualTo("postfix/master");
    assertThat(h.pid()).isEqualTo(8639);
  }

  @Test
  void postlogdLineWithMicroseconds_keepsTheFractionExactly() {
    // postlogd in later releases and rsyslog's high-precision template write a fraction
    String line = "Dec 02 07:51:35.000417 mx1 postfix/smtp[8649]: 1A8E621C1EE: to=<nouser.dave@example.net>";
    assertThat(parser.parse(line).at()).isEqualTo(Instant.parse("2026-12-02T07:51:35.000417Z"));
    String iso = "2026-12-02T07:51:35.123456+01:00 mx1 postfix/smtp[8649]: 1A8E621C1EE: to=<a@b>";
    SyslogHeader h = parser.parse(iso);
    assertThat(h.at()).isEqualTo(Instant.parse("2026-12-02T06:51:35.123456Z"));
    assertThat(h.host()).isEqualTo("mx1");
    assertThat(h.pid()).isEqualTo(8649);
  }

  @Test
  void dockerTimestampsPrefix_innerLineIsRead_andItsOwnTimeWins() {
    String line = "2026-12-02T07:51:35.999999999Z " + POSTLOGD;
    assertPostlogdHeader(parser.parse(line), line);
    // a prefix with an offset, as docker writes it when the daemon runs in a zone
    String offset = "2026-12-02T08:51:36.5+01:00 " + POSTLOGD;
    assertPostlogdHeader(parser.parse(offset), offset);
  }

  @Test
  void dockerPrefixBeforeAnRfc3339SyslogLine_innerFractionWins() {
    String line = "2026-12-02T07:51:36.000000001Z 2026-12-02T07:51:35.250001Z mx1 postfix/qmgr[8641]: 1A8E621C1EE: removed";
    SyslogHeader h = parser.parse(line);
    assertThat(h.at()).isEqualTo(Instant.parse("2026-12-02T07:51:35.250001Z"));
    assertThat(h.tag()).isEqualTo("postfix/qmgr");
    assertThat(line.substring(h.messageStart())).isEqualTo("1A8E621C1EE: removed");
  }

  @Test
  void rsyslogRfc3339Line_isNotMistakenForAPrefix() {
    String line = "2026-12-02T07:51:35.123456+00:00 mx1 postfix/qmgr[8641]: 1A8E621C1EE: removed";
    SyslogHeader h = parser.parse(line);
    assertThat(h.host()).isEqualTo("mx1");
    assertThat(h.at()).isEqualTo(Instant.parse("2026-12-02T07:51:35.123456Z"));
  }

  @Test
  void criPrefix_bothStreams_innerLineIsRead() {
    for (String stream : List.of("stdout", "stderr")) {
      String line = "2026-12-02T07:51:35.1234Z " + stream + " F " + POSTLOGD;
      assertPostlogdHeader(parser.parse(line), line);
    }
  }

  @Test
  void criPartialRecord_isATruncatedProblem_andItsRestIsAProblemToo() {
    SyslogLineParser lines = new SyslogLineParser(parser, List.of());
    String head = "2026-12-02T07:51:35.1234Z stdout P " + POSTLOGD.substring(0, 60);
    String rest = "2026-12-02T07:51:35.1235Z stdout F " + POSTLOGD.substring(60);
    assertThat(parser.parse(head)).isNull();
    assertThat(parser.failure()).isEqualTo(SyslogHeaderParser.Failure.PARTIAL_LINE);
    assertThat(lines.parse(head, new SourceRef("cri.log", 1))).isInstanceOfSatisfying(LineResult.Malformed.class,
        m -> assertThat(m.problem().kind()).isEqualTo(ProblemKind.TRUNCATED));
    assertThat(parser.parse(rest)).isNull();
    assertThat(lines.parse(rest, new SourceRef("cri.log", 2))).isInstanceOfSatisfying(LineResult.Malformed.class,
        m -> assertThat(m.problem().kind()).isEqualTo(ProblemKind.UNKNOWN_FORMAT));
  }

  @Test
  void criPrefixBeforeNoSyslogLine_isNotReadAsAnRfc3339Header() {
    assertThat(parser.parse("2026-12-02T07:51:35.1234Z stdout F postfix/smtpd[1]: connect from x[192.0.2.1]")).isNull();
    assertThat(parser.parse("2026-12-02T07:51:35Z stdout F ")).isNull();
  }
}
