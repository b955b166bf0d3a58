package io.smtplog.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.postfix.PostfixMessageParser;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.Recorder;
import io.smtplog.core.outcome.ReplySource;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailCorrelatorTest {
  private final Recorder recorder = new Recorder();

  private void feed(MailCorrelator correlator, String... lines) {
    SyslogLineParser parser = new SyslogLineParser(new SyslogHeaderParser(ZoneOffset.UTC,
        YearResolver.startingIn(2026, 1)), List.of(new PostfixMessageParser()));
    int n = 0;
    for (String line : lines) {
      LineResult r = parser.parse(line, new SourceRef("t.log", ++n));
      if (r instanceof LineResult.Parsed p) {
        correlator.accept(p.event());
      } else {
        throw new AssertionError(line + " -> " + r);
      }
    }
  }

  @Test
  void rcptTime251_fromTheTranscript_isAttachedToTheDelivery() {
    // sample-logs/postfix/loopback-relay.log, fwd.erin@example.net
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c,
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: > 127.0.0.2[127.0.0.2]:2525: MAIL FROM:<alice@smtplog.test> SIZE=441",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: < 127.0.0.2[127.0.0.2]:2525: 250 OK",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: > 127.0.0.2[127.0.0.2]:2525: RCPT TO:<fwd.erin@example.net>",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: < 127.0.0.2[127.0.0.2]:2525: 251 2.1.5 User not local; will forward to"
            + " <fwd.erin@forward.example.net>",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: > 127.0.0.2[127.0.0.2]:2525: DATA",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: < 127.0.0.2[127.0.0.2]:2525: 354 End data with <CR><LF>.<CR><LF>",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: > 127.0.0.2[127.0.0.2]:2525: .",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: < 127.0.0.2[127.0.0.2]:2525: 250 2.0.0 Ok: message accepted",
        "Nov 29 13:28:45 mx1 postfix/smtp[4935]: 4D65720C173: to=<fwd.erin@example.net>, relay=127.0.0.2[127.0.0.2]:2525,"
            + " delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: message accepted)",
        "Nov 29 13:28:45 mx1 postfix/qmgr[4928]: 4D65720C173: removed");
    assertThat(recorder.recipients()).hasSize(1);
    RecipientOutcome o = recorder.recipients().get(0);
    assertThat(o.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(o.rcptReply().orElseThrow().code().value()).isEqualTo(251);
    assertThat(o.rcptReply().orElseThrow().text()).isEqualTo("User not local; will forward to <fwd.erin@forward.example.net>");
    assertThat(o.finalReply().orElseThrow().code().value()).isEqualTo(250);
    assertThat(o.domain()).isEqualTo("example.net");
    assertThat(o.relay().orElseThrow().toString()).isEqualTo("127.0.0.2[127.0.0.2]:2525");
  }

  @Test
  void deferredRecipientOfAnExpiredMessage_isExpired_withItsDeferrals() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c,
        "Nov 29 13:26:15 mx1 postfix/smtp[4140]: B9B1C20C1FC: to=<victor@unreachable.example>, relay=none, delay=0,"
            + " delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.2[127.0.0.2]:2626: Connection refused)",
        "Nov 29 13:26:32 mx1 postfix/smtp[4186]: B9B1C20C1FC: to=<victor@unreachable.example>, relay=none, delay=17,"
            + " delays=17/0.01/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.2[127.0.0.2]:2626: Connection refused)",
        "Nov 29 13:27:32 mx1 postfix/qmgr[4132]: B9B1C20C1FC: from=<carol@smtplog.test>, status=expired, returned to sender",
        "Nov 29 13:27:32 mx1 postfix/qmgr[4132]: B9B1C20C1FC: removed");
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.EXPIRED);
      assertThat(o.deferrals()).isEqualTo(2);
      assertThat(o.relay()).isEmpty();
    });
  }

  @Test
  void deferredThenDelivered_isDelivered_andUnfinishedMessagesStayDeferred() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c,
        "Nov 29 10:00:00 mx1 postfix/smtp[1]: AAAAAA0001: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25,"
            + " delay=1, delays=0/0/0/1, dsn=4.2.1, status=deferred (host mx.example.com[192.0.2.1] said: 450 4.2.1 busy"
            + " (in reply to RCPT TO command))",
        "Nov 29 10:10:00 mx1 postfix/smtp[1]: AAAAAA0001: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25,"
            + " delay=600, delays=599/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
        "Nov 29 10:10:00 mx1 postfix/qmgr[2]: AAAAAA0001: removed",
        "Nov 29 10:00:00 mx1 postfix/smtp[1]: AAAAAA0002: to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25,"
            + " delay=1, delays=0/0/0/1, dsn=4.2.1, status=deferred (host mx.example.com[192.0.2.1] said: 450 4.2.1 busy"
            + " (in reply to RCPT TO command))");
    assertThat(recorder.recipients()).hasSize(1);
    assertThat(recorder.recipients().get(0).status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(recorder.recipients().get(0).deferrals()).isEqualTo(1);
    c.finish();
    assertThat(recorder.recipients()).hasSize(2);
    assertThat(recorder.recipients().get(1).status()).isEqualTo(RecipientStatus.DEFERRED);
  }

  @Test
  void contentFilterHop_countsOnlyTheReinjectedCopy() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c,
        "Nov 29 10:00:00 mx1 postfix/smtpd[10]: 4BxQ2k0fJmz9v: client=client.example[192.0.2.10]",
        "Nov 29 10:00:01 mx1 postfix/smtpd[11]: 4BxQ7p3Jx2z1c: client=localhost[127.0.0.1],"
            + " orig_queue_id=4BxQ2k0fJmz9v, orig_client=client.example[192.0.2.10]",
        "Nov 29 10:00:01 mx1 postfix/smtp[12]: 4BxQ2k0fJmz9v: to=<bob@example.org>, relay=127.0.0.1[127.0.0.1]:10024,"
            + " delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4BxQ7p3Jx2z1c)",
        "Nov 29 10:00:01 mx1 postfix/qmgr[2]: 4BxQ2k0fJmz9v: removed",
        "Nov 29 10:00:02 mx1 postfix/smtp[13]: 4BxQ7p3Jx2z1c: to=<bob@example.org>, relay=mx.example.org[198.51.100.7]:25,"
            + " delay=2, delays=0/0/1/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
        "Nov 29 10:00:02 mx1 postfix/qmgr[2]: 4BxQ7p3Jx2z1c: removed");
    c.finish();
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.queueId().orElseThrow().value()).isEqualTo("4BxQ7p3Jx2z1c");
      assertThat(o.relay().orElseThrow().hostname()).isEqualTo("mx.example.org");
    });
  }

  @Test
  void rejects_countOncePerRecipientAndSession() {
    MailCorrelator c = new MailCorrelator(recorder);
    String reject = "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: reject: RCPT from unknown[127.0.0.5]: 454 4.7.1"
        + " <someone@example.com>: Relay access denied; from=<stranger@example.net> to=<someone@example.com>"
        + " proto=ESMTP helo=<client.smtplog.test>";
    feed(c, "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.5]", reject, reject,
        "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: disconnect from unknown[127.0.0.5] ehlo=1 mail=1 rcpt=0/2 quit=1"
            + " commands=3/5",
        "Nov 29 13:28:47 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.5]", reject,
        "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: reject_warning: RCPT from unknown[127.0.0.5]: 450 4.7.1 x;"
            + " from=<s@example.net> to=<t@example.com> proto=ESMTP helo=<h>");
    assertThat(recorder.recipients()).hasSize(2).allSatisfy(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.REJECTED);
      assertThat(o.finalReply().orElseThrow().code().value()).isEqualTo(454);
    });
  }

  @Test
  void messageOutcome_collectsClientIdSenderSizeAndRecipients_sessionOutcome_itsMessagesAndRefusals() {
    MailCorrelator c = new MailCorrelator(recorder);
    // sample-logs/postfix/loopback-relay.log: the team@ alias, forwarded as a new message
    feed(c,
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.1]",
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: D42F520C18F: client=unknown[127.0.0.1]",
        "Nov 29 13:28:45 mx1 postfix/cleanup[4934]: D42F520C18F: message-id=<20261129132845.004946@vm>",
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 554 5.7.1"
            + " <blocked@example.com>: Recipient address rejected: blocked; from=<alice@smtplog.test>"
            + " to=<blocked@example.com> proto=ESMTP helo=<client.smtplog.test>",
        "Nov 29 13:28:45 mx1 postfix/qmgr[4928]: D42F520C18F: from=<dave@smtplog.test>, size=438, nrcpt=1 (queue active)",
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: disconnect from unknown[127.0.0.1] ehlo=1 mail=1 rcpt=1/2 data=1"
            + " quit=1 commands=5/6",
        "Nov 29 13:28:45 mx1 postfix/local[4947]: D42F520C18F: to=<root@smtplog.test>, orig_to=<team@smtplog.test>,"
            + " relay=local, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)",
        "Nov 29 13:28:45 mx1 postfix/local[4947]: D42F520C18F: to=<team@smtplog.test>, relay=local, delay=0,"
            + " delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as D4C4020C190)",
        "Nov 29 13:28:46 mx1 postfix/qmgr[4928]: D42F520C18F: removed",
        "Nov 29 13:29:22 mx1 postfix/bounce[5024]: D42F520C18F: sender delay notification: A568D20C007",
        "Nov 29 13:29:22 mx1 postfix/local[4947]: A568D20C007: to=<dave@smtplog.test>, relay=local, delay=0.01,"
            + " delays=0/0/0/0, dsn=5.1.1, status=bounced (unknown user: \"dave\")",
        "Nov 29 13:29:22 mx1 postfix/qmgr[4928]: A568D20C007: removed");
    c.finish();
    assertThat(recorder.sessions()).singleElement().satisfies(s -> {
      assertThat(s.client().address()).isEqualTo("127.0.0.1");
      assertThat(s.messages()).extracting(Object::toString).containsExactly("D42F520C18F");
      assertThat(s.refusals()).isEqualTo(1);
      assertThat(s.end()).isPresent();
      assertThat(s.commandStats()).endsWith("commands=5/6");
    });
    List<MessageOutcome> messages = recorder.messages();
    assertThat(messages).extracting(m -> m.queueId().value())
        .containsExactly("A568D20C007", "D42F520C18F", "D4C4020C190");
    MessageOutcome m = messages.get(1);
    assertThat(m.message().client().orElseThrow().address()).isEqualTo("127.0.0.1");
    assertThat(m.message().messageId()).hasValue("<20261129132845.004946@vm>");
    assertThat(m.message().sender()).hasValue("dave@smtplog.test");
    assertThat(m.message().sizeBytes()).hasValue(438);
    assertThat(m.recipientCount()).hasValue(1);
    assertThat(m.complete()).isTrue();
    assertThat(m.receivedNew()).isTrue();
    assertThat(m.recipients()).as("team@ waits for its forwarded copy").isEmpty();
    assertThat(m.recipientDomains()).containsExactly("smtplog.test");
    assertThat(messages.get(0).notificationOf().map(Object::toString)).as("notification linked to its parent")
        .hasValue("D42F520C18F");
    // team@ is one recipient: the alias delivered it to root@ and sent it on as the new message
    // D4C4020C190, whose lines are not in this input; it counts once, delivered (the forward
    // happened), with the copy's message outcome.
    MessageOutcome copy = messages.get(2);
    assertThat(copy.copyOf().map(Object::toString)).hasValue("D42F520C18F");
    assertThat(copy.recipients()).singleElement().satisfies(o -> {
      assertThat(o.origRecipient().orElse(o.recipient())).isEqualTo("team@smtplog.test");
      assertThat(o.status()).isEqualTo(RecipientStatus.DELIVERED);
      assertThat(o.forwards()).isEqualTo(1);
      assertThat(o.finalAddresses()).containsExactly("root@smtplog.test", "team@smtplog.test");
      assertThat(o.forwardTargets()).containsExactly("root@smtplog.test");
      assertThat(o.message().sender()).hasValue("dave@smtplog.test");
    });
    assertThat(recorder.recipients()).extracting(RecipientOutcome::status).containsExactly(RecipientStatus.REJECTED,
        RecipientStatus.BOUNCED, RecipientStatus.DELIVERED);
  }

  @Test
  void eviction_spares_aMessageStillBeingRetried() {
    MailCorrelator c = new MailCorrelator(recorder, 2);
    String deferred = " relay=none, delay=1, delays=0/0/0/1, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25:"
        + " Connection refused)";
    feed(c, "Nov 29 10:00:00 mx1 postfix/smtp[1]: ABCDEF000A: to=<a@example.com>," + deferred,
        "Nov 29 10:00:01 mx1 postfix/smtp[1]: ABCDEF000B: to=<b@example.com>," + deferred,
        "Nov 29 10:10:00 mx1 postfix/smtp[1]: ABCDEF000A: to=<a@example.com>," + deferred,
        "Nov 29 10:10:01 mx1 postfix/smtp[1]: ABCDEF000C: to=<c@example.com>," + deferred);
    assertThat(recorder.recipients()).extracting(RecipientOutcome::recipient).containsExactly("b@example.com");
    c.finish();
    assertThat(recorder.recipients()).extracting(RecipientOutcome::recipient)
        .containsExactlyInAnyOrder("b@example.com", "a@example.com", "c@example.com");
    assertThat(recorder.recipients().stream().filter(o -> o.recipient().equals("a@example.com")).findFirst().orElseThrow()
        .deferrals()).isEqualTo(2);
  }

  @Test
  void openMessages_areBounded_andFinishedEarly() {
    MailCorrelator c = new MailCorrelator(recorder, 2);
    for (int i = 0; i < 5; i++) {
      feed(c, "Nov 29 10:00:00 mx1 postfix/smtp[1]: ABCDEF000" + i + ": to=<u" + i + "@example.com>, relay=none,"
          + " delay=1, delays=0/0/0/1, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)");
    }
    assertThat(recorder.recipients()).hasSize(3);
    assertThat(c.evictedEarly()).isEqualTo(3);
    c.finish();
    assertThat(recorder.recipients()).hasSize(5);
  }

  // content-filter.log: message 3980B20C66B handed to the filter on :10026, re-injected as 3F5ED20C66D.
  private static final String RECEIVED = "Nov 29 14:22:34 mx1 postfix/smtpd[29658]: 3980B20C66B: client=unknown[127.0.0.1]";
  private static final String QUEUED = "Nov 29 14:22:34 mx1 postfix/qmgr[29653]: 3980B20C66B: from=<alice@smtplog.test>,"
      + " size=426, nrcpt=1 (queue active)";
  private static final String COPY_RECEIVED_XFORWARD = "Nov 29 14:22:34 mx1 postfix/reinject/smtpd[29664]: 3F5ED20C66D:"
      + " client=unknown[127.0.0.1], orig_queue_id=3980B20C66B, orig_client=unknown[127.0.0.1]";
  private static final String COPY_RECEIVED = "Nov 29 14:22:34 mx1 postfix/reinject/smtpd[29664]: 3F5ED20C66D:"
      + " client=unknown[127.0.0.1]";
  private static final String COPY_QUEUED = "Nov 29 14:22:34 mx1 postfix/qmgr[29653]: 3F5ED20C66D:"
      + " from=<alice@smtplog.test>, size=602, nrcpt=1 (queue active)";
  private static final String HOP = "Nov 29 14:22:34 mx1 postfix/filter/smtp[29662]: 3980B20C66B: to=<bob@example.com>,"
      + " relay=127.0.0.1[127.0.0.1]:10026, delay=0.03, delays=0.01/0.01/0.01/0, dsn=2.0.0,"
      + " status=sent (250 2.0.0 Ok: queued as 3F5ED20C66D)";
  private static final String HOP_DEFERRED = "Nov 29 14:22:33 mx1 postfix/filter/smtp[29662]: 3980B20C66B:"
      + " to=<bob@example.com>, relay=127.0.0.1[127.0.0.1]:10026, delay=0.02, delays=0.01/0.01/0/0, dsn=4.3.0,"
      + " status=deferred (host 127.0.0.1[127.0.0.1] said: 451 4.3.0 Error: queue file write error (in reply to end"
      + " of DATA command))";
  private static final String REMOVED = "Nov 29 14:22:34 mx1 postfix/qmgr[29653]: 3980B20C66B: removed";
  private static final String COPY_DELIVERED = "Nov 29 14:22:34 mx1 postfix/smtp[29665]: 3F5ED20C66D: to=<bob@example.com>,"
      + " relay=127.0.0.2[127.0.0.2]:2525, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: message"
      + " accepted)";
  private static final String COPY_REMOVED = "Nov 29 14:22:34 mx1 postfix/qmgr[29653]: 3F5ED20C66D: removed";

  private void assertOneDeliveredThroughOneHop(int deferrals) {
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.recipient()).isEqualTo("bob@example.com");
      assertThat(o.status()).isEqualTo(RecipientStatus.DELIVERED);
      assertThat(o.queueId().orElseThrow().value()).isEqualTo("3F5ED20C66D");
      assertThat(o.relay().orElseThrow().toString()).isEqualTo("127.0.0.2[127.0.0.2]:2525");
      assertThat(o.hops()).isEqualTo(1);
      assertThat(o.deferrals()).isEqualTo(deferrals);
      assertThat(o.message().sizeBytes()).as("the size of the copy delivered").hasValue(602);
      assertThat(o.message().arrival()).as("the original's arrival").isPresent();
    });
    assertThat(recorder.messages()).extracting(m -> m.queueId().value() + " " + m.receivedNew())
        .containsExactlyInAnyOrder("3980B20C66B true", "3F5ED20C66D false");
  }

  @Test
  void contentFilterHop_inTheOrderPostfixWritesIt_countsOnce() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, RECEIVED, QUEUED, COPY_RECEIVED_XFORWARD, COPY_QUEUED, HOP, REMOVED, COPY_DELIVERED, COPY_REMOVED);
    c.finish();
    assertOneDeliveredThroughOneHop(0);
  }

  @Test
  void contentFilterHop_whoseCopyIsDoneBeforeTheHopLine_countsOnce_withXforward() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, RECEIVED, QUEUED, COPY_RECEIVED_XFORWARD, COPY_QUEUED, COPY_DELIVERED, COPY_REMOVED, HOP, REMOVED);
    c.finish();
    assertOneDeliveredThroughOneHop(0);
  }

  @Test
  void contentFilterHop_whoseCopyIsDoneBeforeTheHopLine_countsOnce_withoutXforward() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, RECEIVED, QUEUED, COPY_RECEIVED, COPY_QUEUED, COPY_DELIVERED, COPY_REMOVED, HOP, REMOVED);
    c.finish();
    assertOneDeliveredThroughOneHop(0);
  }

  /** The lines above with the filter on another host: it listens and re-injects at 192.0.2.25. */
  private static String remoteFilter(String line) {
    return line.replace("client=unknown[127.0.0.1]", "client=filter.example[192.0.2.25]")
        .replace("relay=127.0.0.1[127.0.0.1]:10026", "relay=filter.example[192.0.2.25]:10026");
  }

  @Test
  void filterOnAnotherHost_whoseCopyIsDoneBeforeTheHopLine_countsOnce_andOnceKnown_mergesTheHop() {
    // Mail from an ordinary client is finished at its removal, unless its client re-injected mail
    // before (a next hop that answered "queued as"). The first copy of a filter on another host,
    // done before its hop line, counts on its own: once, without the hop.
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, java.util.stream.Stream.of(RECEIVED, QUEUED, COPY_RECEIVED, COPY_QUEUED, COPY_DELIVERED, COPY_REMOVED, HOP,
        REMOVED).map(MailCorrelatorTest::remoteFilter).toArray(String[]::new));
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.DELIVERED);
      assertThat(o.queueId().orElseThrow().value()).isEqualTo("3F5ED20C66D");
      assertThat(o.hops()).isZero();
    });
    // The same filter again, with new queue ids: now known, its copy waits for the hop line.
    recorder.clear();
    feed(c, java.util.stream.Stream.of(RECEIVED, QUEUED, COPY_RECEIVED, COPY_QUEUED, COPY_DELIVERED, COPY_REMOVED, HOP,
        REMOVED).map(MailCorrelatorTest::remoteFilter).map(l -> l.replace("3980B20C66B", "4A1B20C77C")
        .replace("3F5ED20C66D", "4B2C30D88D")).toArray(String[]::new));
    c.finish();
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.queueId().orElseThrow().value()).isEqualTo("4B2C30D88D");
      assertThat(o.hops()).isEqualTo(1);
    });
  }

  @Test
  void deferralAtTheFilter_isADeferralOfTheRecipient_inEveryOrder() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, RECEIVED, QUEUED, HOP_DEFERRED, COPY_RECEIVED, COPY_QUEUED, COPY_DELIVERED, COPY_REMOVED, HOP, REMOVED);
    c.finish();
    assertOneDeliveredThroughOneHop(1);
    assertThat(recorder.attempts()).extracting(a -> a.event().status().name())
        .containsExactly("DEFERRED", "SENT", "SENT");
  }

  @Test
  void forwardedAsANewMessage_takesTheFateOfTheCopy_andCountsOnce() {
    // loopback-relay.log: team@ is sent on as D4C4020C190 to alice@example.com; here that copy bounces.
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c,
        "Nov 29 13:28:45 mx1 postfix/smtpd[4931]: D42F520C18F: client=unknown[127.0.0.1]",
        "Nov 29 13:28:45 mx1 postfix/qmgr[4928]: D42F520C18F: from=<dave@smtplog.test>, size=438, nrcpt=1 (queue active)",
        "Nov 29 13:28:45 mx1 postfix/cleanup[4934]: D4C4020C190: message-id=<20261129132845.004953@vm>",
        "Nov 29 13:28:45 mx1 postfix/local[4947]: D42F520C18F: to=<team@smtplog.test>, relay=local, delay=0,"
            + " delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as D4C4020C190)",
        "Nov 29 13:28:45 mx1 postfix/qmgr[4927]: D4C4020C190: from=<dave@smtplog.test>, size=561, nrcpt=1 (queue active)",
        "Nov 29 13:28:46 mx1 postfix/qmgr[4928]: D42F520C18F: removed",
        "Nov 29 13:28:47 mx1 postfix/smtp[4935]: D4C4020C190: to=<alice@example.com>, orig_to=<team@smtplog.test>,"
            + " relay=127.0.0.2[127.0.0.2]:2525, delay=0.01, delays=0/0/0/0.01, dsn=5.1.1, status=bounced (host"
            + " 127.0.0.2[127.0.0.2] said: 550 5.1.1 <alice@example.com>: Recipient address rejected: User unknown (in"
            + " reply to RCPT TO command))",
        "Nov 29 13:28:47 mx1 postfix/qmgr[4927]: D4C4020C190: removed");
    c.finish();
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.BOUNCED);
      assertThat(o.domain()).isEqualTo("smtplog.test");
      assertThat(o.recipient()).isEqualTo("alice@example.com");
      assertThat(o.origRecipient()).hasValue("team@smtplog.test");
      assertThat(o.forwardTarget()).hasValue("alice@example.com");
      assertThat(o.forwards()).isEqualTo(1);
      assertThat(o.rcptReply().orElseThrow().code().value()).isEqualTo(550);
      assertThat(o.rcptReplySource()).hasValue(ReplySource.RECORD);
    });
    assertThat(recorder.rcptReplies()).singleElement()
        .satisfies(r -> assertThat(r.reply().code().value()).isEqualTo(550));
  }

  @Test
  void forwardedToSeveralCopies_isDeliveredOnlyWhenEveryCopyWas() {
    MailCorrelator c = new MailCorrelator(recorder);
    String relay = ", relay=127.0.0.2[127.0.0.2]:2525, delay=0.01, delays=0/0/0/0.01, ";
    feed(c,
        "Nov 29 13:28:45 mx1 postfix/local[4947]: D42F520C18F: to=<team@smtplog.test>, relay=local, delay=0,"
            + " delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as D4C4020C190)",
        "Nov 29 13:28:45 mx1 postfix/qmgr[4928]: D42F520C18F: removed",
        "Nov 29 13:28:46 mx1 postfix/smtp[4935]: D4C4020C190: to=<alice@example.com>" + relay
            + "dsn=2.0.0, status=sent (250 2.0.0 Ok: message accepted)",
        "Nov 29 13:28:46 mx1 postfix/smtp[4935]: D4C4020C190: to=<busy.heidi@example.com>" + relay
            + "dsn=4.2.1, status=deferred (host 127.0.0.2[127.0.0.2] said: 450 4.2.1 Mailbox busy, try again later"
            + " (in reply to RCPT TO command))");
    c.finish();
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.DEFERRED);
      assertThat(o.domain()).isEqualTo("smtplog.test");
      assertThat(o.forwards()).isEqualTo(1);
    });
  }

  @Test
  void headerChecksReject_refusesEveryRecipientTheSessionsDialogueAccepted() {
    // Postfix with debug_peer_list for the client: smtpd logs the dialogue; cleanup names only bob.
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c,
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: connect from client.example[192.0.2.10]",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: < client.example[192.0.2.10]: MAIL FROM:<spam@example.net>",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: > client.example[192.0.2.10]: 250 2.1.0 Ok",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: < client.example[192.0.2.10]: RCPT TO:<bob@example.com>",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: E1A2B20C190: client=client.example[192.0.2.10]",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: > client.example[192.0.2.10]: 250 2.1.5 Ok",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: < client.example[192.0.2.10]: RCPT TO:<carol@example.com>",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: > client.example[192.0.2.10]: 250 2.1.5 Ok",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: < client.example[192.0.2.10]: RCPT TO:<dave@example.org>",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: > client.example[192.0.2.10]: 250 2.1.5 Ok",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: < client.example[192.0.2.10]: DATA",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: > client.example[192.0.2.10]: 354 End data with <CR><LF>.<CR><LF>",
        "Nov 29 15:00:01 mx1 postfix/cleanup[701]: E1A2B20C190: reject: header Subject: You won a prize from"
            + " client.example[192.0.2.10]; from=<spam@example.net> to=<bob@example.com> proto=ESMTP"
            + " helo=<client.example>: 5.7.1 Message content rejected",
        "Nov 29 15:00:01 mx1 postfix/smtpd[700]: > client.example[192.0.2.10]: 550 5.7.1 Message content rejected",
        "Nov 29 15:00:01 mx1 postfix/smtpd[700]: disconnect from client.example[192.0.2.10] ehlo=1 mail=1 rcpt=3"
            + " data=0/1 quit=1 commands=6/7");
    c.finish();
    assertThat(recorder.recipients()).extracting(o -> o.recipient() + " " + o.status())
        .containsExactly("bob@example.com REJECTED", "carol@example.com REJECTED", "dave@example.org REJECTED");
    assertThat(recorder.rcptReplies()).extracting(r -> r.recipient() + " " + r.reply().code().value()
        + " " + r.source()).containsExactly("bob@example.com 250 DEBUG_LOG", "carol@example.com 250 DEBUG_LOG",
            "dave@example.org 250 DEBUG_LOG");
  }

  @Test
  void postfixDiscard_isDiscarded_notDelivered() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, "Nov 29 15:00:00 mx1 postfix/discard[900]: 5B3C1E0A2F: to=<null@example.com>, relay=none, delay=0.1,"
        + " delays=0.09/0.01/0/0, dsn=2.0.0, status=sent (discarded by transport map)",
        "Nov 29 15:00:00 mx1 postfix/qmgr[2]: 5B3C1E0A2F: removed");
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.DISCARDED);
      assertThat(o.local()).isFalse();
      assertThat(o.relayed()).isFalse();
    });
  }

  @Test
  void inboundTls_ofTheSession_belongsToTheMessagesReceivedInIt() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, "Nov 29 15:00:00 mx1 postfix/smtpd[700]: connect from client.example[192.0.2.10]",
        "Nov 29 15:00:00 mx1 postfix/smtpd[700]: Anonymous TLS connection established from client.example[192.0.2.10]:"
            + " TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
        "Nov 29 15:00:01 mx1 postfix/smtpd[700]: E1A2B20C190: client=client.example[192.0.2.10]",
        "Nov 29 15:00:02 mx1 postfix/smtpd[700]: disconnect from client.example[192.0.2.10] ehlo=2 starttls=1 mail=1"
            + " rcpt=1 data=1 quit=1 commands=7");
    c.finish();
    assertThat(recorder.messages()).singleElement().satisfies(m -> {
      assertThat(m.message().tls()).isTrue();
      assertThat(m.message().session().map(Object::toString)).hasValue("t.log:1");
    });
    assertThat(recorder.sessions()).singleElement().satisfies(s -> assertThat(s.tls()).isTrue());
  }

  @Test
  void domains_areComparedWithoutCase() {
    MailCorrelator c = new MailCorrelator(recorder);
    feed(c, "Nov 29 10:00:00 mx1 postfix/smtp[1]: ABCDEF000A: to=<Bob@Example.COM>, relay=mx.example.com[192.0.2.1]:25,"
        + " delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)",
        "Nov 29 10:00:00 mx1 postfix/qmgr[2]: ABCDEF000A: from=<Alice@Shop.EXAMPLE>, size=10, nrcpt=1 (queue active)",
        "Nov 29 10:00:00 mx1 postfix/qmgr[2]: ABCDEF000A: removed");
    assertThat(recorder.recipients()).singleElement().satisfies(o -> {
      assertThat(o.recipient()).isEqualTo("Bob@example.com");
      assertThat(o.domain()).isEqualTo("example.com");
      assertThat(o.sender()).hasValue("Alice@shop.example");
    });
  }
}
