package io.smtplog.core.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.ingest.exim.EximSyslogParser;
import io.smtplog.core.ingest.postfix.PostfixMessageParser;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One journal entry in JSON to the syslog envelope and the Postfix adapter, or to a counted problem. */
class JournalLineParserTest {
  private static final SourceRef AT = new SourceRef("journal.json", 7);
  /** A line of postfix/header-checks.log (Dec 01 19:59:57 mx1 postfix/smtpd[21921]) as journalctl -o json wraps it. */
  private static final String CONNECT = "{\"__REALTIME_TIMESTAMP\":\"1796155197373564\",\"_HOSTNAME\":\"mx1\","
      + "\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\",\"SYSLOG_PID\":\"21921\",\"_PID\":\"21921\","
      + "\"_SYSTEMD_UNIT\":\"postfix@-.service\",\"PRIORITY\":\"6\",\"MESSAGE\":\"connect from unknown[127.0.0.1]\"}";

  private final JournalLineParser parser = new JournalLineParser(
      List.of(new PostfixMessageParser(), new EximSyslogParser(ZoneOffset.UTC)));

  private MailEvent event(String line) {
    LineResult result = parser.parse(line, AT);
    assertThat(result).isInstanceOf(LineResult.Parsed.class);
    return ((LineResult.Parsed) result).event();
  }

  private LineResult.Malformed problem(String line) {
    LineResult result = parser.parse(line, AT);
    assertThat(result).isInstanceOf(LineResult.Malformed.class);
    return (LineResult.Malformed) result;
  }

  @Test
  void entry_becomesTheEventOfItsSyslogLine_atTheRealtimeTimestampExactly() {
    MailEvent e = event(CONNECT);
    assertThat(e.at()).isEqualTo(Instant.parse("2026-12-01T19:59:57.373564Z"));
    assertThat(e.source()).isEqualTo(AT);
    assertThat(e.process().host()).isEqualTo("mx1");
    assertThat(e.process().instance()).isEqualTo("postfix");
    assertThat(e.process().program()).isEqualTo("smtpd");
    assertThat(e.process().pid()).isEqualTo(21921);
  }

  @Test
  void messageAsAnArrayOfBytes_isDecoded_andNullFieldsAreAbsent() {
    // journalctl writes a field that is not valid UTF-8 as its byte values: "connect from
    // unknown[127.0.0.1]" here; _HOSTNAME and SYSLOG_PID null: no host, the pid from _PID.
    StringBuilder bytes = new StringBuilder();
    for (byte b : "connect from unknown[127.0.0.1]".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
      bytes.append(bytes.length() == 0 ? "" : ",").append(b);
    }
    MailEvent e = event("{\"__REALTIME_TIMESTAMP\":\"1796155197000001\",\"_HOSTNAME\":null,\"SYSLOG_PID\":null,"
        + "\"_PID\":\"4242\",\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\",\"MESSAGE\":[" + bytes + "]}");
    assertThat(e.at()).isEqualTo(Instant.parse("2026-12-01T19:59:57.000001Z"));
    assertThat(e.process().host()).isEmpty();
    assertThat(e.process().pid()).isEqualTo(4242);
  }

  @Test
  void invalidUtf8Bytes_areReplaced_notLost() {
    LineResult r = parser.parse("{\"__REALTIME_TIMESTAMP\":\"1796155197000001\",\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\","
        + "\"MESSAGE\":[119,97,114,110,105,110,103,58,32,255,254]}", AT);
    // "warning: \xff\xfe": a Postfix warning whose text is two replacement characters.
    assertThat(r).isInstanceOf(LineResult.Parsed.class);
  }

  @Test
  void otherPrograms_areSkippedAsInASyslogFile() {
    LineResult r = parser.parse("{\"__REALTIME_TIMESTAMP\":\"1796155197000001\",\"SYSLOG_IDENTIFIER\":\"dovecot\","
        + "\"MESSAGE\":\"imap-login: Login: user=<a>\"}", AT);
    assertThat(r).isEqualTo(new LineResult.Skipped(SkipReason.OTHER_PROGRAM, "dovecot"));
    LineResult kernel = parser.parse("{\"__REALTIME_TIMESTAMP\":\"1796155197000001\",\"MESSAGE\":\"eth0: link up\"}", AT);
    assertThat(kernel).isInstanceOf(LineResult.Skipped.class);
  }

  @Test
  void badEntries_areProblemsWithTheirLine() {
    assertThat(problem("Dec 01 19:59:57 mx1 postfix/smtpd[21921]: connect").problem().kind())
        .isEqualTo(ProblemKind.UNKNOWN_FORMAT);
    assertThat(problem("[1,2,3]").problem().kind()).isEqualTo(ProblemKind.UNKNOWN_FORMAT);
    assertThat(problem("{\"MESSAGE\":\"cut").problem().kind()).isEqualTo(ProblemKind.UNKNOWN_FORMAT);
    LineResult.Malformed noMessage = problem("{\"__REALTIME_TIMESTAMP\":\"1796155197000001\",\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\"}");
    assertThat(noMessage.problem().kind()).isEqualTo(ProblemKind.UNKNOWN_LINE);
    assertThat(noMessage.problem().source()).isEqualTo(AT);
    assertThat(noMessage.problem().detail()).isEqualTo("journal entry without MESSAGE");
    assertThat(problem("{\"MESSAGE\":null,\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\"}").problem().kind())
        .isEqualTo(ProblemKind.UNKNOWN_LINE);
    assertThat(problem("{\"MESSAGE\":\"connect from x[1.2.3.4]\",\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\"}").problem().kind())
        .isEqualTo(ProblemKind.BAD_TIMESTAMP);
    assertThat(problem("{\"__REALTIME_TIMESTAMP\":\"soon\",\"MESSAGE\":\"x\"}").problem().kind())
        .isEqualTo(ProblemKind.BAD_TIMESTAMP);
  }

  @Test
  void detection_asksForAnObjectWithTheEntrysTimeOrMessage() {
    assertThat(JournalLineParser.looksLikeEntry(CONNECT)).isTrue();
    assertThat(JournalLineParser.looksLikeEntry("{\"time\":\"2026-12-01\",\"msg\":\"x\"}")).isFalse();
    assertThat(JournalLineParser.looksLikeEntry("Dec 01 19:59:57 mx1 postfix/smtpd[21921]: connect")).isFalse();
  }
}
