package io.smtplog.core.ingest.postfix;

import static io.smtplog.core.ingest.postfix.PostfixLines.event;
import static io.smtplog.core.ingest.postfix.PostfixLines.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.NoteKind;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageExpired;
import io.smtplog.core.model.MessageIdentified;
import io.smtplog.core.model.MessageQueued;
import io.smtplog.core.model.MessageReceived;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.NotificationQueued;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.Severity;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TlsEstablished;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** One test per daemon and record shape, with lines from real logs (sample-logs and the corpus). */
class PostfixMessageParserTest {

  @Test
  void smtp_sentViaRelay_withReplyAndDelay() {
    DeliveryAttempt d = event("Nov 29 13:28:45 mx1 postfix/smtp[4935]: DF0FD20C18F: to=<carol@example.org>,"
        + " orig_to=<forward@smtplog.test>, relay=127.0.0.2[127.0.0.2]:2525, delay=0, delays=0/0/0/0, dsn=2.0.0,"
        + " status=sent (250 2.0.0 Ok: message accepted)", DeliveryAttempt.class);
    assertThat(d.queueId().value()).isEqualTo("DF0FD20C18F");
    assertThat(d.recipient()).isEqualTo("carol@example.org");
    assertThat(d.origRecipient()).hasValue("forward@smtplog.test");
    assertThat(d.relayPeer().orElseThrow().port()).isEqualTo(2525);
    assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(d.reply().orElseThrow().code().value()).isEqualTo(250);
    assertThat(d.delay()).hasValue(Duration.ZERO);
    assertThat(d.dsn().map(Object::toString)).hasValue("2.0.0");
    assertThat(d.process().program()).isEqualTo("smtp");
  }

  @Test
  void smtp_deferredWithRemoteReply() {
    DeliveryAttempt d = event("Nov 29 13:29:02 mx1 postfix/smtp[4935]: 6CF6220C184: to=<err.judy@example.org>,"
        + " relay=127.0.0.2[127.0.0.2]:2525, delay=17, delays=17/0/0/0, dsn=4.3.0, status=deferred (host"
        + " 127.0.0.2[127.0.0.2] said: 451 4.3.0 Requested action aborted: local error in processing (in reply to"
        + " RCPT TO command))", DeliveryAttempt.class);
    assertThat(d.status()).isEqualTo(DeliveryStatus.DEFERRED);
    assertThat(d.delay()).hasValue(Duration.ofSeconds(17));
    assertThat(d.reply().orElseThrow().command()).hasValue(SmtpCommand.RCPT);
    assertThat(d.detail()).endsWith("(in reply to RCPT TO command)");
  }

  @Test
  void delays_areSplitIntoTheFourStages() {
    // postfix-log-format reference, section 3 (README_FILES example, verbatim)
    DeliveryAttempt d = event("Nov  3 16:04:31 myname postfix/smtp[30840]: 19B6B2900FE: to=<wietse@test.example.com>,"
        + " orig_to=<wietse@test>, relay=mail.example.com[1.2.3.4], conn_use=2, delay=0.22,"
        + " delays=0.04/0.01/0.05/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok)", DeliveryAttempt.class);
    assertThat(d.delays().beforeQueueManager()).hasValue(Duration.ofMillis(40));
    assertThat(d.delays().inQueueManager()).hasValue(Duration.ofMillis(10));
    assertThat(d.delays().connectionSetup()).hasValue(Duration.ofMillis(50));
    assertThat(d.delays().transmission()).hasValue(Duration.ofMillis(100));
    assertThat(d.delays()).hasToString("0.04/0.01/0.05/0.1");
    assertThat(d.delay()).hasValue(Duration.ofMillis(220));
  }

  @Test
  void delays_damagedPartsAreEmpty_andTheRecordAndItsTotalDelayStillCount() {
    // loopback-relay.log line 1038 (a deferral after 17 s in the deferred queue), with its delays= value damaged
    String line = "Nov 29 13:29:02 mx1 postfix/smtp[4935]: 6CF6220C184: to=<err.judy@example.org>,"
        + " relay=127.0.0.2[127.0.0.2]:2525, delay=17, delays=%s, dsn=4.3.0, status=deferred (host"
        + " 127.0.0.2[127.0.0.2] said: 451 4.3.0 Requested action aborted: local error in processing (in reply to"
        + " RCPT TO command))";
    DeliveryAttempt intact = event(String.format(line, "17/0/0/0"), DeliveryAttempt.class);
    assertThat(intact.delays().beforeQueueManager()).hasValue(Duration.ofSeconds(17));
    assertThat(intact.delays().transmission()).hasValue(Duration.ZERO);

    DeliveryAttempt onePartBad = event(String.format(line, "17/x/0/0.5"), DeliveryAttempt.class);
    assertThat(onePartBad.delays().beforeQueueManager()).hasValue(Duration.ofSeconds(17));
    assertThat(onePartBad.delays().inQueueManager()).isEmpty();
    assertThat(onePartBad.delays().transmission()).hasValue(Duration.ofMillis(500));
    assertThat(onePartBad.delay()).hasValue(Duration.ofSeconds(17));

    for (String damaged : new String[] {"17/0/0", "17/0/0/0/1", "", "1.3e-05/0/0/0"}) {
      DeliveryAttempt d = event(String.format(line, damaged), DeliveryAttempt.class);
      assertThat(d.delay()).as(damaged).hasValue(Duration.ofSeconds(17));
      assertThat(d.status()).as(damaged).isEqualTo(DeliveryStatus.DEFERRED);
      if (!damaged.startsWith("1.3e")) {
        assertThat(d.delays().isUnknown()).as(damaged).isTrue();
      } else {
        assertThat(d.delays().beforeQueueManager()).as(damaged).isEmpty();
        assertThat(d.delays().inQueueManager()).as(damaged).hasValue(Duration.ZERO);
      }
    }
  }

  @Test
  void anonymisedQueueIds_areQueueIds_withANote_wherePostfixWritesAQueueId() {
    // loopback-relay.log and content-filter.log lines, their ids extended or replaced as anonymisers do
    LineResult delivery = parse("Nov 29 14:22:34 mx1 postfix/filter/smtp[29662]: 7E1AEC2C388XXXX: to=<bob@example.com>,"
        + " relay=127.0.0.1[127.0.0.1]:10026, delay=0.03, delays=0.01/0.01/0.01/0, dsn=2.0.0, status=sent"
        + " (250 2.0.0 Ok: queued as 3F5ED20C66DXXXX)");
    assertThat(delivery).isInstanceOf(LineResult.Parsed.class);
    LineResult.Parsed parsed = (LineResult.Parsed) delivery;
    assertThat(((DeliveryAttempt) parsed.event()).queueId().value()).isEqualTo("7E1AEC2C388XXXX");
    assertThat(((DeliveryAttempt) parsed.event()).detail()).endsWith("queued as 3F5ED20C66DXXXX");
    assertThat(parsed.note()).hasValue(NoteKind.UNUSUAL_QUEUE_ID);

    assertThat(event("Nov 29 13:28:45 mx1 postfix/qmgr[4927]: notificationXXXX: removed", MessageRemoved.class)
        .queueId().value()).isEqualTo("notificationXXXX");
    NotificationQueued bounce = event("Nov 29 13:28:45 mx1 postfix/bounce[4946]: 876D220C18AXXXX: sender"
        + " non-delivery notification: 8A3B520C0C8XXXX", NotificationQueued.class);
    assertThat(bounce.parent().value()).isEqualTo("876D220C18AXXXX");
    assertThat(bounce.child().value()).isEqualTo("8A3B520C0C8XXXX");
    MessageReceived reinjected = event("Nov 29 14:22:34 mx1 postfix/reinject/smtpd[29664]: 3F5ED20C66DXXXX:"
        + " client=unknown[127.0.0.1], orig_queue_id=notification7, orig_client=unknown[127.0.0.1]",
        MessageReceived.class);
    assertThat(reinjected.origQueueId().map(Object::toString)).hasValue("notification7");
    Rejected header = event("Nov 29 13:28:45 mx1 postfix/cleanup[4934]: Msg42: warning: header Subject: spam from"
        + " unknown[127.0.0.1]; from=<dave@smtplog.test> to=<walter@example.com> proto=ESMTP"
        + " helo=<client.smtplog.test>: 5.7.1 looks like spam", Rejected.class);
    assertThat(header.queueId().map(Object::toString)).hasValue("Msg42");

    // a queue id in one of Postfix's own alphabets carries no note
    LineResult.Parsed plain = (LineResult.Parsed) parse("Nov 29 13:28:45 mx1 postfix/qmgr[4927]: 2084020C171: removed");
    assertThat(plain.note()).isEmpty();
  }

  @Test
  void wordsFollowedByAColon_areNoQueueIds_unlessAQueueFileRecordFollows() {
    // "WORD: " starts many records that are no queue file's: each stays what it is
    assertThat(event("Nov 29 13:28:49 mx1 postfix/smtpd[4931]: warning: non-SMTP command from unknown[127.0.0.1]:"
        + " GET / HTTP/1.0", DaemonMessage.class).severity()).isEqualTo(Severity.WARNING);
    assertThat(parse("Oct 26 18:13:50 mx postfix/anvil[123]: statistics: max connection rate 1/60s for"
        + " (smtpd:61.238.241.86) at Oct 26 18:13:50")).isEqualTo(LineResult.known("statistics:"));
    assertThat(parse("Dec 01 19:46:47 mx1 postfix/smtpd[29769]: fsspace: .: block size 4096, blocks free 20499164"))
        .isEqualTo(LineResult.verbose("fsspace"));
    assertThat(event("Dec 01 19:46:47 mx1 postfix/smtpd[29769]: connect from unknown[127.0.0.1]", SessionStarted.class)
        .client().address()).isEqualTo("127.0.0.1");
    // postsuper(1): "Deleted: 1 message" counts messages, it names none
    assertThat(parse("Nov 29 13:30:02 mx1 postfix/postsuper[5100]: Deleted: 1 message"))
        .isEqualTo(LineResult.known("Deleted:"));
    // "warning: ..." after a word is a header check of a queue file only in cleanup's records;
    // in smtpd's, "WORD: " is a function's trace
    assertThat(parse("Nov 29 13:28:49 mx1 postfix/smtpd[4931]: hostname: warning: something odd"))
        .isEqualTo(LineResult.verbose("hostname"));
  }

  @Test
  void oldPostfix_relayWithoutPort_noDelaysNoDsn() {
    // corpus: Parse-Syslog-Mail t/logs/postfix-plain.log (2005)
    DeliveryAttempt d = event("Feb 20 14:56:18 fangorn postfix/smtp[5161]: CCAE27A4: to=<cpan-testers@perl.org>,"
        + " relay=mx.develooper.com[63.251.223.176], delay=9, status=sent (250 Queued! 1108907778 qp 18309"
        + " <20050220135609.CCAE27A4@fangorn.maddingue.net>)", DeliveryAttempt.class);
    assertThat(d.relayPeer().orElseThrow().port()).isEqualTo(-1);
    assertThat(d.dsn()).isEmpty();
    assertThat(d.delay()).hasValue(Duration.ofSeconds(9));
    assertThat(d.delays().isUnknown()).isTrue();
  }

  @Test
  void local_forwardedAndDeliveredToMailbox() {
    DeliveryAttempt fwd = event("Nov 29 13:28:45 mx1 postfix/local[4947]: D42F520C18F: to=<team@smtplog.test>,"
        + " relay=local, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as D4C4020C190)",
        DeliveryAttempt.class);
    assertThat(fwd.relay()).isEqualTo("local");
    assertThat(fwd.reply()).isEmpty();
    DeliveryAttempt bounced = event("Nov 29 13:28:45 mx1 postfix/local[4947]: 8A3B520C0C8: to=<carol@smtplog.test>,"
        + " relay=local, delay=0.01, delays=0.01/0/0/0, dsn=5.1.1, status=bounced (unknown user: \"carol\")",
        DeliveryAttempt.class);
    assertThat(bounced.status()).isEqualTo(DeliveryStatus.BOUNCED);
    assertThat(bounced.delay()).hasValue(Duration.ofMillis(10));
  }

  @Test
  void virtual_andLmtpOverSocket() {
    DeliveryAttempt v = event("Apr  7 15:35:20 123-mail postfix/virtual[20235]: 199041033BE: to=<me@domain.fr>,"
        + " relay=virtual, delay=0.08, delays=0.08/0/0/0, dsn=2.0.0, status=sent (delivered to maildir)",
        DeliveryAttempt.class);
    assertThat(v.process().program()).isEqualTo("virtual");
    DeliveryAttempt lmtp = event("May  1 10:02:01 mx1 postfix/lmtp[3002]: 1A2B3C4D60: to=<dan@example.com>,"
        + " relay=mail.example.com[private/dovecot-lmtp], delay=0.1, delays=0.05/0/0.01/0.04, dsn=2.0.0, status=sent"
        + " (250 2.0.0 <dan@example.com> Saved)", DeliveryAttempt.class);
    assertThat(lmtp.relayPeer().orElseThrow().isNetworkAddress()).isFalse();
  }

  @Test
  void quotedLocalPartWithCommaAndSpace() {
    DeliveryAttempt d = event("May  1 10:00:02 mx1 postfix/smtp[2211]: 4BxQ2k0fJmz9v: to=<\"smith, john\"@example.org>,"
        + " relay=mx.example.org[198.51.100.7]:25, delay=1.3, delays=0.1/0.01/0.72/0.47, tls=dane:encrypt, dsn=2.0.0,"
        + " status=sent (250 2.0.0 OK)", DeliveryAttempt.class);
    assertThat(d.recipient()).isEqualTo("\"smith, john\"@example.org");
    assertThat(d.queueId().value()).isEqualTo("4BxQ2k0fJmz9v");
  }

  @Test
  void smtpd_sessionAndClient() {
    SessionStarted s = event("Nov 29 13:28:45 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.1]",
        SessionStarted.class);
    assertThat(s.client().address()).isEqualTo("127.0.0.1");
    SessionEnded e = event("Nov 29 13:28:45 mx1 postfix/smtpd[4931]: disconnect from unknown[127.0.0.1] ehlo=1 mail=1"
        + " rcpt=1 data=1 quit=1 commands=5", SessionEnded.class);
    assertThat(e.commandStats()).isEqualTo("ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5");
    MessageReceived r = event("Oct 30 13:19:26 mailgw-out1 postfix/smtpd[27530]: EB4B2C19E2: client=xxx[1.2.3.4],"
        + " sasl_method=PLAIN, sasl_username=user@domain", MessageReceived.class);
    assertThat(r.saslUsername()).hasValue("user@domain");
    assertThat(r.client().orElseThrow().hostname()).isEqualTo("xxx");
  }

  @Test
  void smtpd_noqueueReject_withStageReplyAndFields() {
    Rejected r = event("Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: reject: RCPT from unknown[127.0.0.5]: 550 5.1.1"
        + " <nouser.x@smtplog.test>: Recipient address rejected: User unknown in local recipient table;"
        + " from=<stranger@example.net> to=<nouser.x@smtplog.test> proto=ESMTP helo=<client.smtplog.test>",
        Rejected.class);
    assertThat(r.queueId()).isEmpty();
    assertThat(r.action()).isEqualTo("reject");
    assertThat(r.stage()).isEqualTo("RCPT");
    assertThat(r.reply().orElseThrow().code().value()).isEqualTo(550);
    assertThat(r.reply().orElseThrow().command()).hasValue(SmtpCommand.RCPT);
    assertThat(r.sender()).isEqualTo("stranger@example.net");
    assertThat(r.recipient()).isEqualTo("nouser.x@smtplog.test");
    assertThat(r.helo()).isEqualTo("client.smtplog.test");
    assertThat(r.protocol()).isEqualTo("ESMTP");
    assertThat(r.isRefusal()).isTrue();
  }

  @Test
  void smtpd_warnAction_isNotARefusal() {
    Rejected r = event("Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: warn: RCPT from unknown[127.0.0.1]: recipient"
        + " under observation; from=<alice@smtplog.test> to=<warned@example.org> proto=ESMTP"
        + " helo=<client.smtplog.test>", Rejected.class);
    assertThat(r.isRefusal()).isFalse();
    assertThat(r.detail()).isEqualTo("recipient under observation");
    assertThat(r.reply()).isEmpty();
  }

  @Test
  void postscreen_rejectWithCommaSeparatedFields() {
    Rejected r = event("Jan  1 00:00:00 hostname postfix/postscreen[12345]: NOQUEUE: reject: RCPT from"
        + " [192.0.2.89]:12345: 550 5.7.1 Service unavailable; client [192.0.2.89] blocked using zen.example;"
        + " from=<user@example.com>, to=<user@example.org>, proto=ESMTP, helo=<example.com>", Rejected.class);
    assertThat(r.recipient()).isEqualTo("user@example.org");
    assertThat(r.helo()).isEqualTo("example.com");
    assertThat(r.reply().orElseThrow().text()).contains("blocked using zen.example");
  }

  @Test
  void cleanup_headerReject_andMilterReject() {
    Rejected h = event("May  1 10:00:01 mx1 postfix/cleanup[2190]: 4BxQ2k0fJmz1v: reject: header Subject: You won a"
        + " prize from client.example.com[192.0.2.10]; from=<spam@example.net> to=<bob@example.com> proto=ESMTP"
        + " helo=<client.example.com>: 5.7.1 Message content rejected", Rejected.class);
    assertThat(h.stage()).isEqualTo("header");
    assertThat(h.recipient()).isEqualTo("bob@example.com");
    assertThat(h.detail()).isEqualTo("5.7.1 Message content rejected");
    assertThat(h.client().orElseThrow().address()).isEqualTo("192.0.2.10");
    // The client got 550 and the check's reason at the end of DATA (smtpd.c, CLEANUP_STAT_CONT).
    assertThat(h.reply().orElseThrow().toWireString()).isEqualTo("550 5.7.1 Message content rejected");
    assertThat(h.reply().orElseThrow().command()).contains(SmtpCommand.DATA_END);
    // A warning is no reply, and a reason without an enhanced code is not made one.
    assertThat(event("May  1 10:00:01 mx1 postfix/cleanup[2190]: 4BxQ2k0fJmz1v: warning: header Subject: hi from"
        + " c.example.com[192.0.2.10]; from=<a@example.net> to=<b@example.com> proto=ESMTP helo=<c.example.com>:"
        + " 5.7.1 looks odd", Rejected.class).reply()).isEmpty();
    assertThat(event("May  1 10:00:01 mx1 postfix/cleanup[2190]: 4BxQ2k0fJmz1v: reject: body x from"
        + " c.example.com[192.0.2.10]; from=<a@example.net> to=<b@example.com> proto=ESMTP helo=<c.example.com>:"
        + " no thanks", Rejected.class).reply()).isEmpty();
    Rejected m = event("Jan 1 00:00:00 hostname postfix/cleanup[12345]: 123456789AB: milter-reject: END-OF-MESSAGE from"
        + " example.com[192.0.2.89]: 5.7.1 Spam; from=<user@example.com> to=<user@example.org> proto=ESMTP"
        + " helo=<example.com>", Rejected.class);
    assertThat(m.action()).isEqualTo("milter-reject");
    assertThat(m.queueId().orElseThrow().value()).isEqualTo("123456789AB");
  }

  @Test
  void qmgr_queuedExpiredRemoved() {
    MessageQueued q = event("Nov 29 13:28:45 mx1 postfix/qmgr[4928]: 6CF6220C184: from=<bob@smtplog.test>, size=442,"
        + " nrcpt=1 (queue active)", MessageQueued.class);
    assertThat(q.sizeBytes()).isEqualTo(442);
    assertThat(q.recipientCount()).isEqualTo(1);
    assertThat(event("Apr 10 14:50:16 mail postfix/qmgr[3663]: BACE842E72: from=<noreply@domain.com>, status=expired,"
        + " returned to sender", MessageExpired.class).sender()).isEqualTo("noreply@domain.com");
    assertThat(event("Apr 10 14:50:16 mail postfix/qmgr[3663]: BACE842E73: from=<noreply@domain.com>,"
        + " status=force-expired, returned to sender", MessageExpired.class)).isNotNull();
    assertThat(event("Nov 29 13:28:45 mx1 postfix/qmgr[4928]: C982620C18F: removed", MessageRemoved.class).queueId().value())
        .isEqualTo("C982620C18F");
  }

  @Test
  void cleanupPickupAndBounce() {
    assertThat(event("Jul  5 06:52:11 prd-mx1 postfix/cleanup[21893]: 3mPVKl0Mhjz7sXv: message-id=<E1ZB06G-0006n5-Vp@"
        + "anc-dev-web1.slc.example.net>", MessageIdentified.class).messageId()).startsWith("<E1ZB06G");
    MessageReceived pickup = event("Feb 20 04:05:39 fangorn postfix/pickup[15241]: 0D7037A4: uid=0 from=<root>",
        MessageReceived.class);
    assertThat(pickup.client()).isEmpty();
    NotificationQueued n = event("Nov 29 13:29:22 mx1 postfix/bounce[5024]: B322C20C0C8: sender delay notification:"
        + " A568D20C007", NotificationQueued.class);
    assertThat(n.parent().value()).isEqualTo("B322C20C0C8");
    assertThat(n.child().value()).isEqualTo("A568D20C007");
    assertThat(n.kind()).isEqualTo("sender delay notification");
  }

  @Test
  void debugPeerTranscript_clientSide() {
    CommandLine c = event("Nov 29 13:28:45 mx1 postfix/smtp[4935]: > 127.0.0.2[127.0.0.2]:2525: RCPT"
        + " TO:<fwd.erin@example.net>", CommandLine.class);
    assertThat(c.role()).isEqualTo(Role.CLIENT);
    assertThat(c.command()).hasValue(SmtpCommand.RCPT);
    ReplyLine r = event("Nov 29 13:28:45 mx1 postfix/smtp[4935]: < 127.0.0.2[127.0.0.2]:2525: 251 2.1.5 User not local;"
        + " will forward to <fwd.erin@forward.example.net>", ReplyLine.class);
    assertThat(r.code().value()).isEqualTo(251);
    assertThat(r.continued()).isFalse();
    assertThat(event("Nov 29 13:28:45 mx1 postfix/smtp[4935]: < 127.0.0.2[127.0.0.2]:2525: 250-SIZE 33554432",
        ReplyLine.class).continued()).isTrue();
  }

  @Test
  void debugPeerTranscript_serverSide_redactsAuth() {
    CommandLine auth = event("May  1 10:06:00 mx1 postfix/smtpd[4200]: < laptop.example.com[198.51.100.20]: AUTH PLAIN"
        + " AGFsaWNlAHNlY3JldA==", CommandLine.class);
    assertThat(auth.role()).isEqualTo(Role.SERVER);
    assertThat(auth.text()).isEqualTo("AUTH PLAIN [redacted]");
    ReplyLine reply = event("May  1 10:06:00 mx1 postfix/smtpd[4200]: > laptop.example.com[198.51.100.20]: 235 2.7.0"
        + " Authentication successful", ReplyLine.class);
    assertThat(reply.code().value()).isEqualTo(235);
  }

  @Test
  void severities_becomeDaemonMessages() {
    DaemonMessage w = event("Nov 29 13:28:46 mx1 postfix/smtpd[4931]: warning: non-SMTP command from"
        + " unknown[127.0.0.1]: GET / HTTP/1.0", DaemonMessage.class);
    assertThat(w.severity()).isEqualTo(Severity.WARNING);
    assertThat(w.text()).startsWith("non-SMTP command");
    assertThat(event("Nov 29 13:30:05 mx1 postfix/postfix-script[5102]: fatal: the Postfix mail system is not running",
        DaemonMessage.class).severity()).isEqualTo(Severity.FATAL);
    assertThat(event("May  1 10:00:00 mx1 postfix/smtp[5]: panic: myfree: corrupt or unallocated memory block",
        DaemonMessage.class).severity()).isEqualTo(Severity.PANIC);
  }

  @Test
  void knownRecordsWithoutEvents_areSkippedNotProblems() {
    String[] known = {
      "Nov 29 13:26:15 mx1 postfix/smtp[4140]: connect to 127.0.0.2[127.0.0.2]:2525: Connection refused",
      "Nov 29 13:26:16 mx1 postfix/smtpd[4136]: improper command pipelining after EHLO from unknown[127.0.0.1]: QUIT\\r\\n",
      "Jan  1 00:00:00 hostname postfix/postscreen[12345]: PASS NEW [192.0.2.89]:12345",
      "Jan  1 00:00:00 hostname postfix/postscreen[12345]: HANGUP after 123 from [192.0.2.89]:12345 in tests after SMTP handshake",
      "Oct 26 18:13:50 mx postfix/anvil[123]: statistics: max connection rate 1/60s for (smtpd:61.238.241.86) at Oct 26 18:13:50",
      "Nov 29 13:25:46 mx1 postfix/master[3559]: daemon started -- version 3.7.11, configuration /etc/postfix",
      "Nov 29 13:25:46 mx1 postfix/postfix-script[3557]: starting the Postfix mail system",
      "Apr  5 17:54:21 strand postfix/smtpd[10827]: lost connection after RCPT from adsl-77-86-76-98.karoo.KCOM.COM[77.86.76.98]",
    };
    for (String line : known) {
      assertThat(parse(line)).as(line).isInstanceOf(LineResult.Skipped.class);
      assertThat(((LineResult.Skipped) parse(line)).reason()).as(line).isEqualTo(SkipReason.KNOWN_NO_EVENT);
    }
  }

  @Test
  void tlsSummaries_areTlsEvents_inboundAndOutbound() {
    // postfix-log-format reference, section 3 (TLS), and corpus/postfix/postfix-exporter-lines.log
    TlsEstablished in = (TlsEstablished) ((LineResult.Parsed) parse("May  1 10:00:00 mx1 postfix/smtpd[2188]: Anonymous"
        + " TLS connection established from client.example.com[192.0.2.10]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384"
        + " (256/256 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256")).event();
    assertThat(in.role()).isEqualTo(Role.SERVER);
    assertThat(in.peer()).hasToString("client.example.com[192.0.2.10]");
    assertThat(in.trust()).isEqualTo("Anonymous");
    assertThat(in.protocol()).isEqualTo("TLSv1.3");
    assertThat(in.cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
    assertThat(in.reused()).isFalse();
    TlsEstablished out = (TlsEstablished) ((LineResult.Parsed) parse("Jul 24 03:28:15 mail postfix/smtp[24052]: Verified"
        + " TLS connection established to mx2.comcast.net[2001:558:fe21:2a::6]:25: TLSv1.2 with cipher"
        + " ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)")).event();
    assertThat(out.role()).isEqualTo(Role.CLIENT);
    assertThat(out.peer().address()).isEqualTo("2001:558:fe21:2a::6");
    assertThat(out.peer().port()).isEqualTo(25);
    assertThat(out.trust()).isEqualTo("Verified");
    assertThat(out.protocol()).isEqualTo("TLSv1.2");
    TlsEstablished sni = (TlsEstablished) ((LineResult.Parsed) parse("May  1 10:00:00 mx1 postfix/smtpd[2188]: Trusted"
        + " TLS connection reused from client.example.com[192.0.2.10] to mx.example.org: TLSv1.3 with cipher"
        + " TLS_AES_128_GCM_SHA256 (128/128 bits)")).event();
    assertThat(sni.reused()).isTrue();
    assertThat(sni.peer().hostname()).isEqualTo("client.example.com");
    assertThat(sni.cipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
    assertThat(parse("May  1 10:00:00 mx1 postfix/smtpd[2188]: Anonymous TLS connection established somewhere"))
        .isInstanceOf(LineResult.Malformed.class);
  }

  @Test
  void verboseDebugRecords_areSkippedAsVerbose() {
    assertThat(parse("Nov 29 13:26:15 mx1 postfix/smtp[4140]: smtp_stream_setup: maxtime=300 enable_deadline=0"))
        .isEqualTo(LineResult.verbose("smtp_stream_setup"));
    assertThat(parse("Nov 29 13:26:15 mx1 postfix/smtp[4140]: send attr recipient = busy.ivan@example.com"))
        .isEqualTo(LineResult.verbose("send attr"));
  }

  @Test
  void smtpdVerboseTrace_isVerboseOutput_notProblems() {
    // sample-logs/postfix/smtpd-verbose.log (debug_peer_list = 127.0.0.1: smtpd traces its checks),
    // and the same Postfix 3.7.11 with "smtpd -v" and "cleanup -v" in master.cf
    String[][] verbose = {
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: >>> START Recipient address RESTRICTIONS <<<", ">>> START"},
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: >>> END Recipient address RESTRICTIONS <<<", ">>> END"},
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: >>> CHECKING Recipient address VALIDATION MAPS <<<", ">>> CHECKING"},
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: fsspace: .: block size 4096, blocks free 20499164", "fsspace"},
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: smtpd_check_addr: addr=alice@smtplog.test", "smtpd_check_addr"},
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: match_list_match: 127.0.0.1: no match", "match_list_match"},
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: private/rewrite socket: wanted attribute: (list terminator)",
          "private/"},
      {"Dec 01 19:46:47 mx1 postfix/smtpd[29769]: before input_transp_cleanup: cleanup flags ="
          + " enable_header_body_filter enable_automatic_bcc enable_address_mapping enable_milters",
          "before input_transp_cleanup"},
      {"Dec 01 19:42:09 mx1 postfix/smtpd[21049]: Compiled against Berkeley DB: 5.3.28?", "Compiled against"},
      {"Dec 01 19:42:09 mx1 postfix/smtpd[21049]: unknown_address_tempfail_action = defer_if_permit",
          "unknown_address_tempfail_action"},
      {"Dec 01 19:42:09 mx1 postfix/smtpd[21049]: process generation: 4 (4)", "process generation:"},
      {"Dec 01 19:42:09 mx1 postfix/cleanup[21052]: initial envelope S alice@smtplog.test", "initial envelope"},
      {"Dec 01 19:42:09 mx1 postfix/cleanup[21052]: open incoming/3B30C20C882", "open incoming/"},
      {"Dec 01 19:42:09 mx1 postfix/cleanup[21052]: cleanup socket: wanted attribute: flags", "socket"},
      {"Dec 01 19:42:14 mx1 postfix/cleanup[21052]: rewrite stream disconnect", "stream disconnect"},
    };
    for (String[] line : verbose) {
      assertThat(parse(line[0])).as(line[0]).isEqualTo(LineResult.verbose(line[1]));
    }
    // tls/tls_certkey.c tls_set_ca_certificate_info(), an info note (before Postfix 3.0 "Certificate")
    assertThat(parse("Dec 01 19:42:09 mx1 postfix/smtpd[21049]: cannot load Certification Authority data,"
        + " CAfile=\"/etc/ssl/missing.pem\": disabling TLS support"))
        .isEqualTo(LineResult.freeText("cannot load Certification Authority data"));
    assertThat(parse("Mar  2 09:44:33 mx postfix/smtpd[812]: cannot load Certificate Authority data"))
        .isEqualTo(LineResult.freeText("cannot load Certificate Authority data"));
  }

  @Test
  void unknownRecordsThatAreNoTrace_stayProblems() {
    // sergeymakinen/postfix_exporter test data (sample-logs/broken), and a delivery record cut short
    assertThat(problemKind("Jan 1 00:00:00 hostname postfix/smtpd[12345]: Unsupported"))
        .isEqualTo(ProblemKind.UNKNOWN_LINE);
    assertThat(problemKind("Jan 1 00:00:00 hostname postfix/smtp[12345]: 123456789AB: user@example.com,"
        + " relay=example.com[123.45.67.89]:25, delay=2, delays=0.1/0/1.1/0.8, dsn=2.0.0, status=sent (250 OK)"))
        .isEqualTo(ProblemKind.UNKNOWN_LINE);
    assertThat(problemKind("Dec 01 19:46:47 mx1 postfix/smtpd[29769]: NOQUEUE: something new: RCPT from"
        + " unknown[127.0.0.1]: 554 5.7.1 <blocked@example.com>")).isEqualTo(ProblemKind.UNKNOWN_LINE);
  }

  @Test
  void recordsCutAfterTheQueueId_areTruncated() {
    // Postfix README_FILES wrap their examples; a copied first half looks like this
    assertThat(problemKind("Nov  3 16:04:31 myname postfix/smtp[30840]: 19B6B2900FE:")).isEqualTo(ProblemKind.TRUNCATED);
    assertThat(problemKind("Dec  4 04:30:09 hostname postfix/smtpd[58549]: NOQUEUE: reject:"))
        .isEqualTo(ProblemKind.TRUNCATED);
  }

  @Test
  void smtpdCheckVerboseNotes_areVerbose() {
    assertThat(parse("Jan  1 00:00:00 host postfix/smtpd[1]: mapping DSN status 4.1.1 into Client host status 4.0.0"))
        .isEqualTo(LineResult.verbose("mapping DSN status"));
  }

  @Test
  void multiInstanceAndServiceNames_areThePostfixProgramAndItsInstance() {
    DeliveryAttempt out = event("May  1 10:00:02 mx1 postfix-out/smtp[2211]: 4BxQ2k0fJmz9v: to=<bob@example.org>,"
        + " relay=mx.example.org[198.51.100.7]:25, delay=1.3, delays=0.1/0.01/0.72/0.47, dsn=2.0.0, status=sent"
        + " (250 2.0.0 OK)", DeliveryAttempt.class);
    assertThat(out.process().instance()).isEqualTo("postfix-out");
    assertThat(out.process().program()).isEqualTo("smtp");
    SessionStarted renamed = event("May  1 10:00:00 mx1 mta-in/smtpd[7]: connect from a.example[192.0.2.1]",
        SessionStarted.class);
    assertThat(renamed.process().tag()).isEqualTo("mta-in/smtpd");
    DeliveryAttempt relay = event("May  1 10:00:02 mx1 postfix/relay/smtp[2212]: 4BxQ2k0fJmz9v: to=<c@example.org>,"
        + " relay=mx.example.org[198.51.100.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 OK)",
        DeliveryAttempt.class);
    assertThat(relay.process().instance()).isEqualTo("postfix/relay");
    assertThat(parse("May  1 10:00:00 mx1 dovecot/imap[7]: connect from a.example[192.0.2.1]"))
        .isEqualTo(new LineResult.Skipped(SkipReason.OTHER_PROGRAM, "imap"));
  }

  @Test
  void otherPrograms_areCountedAsOther() {
    LineResult r = parse("Jul  5 06:52:01 prd-mx1 spamd[11526]: spamd: identified spam (9.3/5.0) for nagios:1209");
    assertThat(r).isEqualTo(new LineResult.Skipped(SkipReason.OTHER_PROGRAM, "spamd"));
  }

  @Test
  void unknownAndTruncatedPostfixLines_areProblems() {
    assertThat(problemKind("Jan 1 00:00:00 hostname postfix/smtp[12345]: Unsupported")).isEqualTo(ProblemKind.UNKNOWN_LINE);
    assertThat(problemKind("May  9 22:08:58 nipple postfix/local[2330]: 5082D53AD0: to=<wietse@porcupine.org"))
        .isEqualTo(ProblemKind.TRUNCATED);
    assertThat(problemKind("Apr  5 17:54:50 strand postfix/smtp[10841]: 98AEDA06BC: to=<cram@domain.tld>,"
        + " relay=smtp.domain.tld[10.50.107.12]:2525, delay=2.1, delays=1.2/0.08/0.25/0.48, dsn=2.0.0, status=sent"
        + " (250 2.0.0 Ok: queued as 7E53")).isEqualTo(ProblemKind.TRUNCATED);
    assertThat(problemKind("Jan 1 00:00:00 hostname postfix1[12345]: foo")).isEqualTo(ProblemKind.UNKNOWN_LINE);
    assertThat(problemKind("Jan 1 00:00:00 hostname postfix/smtp[12345]: 123456789AB: to=<u@example.com>,"
        + " relay=example.com[192.0.2.1]:25, delay=x, status=sent (ok)")).isEqualTo(ProblemKind.BAD_FIELD);
  }

  private static ProblemKind problemKind(String line) {
    LineResult r = parse(line);
    assertThat(r).as(line).isInstanceOf(LineResult.Malformed.class);
    LineResult.Malformed m = (LineResult.Malformed) r;
    assertThat(m.problem().source().toString()).isEqualTo("test.log:7");
    return m.problem().kind();
  }

  @Test
  void linesOfOneMessageAndSession_shareQueueIdProcessAndPeers() {
    // one parser reads a chunk: the lines of a message and of a session share what they repeat
    PostfixMessageParser postfix = new PostfixMessageParser();
    SyslogLineParser lines = new SyslogLineParser(
        new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2025, 12)), List.of(postfix));
    Function<String, MailEvent> read =
        line -> ((LineResult.Parsed) lines.parse(line, new SourceRef("test.log", 1))).event();
    SessionStarted connect = (SessionStarted) read.apply(
        "Dec 30 00:00:01 mx1 postfix/smtpd[1002]: connect from mail2481.client72.example[198.51.81.98]");
    MessageReceived client = (MessageReceived) read.apply(
        "Dec 30 00:00:01 mx1 postfix/smtpd[1002]: 143E6D03920: client=mail2481.client72.example[198.51.81.98]");
    MessageIdentified id = (MessageIdentified) read.apply("Dec 30 00:00:01 mx1 postfix/cleanup[1006]: 143E6D03920:"
        + " message-id=<1767052801.143E6D03920@mail2481.client72.example>");
    SessionEnded disconnect = (SessionEnded) read.apply("Dec 30 00:00:01 mx1 postfix/smtpd[1002]: disconnect from"
        + " mail2481.client72.example[198.51.81.98] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5");
    DeliveryAttempt first = (DeliveryAttempt) read.apply("Dec 30 00:00:02 mx1 postfix/smtp[1009]: 143E6D03920:"
        + " to=<user46359@gmail.com>, relay=mx2.gmail.com[203.0.116.1]:25, delay=0.46, delays=0.24/0.01/0.08/0.13,"
        + " dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9022BA49026)");
    DeliveryAttempt second = (DeliveryAttempt) read.apply("Dec 30 00:00:03 mx1 postfix/smtp[1020]: 9F62526E96C:"
        + " to=<user31198@gmail.com>, relay=mx2.gmail.com[203.0.116.1]:25, delay=0.78, delays=0/0/0.36/0.42,"
        + " dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1F828BB93C4)");
    MessageRemoved removed = (MessageRemoved) read.apply("Dec 30 00:00:02 mx1 postfix/qmgr[900]: 143E6D03920: removed");

    assertThat(id.queueId()).isSameAs(client.queueId());
    assertThat(first.queueId()).isSameAs(client.queueId());
    assertThat(removed.queueId()).isSameAs(client.queueId());
    assertThat(second.queueId().value()).isEqualTo("9F62526E96C");
    assertThat(client.process()).isSameAs(connect.process());
    assertThat(disconnect.process()).isSameAs(connect.process());
    assertThat(id.process()).isNotEqualTo(connect.process());
    assertThat(client.client().orElseThrow()).isSameAs(connect.client());
    assertThat(disconnect.client()).isSameAs(connect.client());
    assertThat(connect.client().toString()).isEqualTo("mail2481.client72.example[198.51.81.98]");
    assertThat(second.relayPeer()).isSameAs(first.relayPeer());
    assertThat(second.relay()).isEqualTo("mx2.gmail.com[203.0.116.1]:25");
    assertThat(second.relayPeer().orElseThrow().port()).isEqualTo(25);
  }

}
