package io.smtplog.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.postfix.PostfixMessageParser;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.SourceRef;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailCorrelatorTest {
  private final List<RecipientOutcome> outcomes = new ArrayList<>();

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
    MailCorrelator c = new MailCorrelator(outcomes::add);
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
    assertThat(outcomes).hasSize(1);
    RecipientOutcome o = outcomes.get(0);
    assertThat(o.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(o.rcptReply().orElseThrow().code().value()).isEqualTo(251);
    assertThat(o.rcptReply().orElseThrow().text()).isEqualTo("User not local; will forward to <fwd.erin@forward.example.net>");
    assertThat(o.finalReply().orElseThrow().code().value()).isEqualTo(250);
    assertThat(o.domain()).isEqualTo("example.net");
    assertThat(o.relay().orElseThrow().toString()).isEqualTo("127.0.0.2[127.0.0.2]:2525");
  }

  @Test
  void deferredRecipientOfAnExpiredMessage_isExpired_withItsDeferrals() {
    MailCorrelator c = new MailCorrelator(outcomes::add);
    feed(c,
        "Nov 29 13:26:15 mx1 postfix/smtp[4140]: B9B1C20C1FC: to=<victor@unreachable.example>, relay=none, delay=0,"
            + " delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.2[127.0.0.2]:2626: Connection refused)",
        "Nov 29 13:26:32 mx1 postfix/smtp[4186]: B9B1C20C1FC: to=<victor@unreachable.example>, relay=none, delay=17,"
            + " delays=17/0.01/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.2[127.0.0.2]:2626: Connection refused)",
        "Nov 29 13:27:32 mx1 postfix/qmgr[4132]: B9B1C20C1FC: from=<carol@smtplog.test>, status=expired, returned to sender",
        "Nov 29 13:27:32 mx1 postfix/qmgr[4132]: B9B1C20C1FC: removed");
    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.EXPIRED);
      assertThat(o.deferrals()).isEqualTo(2);
      assertThat(o.relay()).isEmpty();
    });
  }

  @Test
  void deferredThenDelivered_isDelivered_andUnfinishedMessagesStayDeferred() {
    MailCorrelator c = new MailCorrelator(outcomes::add);
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
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(outcomes.get(0).deferrals()).isEqualTo(1);
    c.finish();
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(1).status()).isEqualTo(RecipientStatus.DEFERRED);
  }

  @Test
  void contentFilterHop_countsOnlyTheReinjectedCopy() {
    MailCorrelator c = new MailCorrelator(outcomes::add);
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
    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.queueId().orElseThrow().value()).isEqualTo("4BxQ7p3Jx2z1c");
      assertThat(o.relay().orElseThrow().hostname()).isEqualTo("mx.example.org");
    });
  }

  @Test
  void rejects_countOncePerRecipientAndSession() {
    MailCorrelator c = new MailCorrelator(outcomes::add);
    String reject = "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: reject: RCPT from unknown[127.0.0.5]: 454 4.7.1"
        + " <someone@example.com>: Relay access denied; from=<stranger@example.net> to=<someone@example.com>"
        + " proto=ESMTP helo=<client.smtplog.test>";
    feed(c, "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.5]", reject, reject,
        "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: disconnect from unknown[127.0.0.5] ehlo=1 mail=1 rcpt=0/2 quit=1"
            + " commands=3/5",
        "Nov 29 13:28:47 mx1 postfix/smtpd[4931]: connect from unknown[127.0.0.5]", reject,
        "Nov 29 13:28:46 mx1 postfix/smtpd[4931]: NOQUEUE: reject_warning: RCPT from unknown[127.0.0.5]: 450 4.7.1 x;"
            + " from=<s@example.net> to=<t@example.com> proto=ESMTP helo=<h>");
    assertThat(outcomes).hasSize(2).allSatisfy(o -> {
      assertThat(o.status()).isEqualTo(RecipientStatus.REJECTED);
      assertThat(o.finalReply().orElseThrow().code().value()).isEqualTo(454);
    });
  }

  @Test
  void messageOutcome_collectsClientIdSenderSizeAndRecipients_sessionOutcome_itsMessagesAndRefusals() {
    List<MessageOutcome> messages = new ArrayList<>();
    List<ServerSession> sessions = new ArrayList<>();
    MailCorrelator c = new MailCorrelator(new CorrelationListener() {
      @Override
      public void recipient(RecipientOutcome outcome) {
        outcomes.add(outcome);
      }

      @Override
      public void message(MessageOutcome message) {
        messages.add(message);
      }

      @Override
      public void session(ServerSession session) {
        sessions.add(session);
      }
    });
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
    assertThat(sessions).singleElement().satisfies(s -> {
      assertThat(s.client().address()).isEqualTo("127.0.0.1");
      assertThat(s.messages()).extracting(Object::toString).containsExactly("D42F520C18F");
      assertThat(s.refusals()).isEqualTo(1);
      assertThat(s.end()).isPresent();
      assertThat(s.commandStats()).endsWith("commands=5/6");
    });
    assertThat(messages).hasSize(2);
    MessageOutcome m = messages.get(0);
    assertThat(m.queueId().value()).isEqualTo("D42F520C18F");
    assertThat(m.client().orElseThrow().address()).isEqualTo("127.0.0.1");
    assertThat(m.messageId()).hasValue("<20261129132845.004946@vm>");
    assertThat(m.sender()).hasValue("dave@smtplog.test");
    assertThat(m.sizeBytes()).hasValue(438);
    assertThat(m.recipientCount()).hasValue(1);
    assertThat(m.complete()).isTrue();
    assertThat(m.recipients()).extracting(RecipientOutcome::recipient)
        .containsExactly("root@smtplog.test", "team@smtplog.test");
    assertThat(m.recipients().get(0).origRecipient()).hasValue("team@smtplog.test");
    assertThat(m.recipients()).allSatisfy(r -> assertThat(r.local()).isTrue());
    assertThat(messages.get(1).parent().map(Object::toString)).as("notification linked to its parent")
        .hasValue("D42F520C18F");
    assertThat(outcomes).extracting(RecipientOutcome::status).containsExactly(RecipientStatus.REJECTED,
        RecipientStatus.DELIVERED, RecipientStatus.DELIVERED, RecipientStatus.BOUNCED);
  }

  @Test
  void eviction_spares_aMessageStillBeingRetried() {
    MailCorrelator c = new MailCorrelator(outcomes::add, 2);
    String deferred = " relay=none, delay=1, delays=0/0/0/1, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25:"
        + " Connection refused)";
    feed(c, "Nov 29 10:00:00 mx1 postfix/smtp[1]: ABCDEF000A: to=<a@example.com>," + deferred,
        "Nov 29 10:00:01 mx1 postfix/smtp[1]: ABCDEF000B: to=<b@example.com>," + deferred,
        "Nov 29 10:10:00 mx1 postfix/smtp[1]: ABCDEF000A: to=<a@example.com>," + deferred,
        "Nov 29 10:10:01 mx1 postfix/smtp[1]: ABCDEF000C: to=<c@example.com>," + deferred);
    assertThat(outcomes).extracting(RecipientOutcome::recipient).containsExactly("b@example.com");
    c.finish();
    assertThat(outcomes).extracting(RecipientOutcome::recipient)
        .containsExactlyInAnyOrder("b@example.com", "a@example.com", "c@example.com");
    assertThat(outcomes.stream().filter(o -> o.recipient().equals("a@example.com")).findFirst().orElseThrow()
        .deferrals()).isEqualTo(2);
  }

  @Test
  void openMessages_areBounded_andFinishedEarly() {
    MailCorrelator c = new MailCorrelator(outcomes::add, 2);
    for (int i = 0; i < 5; i++) {
      feed(c, "Nov 29 10:00:00 mx1 postfix/smtp[1]: ABCDEF000" + i + ": to=<u" + i + "@example.com>, relay=none,"
          + " delay=1, delays=0/0/0/1, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)");
    }
    assertThat(outcomes).hasSize(3);
    assertThat(c.evictedEarly()).isEqualTo(3);
    c.finish();
    assertThat(outcomes).hasSize(5);
  }
}
