package io.smtplog.core.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogHeaderParserTest {
  private final SyslogHeaderParser utc2026 =
      new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2026, 11));

  @Test
  void traditionalStamp_spacePaddedDay() {
    SyslogHeader h = utc2026.parse("Nov  3 16:04:31 myname postfix/smtp[30840]: 19B6B2900FE: to=<a@b>");
    assertThat(h.at()).isEqualTo(Instant.parse("2026-11-03T16:04:31Z"));
    assertThat(h.host()).isEqualTo("myname");
    assertThat(h.tag()).isEqualTo("postfix/smtp");
    assertThat(h.program()).isEqualTo("smtp");
    assertThat(h.pid()).isEqualTo(30840);
    assertThat("Nov  3 16:04:31 myname postfix/smtp[30840]: 19B6B2900FE: to=<a@b>".substring(h.messageStart()))
        .startsWith("19B6B2900FE");
  }

  @Test
  void linesOfOneSecond_shareOneInstant_otherStampsGetTheirOwn() {
    SyslogHeaderParser p = new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2025, 12));
    Instant a = p.parse("Dec 30 00:00:02 mx1 postfix/qmgr[900]: 143E6D03920: removed").at();
    Instant b = p.parse("Dec 30 00:00:02 mx1 postfix/smtpd[1010]: connect from x[198.51.91.181]").at();
    Instant c = p.parse("Dec 30 00:00:03 mx1 postfix/qmgr[900]: 9F62526E96C: removed").at();
    Instant d = p.parse("2025-12-30T00:00:03.250+00:00 mx1 postfix/qmgr[900]: 9F62526E96C: removed").at();
    assertThat(b).isSameAs(a).isEqualTo(Instant.parse("2025-12-30T00:00:02Z"));
    assertThat(c).isEqualTo(Instant.parse("2025-12-30T00:00:03Z"));
    assertThat(d).isEqualTo(Instant.parse("2025-12-30T00:00:03.250Z")); // same second, not the same instant
  }

  @Test
  void anInvalidDate_afterValidOnes_isStillRefused_andTheNextDayCountsOn() {
    SyslogHeaderParser p = new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2026, 2));
    assertThat(p.parse("Feb 28 23:59:59 mx postfix/qmgr[1]: ABCDEF123: removed").at())
        .isEqualTo(Instant.parse("2026-02-28T23:59:59Z"));
    assertThat(p.parse("Feb 29 00:00:00 mx postfix/qmgr[1]: ABCDEF123: removed")).isNull(); // 2026 is no leap year
    assertThat(p.failure()).isEqualTo(SyslogHeaderParser.Failure.BAD_TIMESTAMP);
    assertThat(p.parse("Mar  1 00:00:01 mx postfix/qmgr[1]: ABCDEF124: removed").at())
        .isEqualTo(Instant.parse("2026-03-01T00:00:01Z"));
    assertThat(p.parse("Mar  1 24:00:01 mx postfix/qmgr[1]: ABCDEF124: removed")).isNull();
  }

  @Test
  void postfixMaillogFile_zeroPaddedDay_andUnpaddedDay() {
    // sample-logs/postfix/loopback-relay.log (postlogd) and fail2ban's "Mar 7" lines
    assertThat(utc2026.parse("Nov 29 13:28:45 mx1 postfix/qmgr[4928]: C982620C18F: removed").at())
        .isEqualTo(Instant.parse("2026-11-29T13:28:45Z"));
    assertThat(utc2026.parse("Nov 3 02:09:33 server postfix/smtpd[27246]: connect from x[192.0.2.1]").at())
        .isEqualTo(Instant.parse("2026-11-03T02:09:33Z"));
  }

  @Test
  void decemberToJanuaryRollover_withFirstYear() {
    SyslogHeaderParser p = new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2025, 12));
    assertThat(p.parse("Dec 31 23:59:59 mx postfix/qmgr[1]: ABCDEF123: removed").at())
        .isEqualTo(Instant.parse("2025-12-31T23:59:59Z"));
    assertThat(p.parse("Jan  1 00:00:01 mx postfix/qmgr[1]: ABCDEF123: removed").at())
        .isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
  }

  @Test
  void yearInferredFromEnd_putsLaterMonthsInThePreviousYear() {
    SyslogHeaderParser p = new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.endingAt(YearMonth.of(2026, 1)));
    assertThat(p.parse("Dec 31 23:59:59 mx postfix/qmgr[1]: ABCDEF123: removed").at().toString()).startsWith("2025-12-31");
    assertThat(p.parse("Jan  2 10:00:00 mx postfix/qmgr[1]: ABCDEF123: removed").at().toString()).startsWith("2026-01-02");
  }

  @Test
  void rfc3339_withColonOffsetAndFraction() {
    SyslogHeader h = utc2026.parse("2024-08-26T01:33:38.572449+00:00 machine postfix/smtpd[60203]: NOQUEUE: x");
    assertThat(h.at()).isEqualTo(Instant.parse("2024-08-26T01:33:38.572449Z"));
    assertThat(h.host()).isEqualTo("machine");
  }

  @Test
  void journalctlShortIso_offsetWithoutColon() {
    assertThat(utc2026.parse("2024-05-01T10:00:00+0200 host postfix/smtpd[1234]: connect from a[192.0.2.1]").at())
        .isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
  }

  @Test
  void zonelessIsoStamp_usesConfiguredZoneWithDaylightSaving() {
    SyslogHeaderParser berlin = new SyslogHeaderParser(ZoneId.of("Europe/Berlin"), YearResolver.startingIn(2024, 1));
    assertThat(berlin.parse("2024-07-01T12:00:00 host postfix/smtpd[1]: connect from a[192.0.2.1]").at())
        .isEqualTo(Instant.parse("2024-07-01T10:00:00Z"));
    assertThat(berlin.parse("Jan 15 12:00:00 host postfix/smtpd[1]: connect from a[192.0.2.1]").at())
        .isEqualTo(Instant.parse("2024-01-15T11:00:00Z"));
  }

  @Test
  void yearFirstTemplate_withMilliseconds() {
    assertThat(utc2026.parse("2013 Jun 12 06:35:24.123 host postfix/smtpd[1]: connect from a[192.0.2.1]").at())
        .isEqualTo(Instant.parse("2013-06-12T06:35:24.123Z"));
  }

  @Test
  void rfc5424_tagAndPidAreSeparateFields() {
    String line = "<22>1 2024-05-01T10:00:00.123456+02:00 mx1 postfix/smtpd 1234 - - connect from a[192.0.2.1]";
    SyslogHeader h = utc2026.parse(line);
    assertThat(h.tag()).isEqualTo("postfix/smtpd");
    assertThat(h.pid()).isEqualTo(1234);
    assertThat(line.substring(h.messageStart())).isEqualTo("connect from a[192.0.2.1]");
    assertThat(h.at()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123456Z"));
  }

  @Test
  void priorityBeforeTraditionalStamp() {
    assertThat(utc2026.parse("<22>Nov  3 16:04:31 myname postfix/smtp[30840]: x").tag()).isEqualTo("postfix/smtp");
  }

  @Test
  void multiInstanceTag() {
    SyslogHeader h = utc2026.parse("Nov  3 16:04:31 mx postfix/submission/smtpd[4100]: connect from a[192.0.2.1]");
    assertThat(h.program()).isEqualTo("smtpd");
    assertThat(h.instance()).isEqualTo("postfix/submission");
  }

  @Test
  void journalctlShortUnix_epochSeconds() {
    SyslogHeader h = utc2026.parse("1714550400.123456 mx1 postfix/smtpd[1234]: connect from a[192.0.2.1]");
    assertThat(h.at()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123456Z"));
    assertThat(h.tag()).isEqualTo("postfix/smtpd");
  }

  @Test
  void macOsLevelAndSolarisMessageId_areSkipped() {
    String mac = "Nov  3 16:04:31 mbp postfix/smtpd[30840] <Info>: connect from a[192.0.2.1]";
    assertThat(mac.substring(utc2026.parse(mac).messageStart())).isEqualTo("connect from a[192.0.2.1]");
    String solaris = "Nov  3 16:04:31 sun postfix/smtpd[30840]: [ID 197553 mail.info] connect from a[192.0.2.1]";
    SyslogHeader h = utc2026.parse(solaris);
    assertThat(solaris.substring(h.messageStart())).isEqualTo("connect from a[192.0.2.1]");
    assertThat(h.pid()).isEqualTo(30840);
  }

  @Test
  void malformedEnvelopes_giveNullWithAReason() {
    assertThat(utc2026.parse("Jan: 1 00:00:00 hostname postfix/postscreen[12345]: foo")).isNull();
    assertThat(utc2026.failure()).isEqualTo(SyslogHeaderParser.Failure.NOT_SYSLOG);
    assertThat(utc2026.parse("Nov 31 00:00:00 hostname postfix/smtpd[1]: foo")).isNull();
    assertThat(utc2026.failure()).isEqualTo(SyslogHeaderParser.Failure.BAD_TIMESTAMP);
    assertThat(utc2026.parse("Nov  1 00:00:00 hostname postfix/postscreen[12345")).isNull();
    assertThat(utc2026.failure()).isEqualTo(SyslogHeaderParser.Failure.NO_TAG);
    assertThat(utc2026.parse("Nov  1 00:00:00 hostname postfix/postscreen[abcde]: foo")).isNull();
    assertThat(utc2026.parse("fist% date; /usr/bin/time ./smtp-source -s 5")).isNull();
  }

  @Test
  void epochDay_matchesJavaTime() {
    for (int y : new int[] {1970, 1999, 2000, 2024, 2100}) {
      for (int m = 1; m <= 12; m++) {
        assertThat(SyslogHeaderParser.epochDay(y, m, 28)).isEqualTo(java.time.LocalDate.of(y, m, 28).toEpochDay());
      }
    }
  }
}
