package io.smtplog.core.ingest.exim;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.NoteKind;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.EntryContinuation;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.Severity;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SourceRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Exim main-log, reject-log and panic-log entries, from the spec's examples, the Exim test suite's
 * logs (Exim/exim test/log), gvengel/exim_exporter's fixtures, fail2ban's exim filter tests and the
 * reference's layouts (exim-log-format reference sections 2 to 9).
 */
class EximLineParserTest {

  private static LineResult parse(String line) {
    return new EximLineParser(ZoneOffset.UTC, EximLineParser.LogKind.MAIN, "").parse(line, new SourceRef("mainlog", 3));
  }

  @SuppressWarnings("unchecked")
  private static <T extends MailEvent> T event(String line, Class<T> type) {
    LineResult result = parse(line);
    assertThat(result).as(line).isInstanceOf(LineResult.Parsed.class);
    MailEvent event = ((LineResult.Parsed) result).event();
    assertThat(event).as(line).isInstanceOf(type);
    return (T) event;
  }

  @Test
  void arrival_readsTheWholeEnvelope() {
    MessageArrival a = event("2024-05-01 10:00:01.123 +0200 [4711] 1s2AbC-00000001Xy-0a1B <= alice@example.com"
        + " H=client.example.com (helo.example.com) [192.0.2.10]:50412 I=[198.51.100.1]:25 P=esmtpsa"
        + " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_plain:alice S=2345 id=20240501100001.GA1@example.com"
        + " T=\"Quarterly \\\"numbers\\\"\" from <alice@example.com> for bob@example.org carol@example.net",
        MessageArrival.class);
    assertThat(a.at()).isEqualTo(Instant.parse("2024-05-01T08:00:01.123Z"));
    assertThat(a.process().pid()).isEqualTo(4711);
    assertThat(a.queueId()).isEqualTo(new QueueId("1s2AbC-00000001Xy-0a1B"));
    assertThat(a.sender()).isEqualTo("alice@example.com");
    assertThat(a.client()).contains(new Peer("client.example.com", "192.0.2.10", 50412));
    assertThat(a.helo()).isEqualTo("helo.example.com");
    assertThat(a.protocol()).isEqualTo("esmtpsa");
    assertThat(a.tlsCipher()).contains("TLS1.3:TLS_AES_256_GCM_SHA384:256");
    assertThat(a.authenticator()).contains("dovecot_plain:alice");
    assertThat(a.sizeBytes()).hasValue(2345);
    assertThat(a.messageId()).contains("20240501100001.GA1@example.com");
    assertThat(a.recipients()).containsExactly("bob@example.org", "carol@example.net");
  }

  @Test
  void arrival_ofABounce_linksItsParent_andLocalSubmissionsHaveNoClient() {
    MessageArrival bounce = event("1999-03-02 09:44:33 10HmaY-000000005vi-0000 <= <> R=10HmaX-000000005vi-0000"
        + " U=EXIMUSER P=local S=sss", MessageArrival.class);
    assertThat(bounce.sender()).isEmpty();
    assertThat(bounce.parent()).contains(new QueueId("10HmaX-000000005vi-0000"));
    assertThat(bounce.client()).isEmpty();
    assertThat(bounce.sizeBytes()).isEmpty(); // the test suite writes S=sss
    MessageArrival spec = event("2002-10-31 08:57:53 16ZCW1-0005MB-00 <= kryten@dwarf.fict.example"
        + " H=mailer.fict.example [192.168.123.123] U=exim P=smtp S=5678 id=<incoming message id>", MessageArrival.class);
    assertThat(spec.queueId().value()).hasSize(16);
    assertThat(spec.client()).contains(new Peer("mailer.fict.example", "192.168.123.123", Peer.NO_PORT));
    assertThat(spec.messageId()).contains("incoming message id");
  }

  @Test
  void delivery_withConfirmation_isSent_withTheReplyToTheEndOfData() {
    DeliveryAttempt d = event("2024-05-01 10:00:03 1s2AbC-00000001Xy-0a1B => bob@example.org R=dnslookup"
        + " T=remote_smtp H=mx.example.org [203.0.113.5] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes K"
        + " C=\"250 2.0.0 OK id=1s2AbE-0000000Abc-0XyZ\" QT=2s DT=1s", DeliveryAttempt.class);
    assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(d.recipient()).isEqualTo("bob@example.org");
    assertThat(d.origRecipient()).isEmpty();
    assertThat(d.relayPeer()).contains(new Peer("mx.example.org", "203.0.113.5", Peer.NO_PORT));
    assertThat(d.relay()).isEqualTo("mx.example.org[203.0.113.5]");
    assertThat(d.delay()).contains(Duration.ofSeconds(2));
    assertThat(d.reply()).hasValueSatisfying(r -> {
      assertThat(r.code().value()).isEqualTo(250);
      assertThat(r.command()).contains(SmtpCommand.DATA_END);
      assertThat(r.text()).isEqualTo("OK id=1s2AbE-0000000Abc-0XyZ");
    });
    assertThat(d.dsn()).map(Object::toString).contains("2.0.0");
  }

  @Test
  void additionalAddress_andReusedConnection_andPort() {
    DeliveryAttempt more = event("1999-03-02 09:44:33 10HmaX-000000005vi-0000 -> d@test.ex R=client"
        + " T=send_to_server H=127.0.0.1 [127.0.0.1] L C=\"250 OK\"", DeliveryAttempt.class);
    assertThat(more.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(more.recipient()).isEqualTo("d@test.ex");
    DeliveryAttempt reused = event("2024-05-01 10:00:04 1s2AbF-00000001Y0-0d3E => dave@example.net R=dnslookup"
        + " T=remote_smtp H=mx.example.net [203.0.113.9]:2525* C=\"250 OK\"", DeliveryAttempt.class);
    assertThat(reused.relayPeer()).contains(new Peer("mx.example.net", "203.0.113.9", 2525));
  }

  @Test
  void localDelivery_ofAnAlias_keepsTheOriginalAddress() {
    DeliveryAttempt d = event("2002-10-31 08:59:13 16ZCW1-0005MB-00 => marv <marv@hitch.fict.example>"
        + " R=localuser T=local_delivery", DeliveryAttempt.class);
    assertThat(d.recipient()).isEqualTo("marv");
    assertThat(d.origRecipient()).contains("marv@hitch.fict.example");
    assertThat(d.relayPeer()).isEmpty();
    assertThat(d.relay()).isEqualTo("local_delivery");
    DeliveryAttempt discarded = event("2002-12-10 00:50:49 16auJc-0001UB-00 => discarded"
        + " <low.club@bridge.example> R=userforward", DeliveryAttempt.class);
    assertThat(discarded.recipient()).as("a filter's 'seen finish': the address, discarded")
        .isEqualTo("low.club@bridge.example");
    assertThat(discarded.status()).isEqualTo(DeliveryStatus.DISCARDED);
    DeliveryAttempt blackhole = event("1999-03-02 09:44:33 10HmaX-0005vi-00 => :blackhole: <hole@nowhere.example>"
        + " R=blackhole_router", DeliveryAttempt.class);
    assertThat(blackhole.recipient()).isEqualTo("hole@nowhere.example");
    assertThat(blackhole.status()).isEqualTo(DeliveryStatus.DISCARDED);
    DeliveryAttempt expired = event("2026-11-29 15:20:10 1xXggW-0001HA-1B ** full@example.net: retry timeout exceeded",
        DeliveryAttempt.class);
    assertThat(expired.status()).as("retry.c: the retry rules gave up").isEqualTo(DeliveryStatus.EXPIRED);
    assertThat(discarded.relay()).isEmpty();
  }

  @Test
  void deferral_readsTheRemoteReplyToRcpt_andTheHostInsideTheText() {
    DeliveryAttempt d = event("1999-03-02 09:44:33 10HmaX-000000005vi-0000 == b@test.ex R=client"
        + " T=send_to_server defer (-44) H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after"
        + " RCPT TO:<b@test.ex>: 451 Temp error", DeliveryAttempt.class);
    assertThat(d.status()).isEqualTo(DeliveryStatus.DEFERRED);
    assertThat(d.relayPeer()).contains(new Peer("127.0.0.1", "127.0.0.1", Peer.NO_PORT));
    assertThat(d.reply()).hasValueSatisfying(r -> {
      assertThat(r.code().value()).isEqualTo(451);
      assertThat(r.command()).contains(SmtpCommand.RCPT);
      assertThat(r.text()).isEqualTo("Temp error");
    });
    DeliveryAttempt timeout = event("1999-03-02 09:44:33 10HmaZ-000000005vi-0000 == e@test.ex R=client"
        + " T=send_to_server defer (dd): Connection timed out H=127.0.0.1 [127.0.0.1]: SMTP timeout after"
        + " RCPT TO:<f@test.ex>", DeliveryAttempt.class);
    assertThat(timeout.reply()).isEmpty();
    assertThat(timeout.relayPeer()).isPresent();
    assertThat(timeout.detail()).isEqualTo("SMTP timeout after RCPT TO:<f@test.ex>");
    // A queue run that skips the address attempts nothing: not a deferral (the address stays deferred).
    LineResult skipped = parse("2024-05-01 10:05:00 1s2AbC-00000001Xy-0a1B == frank@example.com"
        + " routing defer (-52): retry time not reached");
    assertThat(skipped).isInstanceOf(LineResult.Skipped.class);
    assertThat(parse("2026-11-29 15:19:01.206 [4772] 1xXgg3-0001DP-27 == carol@smtplog.test R=localuser"
        + " T=local_delivery defer (-53) DT=0.000s: Retry time not yet reached")).isInstanceOf(LineResult.Skipped.class);
    // Exim 4.96 with +all: fields between "defer (ERRNO)" and the message
    DeliveryAttempt withFields = event("2026-11-29 15:18:54.861 [4661] 1xXgg2-0001DA-2D == busy.ivan@example.com"
        + " R=sink T=remote_smtp defer (-44) H=127.0.0.2 [127.0.0.2]:2525 I=[127.0.0.1]:42104 DT=0.000s: SMTP error"
        + " from remote mail server after RCPT TO:<busy.ivan@example.com>: 450 4.2.1 Mailbox busy, try again later",
        DeliveryAttempt.class);
    assertThat(withFields.relayPeer()).contains(new Peer("127.0.0.2", "127.0.0.2", 2525));
    assertThat(withFields.detail()).startsWith("SMTP error from remote mail server after RCPT TO:");
    assertThat(withFields.reply()).map(r -> r.code().value()).contains(450);
    DeliveryAttempt expired = event("2026-11-29 15:20:10.776 [5421] 1xXggV-0001H2-2o ** busy.ivan@example.com:"
        + " retry timeout exceeded", DeliveryAttempt.class);
    assertThat(expired.recipient()).isEqualTo("busy.ivan@example.com");
    assertThat(expired.detail()).isEqualTo("retry timeout exceeded");
  }

  @Test
  void deliveryTime_afterTheMessage_isNotPartOfIt() {
    // sample-logs/exim/relay-mainlog.log: failure_log() and deferral_log() write DT= after the message
    DeliveryAttempt failed = event("2026-11-29 15:32:51.420 [15339] 1xXgtX-0003zO-1K ** nouser.oscar@example.com"
        + " F=<carol@smtplog.test> P=<carol@smtplog.test> R=sink T=remote_smtp H=127.0.0.2 [127.0.0.2]:2525"
        + " I=[127.0.0.1]:60840: SMTP error from remote mail server after RCPT TO:<nouser.oscar@example.com>: 550 5.1.1"
        + " <nouser.oscar@example.com>: Recipient address rejected: User unknown DT=0.000s", DeliveryAttempt.class);
    assertThat(failed.detail()).endsWith("Recipient address rejected: User unknown");
    assertThat(failed.reply()).hasValueSatisfying(r -> assertThat(r.text()).endsWith("User unknown"));
    DeliveryAttempt refused = event("2026-11-29 15:32:52.168 [15360] 1xXgtY-0003zj-0V == victor@unreachable.example"
        + " R=unreachable T=dead_smtp defer (111): Connection refused DT=0.000s", DeliveryAttempt.class);
    assertThat(refused.detail()).isEqualTo("Connection refused");
    // "DT=" inside a server's text is text
    assertThat(EximEntryParser.endBeforeDeliveryTime("x: 550 bad DT=yes")).isEqualTo("x: 550 bad DT=yes".length());
  }

  @Test
  void failure_551_afterRcpt_carriesItsForwardPathText() {
    DeliveryAttempt d = event("1999-03-02 09:44:33 10HmbE-000000005vi-0000 ** n@test.ex R=client"
        + " T=send_to_server H=127.0.0.1 [127.0.0.1] : SMTP error from remote mail server after RCPT TO:<n@test.ex>:"
        + " 551 5.1.6 User not local; please try <n@elsewhere.example>", DeliveryAttempt.class);
    assertThat(d.status()).isEqualTo(DeliveryStatus.BOUNCED);
    assertThat(d.reply()).hasValueSatisfying(r -> {
      assertThat(r.code().value()).isEqualTo(551);
      assertThat(r.command()).contains(SmtpCommand.RCPT);
      assertThat(r.text()).contains("<n@elsewhere.example>");
    });
    assertThat(d.dsn()).map(Object::toString).contains("5.1.6");
  }

  @Test
  void failure_inOlderLayouts() {
    DeliveryAttempt old = event("2002-07-11 07:14:17 17SXDU-000189-00 ** ace400@pb.example R=dnslookup"
        + " T=remote_smtp: SMTP error from remote mailer after pipelined RCPT TO:<ace400@pb.example>:"
        + " host pbmail3.py.example [192.168.63.111]: 553 5.3.0 <ace400@pb.example>...Addressee unknown",
        DeliveryAttempt.class);
    assertThat(old.reply()).hasValueSatisfying(r -> {
      assertThat(r.code().value()).isEqualTo(553);
      assertThat(r.command()).contains(SmtpCommand.RCPT);
    });
    DeliveryAttempt router = event("1995-12-19 16:20:23 0tRiQz-0002Q5-00 ** jim@trek99.example"
        + " <jim@trek99.example>: unknown mail domain", DeliveryAttempt.class);
    assertThat(router.status()).isEqualTo(DeliveryStatus.BOUNCED);
    assertThat(router.detail()).isEqualTo("unknown mail domain");
    assertThat(router.reply()).isEmpty();
    DeliveryAttempt discard = event("1999-03-02 09:44:33 10HmaY-000000005vi-0000 ** CALLER@test.ex R=bounce"
        + " : just discard", DeliveryAttempt.class);
    assertThat(discard.detail()).isEqualTo("just discard");
  }

  @Test
  void failure_whoseMessageFollowsTheTlsField() {
    DeliveryAttempt d = event("2021-03-04 05:06:07 1lHa2b-0007Xy-Qz ** someone@example.org R=dnslookup"
        + " T=remote_smtp H=mx.example.org [203.0.113.5] X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=yes:"
        + " SMTP error from remote mail server after RCPT TO:<someone@example.org>: 550 5.1.1 User unknown",
        DeliveryAttempt.class);
    assertThat(d.relayPeer()).map(Peer::address).contains("203.0.113.5");
    assertThat(d.reply()).map(r -> r.code().value()).contains(550);
    assertThat(d.detail()).startsWith("SMTP error from remote mail server");
    DeliveryAttempt x = event("2021-03-04 05:06:07 1lHa2b-0007Xy-Qz ** someone@example.org R=dnslookup"
        + " T=remote_smtp H=mx.example.org [203.0.113.5] X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256: SMTP error"
        + " from remote mail server after end of data: 554 5.7.1 Rejected", DeliveryAttempt.class);
    assertThat(x.reply()).hasValueSatisfying(r -> {
      assertThat(r.code().value()).isEqualTo(554);
      assertThat(r.command()).contains(SmtpCommand.DATA_END);
    });
  }

  @Test
  void completedAndFakeDeliveries() {
    assertThat(event("2002-10-31 09:00:11 16ZCW1-0005MB-00 Completed", MessageRemoved.class).queueId())
        .isEqualTo(new QueueId("16ZCW1-0005MB-00"));
    event("2024-05-01 10:00:03 1s2AbC-00000001Xy-0a1B Completed QT=2s", MessageRemoved.class);
    assertThat(event("1999-03-02 09:44:33 10HmaX-000000005vi-0000 *> userx@test.ex R=r1 T=t1",
        DeliveryAttempt.class).status()).isEqualTo(DeliveryStatus.OTHER);
  }

  @Test
  void aclRejects_beforeAndAfterData() {
    Rejected rcpt = event("2024-05-01 10:00:01 H=(pc123) [203.0.113.66] F=<spam@example.net>"
        + " rejected RCPT <bob@example.com>: relay not permitted", Rejected.class);
    assertThat(rcpt.action()).isEqualTo("reject");
    assertThat(rcpt.isRefusal()).isTrue();
    assertThat(rcpt.stage()).isEqualTo("RCPT");
    assertThat(rcpt.recipient()).isEqualTo("bob@example.com");
    assertThat(rcpt.sender()).isEqualTo("spam@example.net");
    assertThat(rcpt.helo()).isEqualTo("pc123");
    assertThat(rcpt.client()).contains(new Peer("unknown", "203.0.113.66", Peer.NO_PORT));
    assertThat(rcpt.detail()).isEqualTo("relay not permitted");
    assertThat(rcpt.queueId()).isEmpty();

    Rejected greylist = event("2024-05-01 10:00:01 H=client.example.com [192.0.2.10] F=<a@example.net>"
        + " temporarily rejected RCPT <bob@example.com>: greylisted", Rejected.class);
    assertThat(greylist.action()).isEqualTo("defer");
    assertThat(greylist.isRefusal()).isTrue();

    Rejected data = event("2024-05-01 10:00:02 1s2AbG-00000001Y1-0e4F H=client.example.com [192.0.2.10]"
        + " F=<a@example.net> rejected after DATA: Your message looks like spam", Rejected.class);
    assertThat(data.queueId()).contains(new QueueId("1s2AbG-00000001Y1-0e4F"));
    assertThat(data.stage()).isEqualTo("END-OF-MESSAGE");

    Rejected helo = event("2024-05-01 10:00:03 H=[203.0.113.67] rejected EHLO or HELO localhost: invalid HELO",
        Rejected.class);
    assertThat(helo.stage()).isEqualTo("HELO");
    Rejected connect = event("1999-03-02 09:44:33 H=[127.0.0.1] rejected connection in \"connect\" ACL:"
        + " 550 client disliked", Rejected.class);
    assertThat(connect.stage()).isEqualTo("CONNECT");
    Rejected mail = event("2026-11-29 15:06:38.952 [877] H=(client.smtplog.test) [127.0.0.1]:40426"
        + " I=[127.0.0.1]:25 rejected MAIL <spammer@bad.example>: Sender blocked by local policy", Rejected.class);
    assertThat(mail.stage()).isEqualTo("MAIL");
    assertThat(mail.sender()).isEqualTo("spammer@bad.example");
  }

  @Test
  void authenticatorFailure_andSynchronizationError_areRefusals() {
    Rejected auth = event("2019-10-22 03:39:17 dovecot_login authenticator failed for (User) [192.0.2.37]:"
        + " 535 Incorrect authentication data (set_id=info@example.com)", Rejected.class);
    assertThat(auth.stage()).isEqualTo("AUTH");
    assertThat(auth.reply()).hasValueSatisfying(r -> {
      assertThat(r.code().value()).isEqualTo(535);
      assertThat(r.command()).contains(SmtpCommand.AUTH);
    });
    assertThat(auth.client()).map(Peer::address).contains("192.0.2.37");
    Rejected newer = event("1999-03-02 09:44:33 10HmaX-000000005vi-0000 plain authenticator failed H=127.0.0.1"
        + " [127.0.0.1] 535 Sorry, authentication failed", Rejected.class);
    assertThat(newer.reply()).map(r -> r.code().value()).contains(535);

    Rejected sync = event("2024-05-01 10:00:00 SMTP protocol synchronization error (input sent without waiting"
        + " for greeting): rejected connection from H=[203.0.113.66] input=\"EHLO x\\r\\n\"", Rejected.class);
    assertThat(sync.client()).map(Peer::address).contains("203.0.113.66");
  }

  @Test
  void connectionLines_startAndEndSessions() {
    SessionStarted start = event("2024-05-01 10:00:00 [4711] SMTP connection from client.example.com"
        + " [192.0.2.10]:50412 I=[198.51.100.1]:25 (TCP/IP connection count = 3)", SessionStarted.class);
    assertThat(start.client()).isEqualTo(new Peer("client.example.com", "192.0.2.10", 50412));
    assertThat(start.process().pid()).isEqualTo(4711);
    event("2001-09-16 16:09:47 SMTP connection from [127.0.0.1] closed by QUIT", SessionEnded.class);
    SessionEnded noMail = event("2024-05-01 10:00:00 no MAIL in SMTP connection from client.example.com"
        + " [192.0.2.10] D=1s C=EHLO,STARTTLS,EHLO,QUIT", SessionEnded.class);
    assertThat(noMail.commandStats()).isEqualTo("EHLO,STARTTLS,EHLO,QUIT");
    event("2024-05-01 10:00:00 SMTP call from [203.0.113.66] dropped: too many unrecognized commands"
        + " (last was \"XYZ\")", SessionEnded.class);
    event("2024-05-01 10:00:00 SMTP command timeout on connection from client.example.com [192.0.2.10] D=5m",
        SessionEnded.class);
  }

  @Test
  void knownEntries_carryNoEvent() {
    for (String line : List.of("2003-04-25 11:17:07 +0100 Start queue run: pid=12762",
        "2003-04-25 11:17:07 End queue run: pid=12762",
        "2024-05-01 10:00:00 exim 4.97 daemon started: pid=812, -q10s, listening for SMTP on [127.0.0.1]:25",
        "2002-12-19 16:20:23 16aiQz-0002Q5-00 Failed to connect to mail1.endrest.example [192.168.239.239]:"
            + " Connection refused",
        "1999-03-02 09:44:33 10HmaY-000000005vi-0000 CALLER@test.ex: error ignored",
        "2024-05-01 10:00:00 1s2AbC-00000001Xy-0a1B Frozen (delivery error message)",
        "2024-05-01 10:00:01 H=client.example.com [192.0.2.10] incomplete transaction (RSET) from <a@example.net>",
        "2017-07-30 18:51:05.712 10HmaY-000000005vi-0000 => blackhole (RCPT ACL discarded recipients)",
        "2024-05-01 10:00:00 [4711] 1s2AbC-0001Xy-0a Sender identification U=alice D=example.com S=alice@example.com",
        "2024-05-01 10:00:00 [4711] 1s2AbC-0001Xy-0a SpamAssassin as alice detected message as NOT spam (0.1)")) {
      assertThat(parse(line)).as(line).isInstanceOf(LineResult.Skipped.class);
      assertThat(((LineResult.Skipped) parse(line)).reason()).isEqualTo(SkipReason.KNOWN_NO_EVENT);
    }
    LineResult badDate = parse("2024-02-30 10:00:00 1s2AbC-00000001Xy-0a1B Completed");
    assertThat(((LineResult.Malformed) badDate).problem().kind()).isEqualTo(ProblemKind.BAD_TIMESTAMP);
    assertThat(event("2024-05-01 10:00:00 TLS error on connection from (x) [192.0.2.1] (SSL_accept): timed out",
        DaemonMessage.class).severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void anonymisedMessageIds_areMessageIds_withANote_beforeAMessageEntry() {
    // sample-logs/exim/relay-mainlog.log lines 111, 71 and a Completed, their ids extended or replaced
    LineResult failed = parse("2026-11-29 15:32:52.421 [15364] 1xXgtY-0003zn-1KXXXX ** walter@example.com"
        + " F=<dave@smtplog.test> P=<dave@smtplog.test> R=sink T=remote_smtp H=127.0.0.2 [127.0.0.2]:2525"
        + " I=[127.0.0.1]:60872: SMTP error from remote mail server after end of data: 554 5.7.1 Message content"
        + " rejected: spam-test DT=0.001s");
    LineResult.Parsed parsed = (LineResult.Parsed) failed;
    assertThat(parsed.note()).hasValue(NoteKind.UNUSUAL_MESSAGE_ID);
    DeliveryAttempt d = (DeliveryAttempt) parsed.event();
    assertThat(d.queueId().value()).isEqualTo("1xXgtY-0003zn-1KXXXX");
    assertThat(d.status()).isEqualTo(DeliveryStatus.BOUNCED);
    MessageArrival bounce = event("2026-11-29 15:32:51.426 [15341] notification7 <= <> R=notification6"
        + " U=Debian-exim P=local S=2050 M8S=0 RT=0.000s id*=E1xXgtX-0003zR-1N@mx2.smtplog.test T=\"Mail delivery"
        + " failed: returning message to sender\" from <> for carol@smtplog.test", MessageArrival.class);
    assertThat(bounce.queueId().value()).isEqualTo("notification7");
    assertThat(bounce.parent().map(Object::toString)).hasValue("notification6");
    assertThat(event("2026-11-29 15:32:52.421 [15364] notification7 Completed QT=0.011s", MessageRemoved.class)
        .queueId().value()).isEqualTo("notification7");
    // Exim's own layout gets no note
    assertThat(((LineResult.Parsed) parse("2026-11-29 15:32:52.421 [15364] 1xXgtY-0003zn-1K Completed QT=0.011s"))
        .note()).isEmpty();
    // a word before anything but a message's entry is free text, not an id
    assertThat(parse("1999-03-02 09:44:33 rcpt for userx@domain.com")).isEqualTo(LineResult.freeText("rcpt"));
    assertThat(parse("1999-03-02 09:44:33 ratelimit 12.5/1h exceeded")).isEqualTo(LineResult.freeText("ratelimit"));
  }

  @Test
  void aclRejects_whoseTextStartsWithAReplyCode_carryThatReply() {
    // Exim's test suite (sample-logs/corpus/exim-testsuite/log): 1166, 0536 (whose stdout shows that the
    // client got these replies), 0622 and the connect ACL of 0022
    Rejected coded = event("2017-07-30 18:51:05.712 H=localhost (testhost.test.ex) [127.0.0.1] Ci=p1234"
        + " X=TLS1.x:ke-RSA-AES256-SHAnnn:xxx F=<> rejected RCPT <f1@test.ex>: 550 we really do not like you",
        Rejected.class);
    assertThat(coded.reply().orElseThrow().code().value()).isEqualTo(550);
    assertThat(coded.reply().orElseThrow().enhanced()).isEmpty();
    assertThat(coded.reply().orElseThrow().command()).hasValue(SmtpCommand.RCPT);
    assertThat(coded.reply().orElseThrow().text()).isEqualTo("we really do not like you");
    assertThat(coded.detail()).isEqualTo("we really do not like you");
    assertThat(coded.recipient()).isEqualTo("f1@test.ex");

    Rejected enhanced = event("1999-03-02 09:44:33 U=CALLER F=<> rejected RCPT <user4@test.ex>: 599 5.2.3 Main and"
        + " extended code", Rejected.class);
    assertThat(enhanced.reply().orElseThrow().toWireString()).isEqualTo("599 5.2.3 Main and extended code");
    assertThat(enhanced.reply().orElseThrow().enhanced().map(Object::toString)).hasValue("5.2.3");
    assertThat(enhanced.detail()).isEqualTo("Main and extended code");

    Rejected deferred = event("1999-03-02 09:44:33 H=localhost (myhost.test.ex) [127.0.0.1] F=<CALLER@myhost.test.ex>"
        + " temporarily rejected RCPT <B@test.ex>: 452 4.5.3 Try again", Rejected.class);
    assertThat(deferred.action()).isEqualTo("defer");
    assertThat(deferred.reply().orElseThrow().toWireString()).isEqualTo("452 4.5.3 Try again");

    // "4.1234.343" is no enhanced code (RFC 3463: at most three digits), and Exim sent it as text
    Rejected notEnhanced = event("1999-03-02 09:44:33 U=CALLER F=<> temporarily rejected RCPT <user9@test.ex>: 499"
        + " 4.1234.343 Main and extended code", Rejected.class);
    assertThat(notEnhanced.reply().orElseThrow().code().value()).isEqualTo(499);
    assertThat(notEnhanced.reply().orElseThrow().enhanced()).isEmpty();
    assertThat(notEnhanced.reply().orElseThrow().text()).isEqualTo("4.1234.343 Main and extended code");

    Rejected connect = event("1999-03-02 09:44:33 H=[127.0.0.1] rejected connection in \"connect\" ACL: 550 client"
        + " disliked", Rejected.class);
    assertThat(connect.stage()).isEqualTo("CONNECT");
    assertThat(connect.reply().orElseThrow().command()).hasValue(SmtpCommand.CONNECT);
    assertThat(connect.reply().orElseThrow().code().value()).isEqualTo(550);

    Rejected local = event("1999-03-02 09:44:33 10HmaY-000000005vi-0000 F=<user2@test.ex> rejected by non-SMTP ACL:"
        + " 599 Main code", Rejected.class);
    assertThat(local.stage()).isEqualTo("non-SMTP");
    assertThat(local.queueId().map(Object::toString)).hasValue("10HmaY-000000005vi-0000");
    assertThat(local.reply().orElseThrow().code().value()).isEqualTo(599);
    assertThat(local.reply().orElseThrow().command()).isEmpty();
  }

  @Test
  void aclRejects_withoutACodeInTheirText_carryNoReply_forTheLoggedTextMayNotBeTheReply() {
    // log/0536: the client got "550 No code" and, for the second, "550 Wrong code" (log_message differs)
    for (String line : List.of("1999-03-02 09:44:33 U=CALLER F=<> rejected RCPT <user1@test.ex>: No code",
        "1999-03-02 09:44:33 U=CALLER F=<> rejected RCPT <user7@test.ex>: A different log message",
        "2024-05-01 10:00:01 H=(pc123) [203.0.113.66] F=<spam@example.net> rejected RCPT <bob@example.com>: relay not"
            + " permitted")) {
      Rejected r = event(line, Rejected.class);
      assertThat(r.reply()).as(line).isEmpty();
      assertThat(r.detail()).as(line).isEqualTo(line.substring(line.lastIndexOf(">: ") + 3));
    }
  }

  @Test
  void aclLogwriteText_isFreeText_withOrWithoutMessageId() {
    // Exim's test suite (sample-logs/corpus/exim-testsuite/log): the test configurations' "logwrite ="
    // texts, which Exim writes after the timestamp, with the message id once there is one
    Map<String, String> texts = Map.of("1999-03-02 09:44:33 rcpt for userx@domain.com", "rcpt",
        "1999-03-02 09:44:33 10HmaX-000000005vi-0000 event msg:fail:delivery data \"SMTP error from remote mail"
            + " server after RCPT TO:<rmt_reject@test.ex>: 550 Administrative prohibition\"", "event",
        "1999-03-02 09:44:33 10HmbB-000000005vi-0000 event msg:fail:delivery data \"SMTP error from remote mail"
            + " server after end of data: 550-Your message has been rejected but is being kept for evaluation.\\n550-If"
            + " it was a legitimate message, it may still be delivered to the target\\n550 recipient(s).\"", "event",
        "1999-03-02 09:44:33 [1241] EVDATA: SSL_accept: TCP connection closed by peer", "EVDATA",
        "2024-05-01 10:00:00 something an operator's logwrite said", "something");
    texts.forEach((line, shape) -> assertThat(parse(line)).as(line).isEqualTo(LineResult.freeText(shape)));
  }

  @Test
  void unknownEntriesThatStartLikeARecordOfMail_stayProblems() {
    // the spec's delivery example (section 6.2) with its message id lost, and an ACL reject cut
    // before its object: shapes of Exim's own records, not free text
    for (String line : List.of("2002-10-31 08:59:13 => marv <marv@hitch.fict.example> R=localuser T=local_delivery",
        "2024-05-01 10:00:01 H=(pc123) [203.0.113.66] F=<spam@example.net> relay not permitted for RCPT <bob@example.com>")) {
      assertThat(parse(line)).as(line).isInstanceOf(LineResult.Malformed.class);
      assertThat(((LineResult.Malformed) parse(line)).problem().kind()).as(line).isEqualTo(ProblemKind.UNKNOWN_LINE);
    }
  }

  @Test
  void rejectLog_headerLines_belongToTheRejectAboveThem() {
    EximLineParser parser = new EximLineParser(ZoneOffset.UTC, EximLineParser.LogKind.REJECT, "");
    SourceRef first = new SourceRef("rejectlog", 1);
    LineResult reject = parser.parse("2024-05-01 10:00:02 1s2AbG-00000001Y1-0e4F H=client.example.com [192.0.2.10]"
        + " F=<a@example.net> rejected after DATA: Your message looks like spam", first);
    assertThat(reject).isInstanceOf(LineResult.Parsed.class);
    for (String header : List.of("Envelope-from: <a@example.net>", "Envelope-to: <bob@example.com>",
        "    <carol@example.com>", "P Received: from client.example.com ([192.0.2.10])", "F From: a@example.net",
        "  Subject: continued folded line", "*** truncated ***")) {
      LineResult r = parser.parse(header, new SourceRef("rejectlog", 2));
      assertThat(r).as(header).isInstanceOf(LineResult.Parsed.class);
      EntryContinuation c = (EntryContinuation) ((LineResult.Parsed) r).event();
      assertThat(c.entry()).isEqualTo(first);
      assertThat(c.queueId()).contains(new QueueId("1s2AbG-00000001Y1-0e4F"));
      assertThat(c.text()).isEqualTo(header);
      assertThat(c.at()).isEqualTo(Instant.parse("2024-05-01T10:00:02Z"));
    }
    LineResult orphan = new EximLineParser(ZoneOffset.UTC, EximLineParser.LogKind.REJECT, "")
        .parse("Envelope-from: <a@example.net>", first);
    assertThat(((LineResult.Malformed) orphan).problem().kind()).isEqualTo(ProblemKind.UNKNOWN_FORMAT);
  }

  @Test
  void panicLog_entriesArePanics_andLocalTimeUsesTheZone() {
    EximLineParser panic = new EximLineParser(ZoneId.of("Europe/Istanbul"), EximLineParser.LogKind.PANIC, "");
    LineResult r = panic.parse("2024-05-01 10:00:00 Exim configuration error in line 12 of /etc/exim4/exim4.conf:",
        new SourceRef("paniclog", 1));
    DaemonMessage m = (DaemonMessage) ((LineResult.Parsed) r).event();
    assertThat(m.severity()).isEqualTo(Severity.PANIC);
    assertThat(m.at()).isEqualTo(Instant.parse("2024-05-01T07:00:00Z"));
    assertThat(m.text()).startsWith("Exim configuration error");
  }

  @Test
  void syslog_exim_isReadByTheSyslogReader_withEximsOwnTimestamp_andPieces() {
    SyslogLineParser syslog = new SyslogLineParser(
        new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2024, 1)), List.of(new EximSyslogParser(ZoneOffset.UTC)));
    LineResult r = syslog.parse("May  1 10:00:03 mx exim[4711]: 2024-05-01 10:00:03.250 1s2AbC-00000001Xy-0a1B"
        + " => bob@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.5] C=\"250 OK\"",
        new SourceRef("mail.log", 1));
    DeliveryAttempt d = (DeliveryAttempt) ((LineResult.Parsed) r).event();
    assertThat(d.at()).isEqualTo(Instant.parse("2024-05-01T10:00:03.250Z"));
    assertThat(d.process().pid()).isEqualTo(4711);
    assertThat(d.process().host()).isEqualTo("mx");
    LineResult noStamp = syslog.parse("May  1 10:00:04 mx exim[4711]: 1s2AbC-00000001Xy-0a1B Completed",
        new SourceRef("mail.log", 2));
    assertThat(((LineResult.Parsed) noStamp).event()).isInstanceOf(MessageRemoved.class);
    LineResult piece = syslog.parse("May  1 10:00:04 mx exim[4711]: [2/2] rest of a long entry",
        new SourceRef("mail.log", 3));
    assertThat(piece).isInstanceOf(LineResult.Skipped.class);
    LineResult wrapped = new EximLineParser(ZoneOffset.UTC, EximLineParser.LogKind.MAIN, "").parse(
        "2016-04-01 11:08:00 info exim[8001]: [8001] no MAIL in SMTP connection from (User) [192.0.2.29]:20042"
            + " I=[192.0.2.1]:25 D=0s C=EHLO,AUTH", new SourceRef("exim", 95));
    SessionEnded ended = (SessionEnded) ((LineResult.Parsed) wrapped).event();
    assertThat(ended.process().pid()).isEqualTo(8001);
    assertThat(ended.commandStats()).isEqualTo("EHLO,AUTH");
    assertThat(Optional.of(ended.client().address())).contains("192.0.2.29");
  }

  @Test
  void oneParser_acrossMidnight_anInvalidDate_andQuotedRepliesWithAndWithoutEscapes() {
    // one parser reads a chunk: it keeps the last date and the ids of recent entries
    EximLineParser exim = new EximLineParser(ZoneOffset.UTC, EximLineParser.LogKind.MAIN, "");
    SourceRef source = new SourceRef("mainlog", 1);
    DeliveryAttempt before = (DeliveryAttempt) ((LineResult.Parsed) exim.parse("2026-03-01 23:59:59.998 [1026]"
        + " 1vwUE9-0000GU-HI => user38249@d13918.example R=dnslookup T=remote_smtp H=mx3.d13918.example"
        + " [203.0.115.220]:25 C=\"250 2.0.0 Ok: queued as C6EA43D0C2F62400\" QT=0.281s DT=1.304s", source)).event();
    DeliveryAttempt after = (DeliveryAttempt) ((LineResult.Parsed) exim.parse("2026-03-02 00:00:00.001 [1027]"
        + " 1vwUE9-0000GU-HI => user1@d13918.example R=dnslookup T=remote_smtp H=mx3.d13918.example"
        + " [203.0.115.220]:25 C=\"250 2.0.0 \\\"queued\\\" as C6EA43D0C2F62401\" QT=0.3s DT=1s", source)).event();
    MessageRemoved done = (MessageRemoved) ((LineResult.Parsed) exim.parse(
        "2026-03-02 00:00:00.002 [1027] 1vwUE9-0000GU-HI Completed QT=0.3s", source)).event();
    assertThat(before.at()).isEqualTo(Instant.parse("2026-03-01T23:59:59.998Z"));
    assertThat(after.at()).isEqualTo(Instant.parse("2026-03-02T00:00:00.001Z"));
    assertThat(before.reply().orElseThrow().text()).isEqualTo("Ok: queued as C6EA43D0C2F62400");
    assertThat(before.queuedAs()).contains(new QueueId("C6EA43D0C2F62400"));
    assertThat(after.reply().orElseThrow().text()).isEqualTo("\"queued\" as C6EA43D0C2F62401");
    assertThat(after.queueId()).isSameAs(before.queueId());
    assertThat(done.queueId()).isSameAs(before.queueId());
    assertThat(exim.parse("2026-02-30 00:00:01 [1027] 1vwUE9-0000GU-HI Completed", source))
        .isInstanceOf(LineResult.Malformed.class); // after valid dates, an invalid one is still refused
    assertThat(((LineResult.Parsed) exim.parse("2026-03-02 00:00:03 [1027] 1vwUE9-0000GU-HI Completed", source))
        .event().at()).isEqualTo(Instant.parse("2026-03-02T00:00:03Z"));
  }

}
