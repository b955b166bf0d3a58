package io.smtplog.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.exim.EximLineParser;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.Recorder;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Exim messages put together by message id, with lines of the generated Exim sample. */
class EximCorrelationTest {
  private final Recorder recorder = new Recorder();
  private final MailCorrelator correlator = new MailCorrelator(recorder);

  private void read(EximLineParser.LogKind kind, String file, String... lines) {
    EximLineParser parser = new EximLineParser(ZoneOffset.UTC, kind, "");
    for (int i = 0; i < lines.length; i++) {
      if (parser.parse(lines[i], new SourceRef(file, i + 1)) instanceof LineResult.Parsed p) {
        correlator.accept(p.event());
      }
    }
  }

  private RecipientOutcome outcome(String recipient) {
    return recorder.recipients().stream().filter(o -> o.recipient().equals(recipient)).findFirst().orElseThrow();
  }

  @Test
  void aDeferralAfterRcpt_thenDelivery_isDeliveredWithTheLastAttemptsReply() {
    read(EximLineParser.LogKind.MAIN, "mainlog",
        "2026-11-29 15:19:23.000 [1] 1xXggV-0001H2-2o <= bob@smtplog.test H=(client.smtplog.test)"
            + " [127.0.0.1]:45620 I=[127.0.0.1]:25 P=esmtp S=474 id=1@vm",
        "2026-11-29 15:19:23.100 [2] 1xXggV-0001H2-2o == ivan@example.com R=sink T=remote_smtp defer (-44)"
            + " H=127.0.0.2 [127.0.0.2]:2525 I=[127.0.0.1]:35832 DT=0.000s: SMTP error from remote mail server"
            + " after RCPT TO:<ivan@example.com>: 450 4.2.1 Mailbox busy, try again later",
        "2026-11-29 15:19:33.100 [3] 1xXggV-0001H2-2o == ivan@example.com routing defer (-52) DT=0.000s:"
            + " retry time not reached",
        "2026-11-29 15:19:43.100 [4] 1xXggV-0001H2-2o => ivan@example.com F=<bob@smtplog.test> R=sink"
            + " T=remote_smtp S=479 H=127.0.0.2 [127.0.0.2]:2525 C=\"250 2.0.0 Ok: message accepted\" QT=20s",
        "2026-11-29 15:19:43.200 [4] 1xXggV-0001H2-2o Completed QT=20s");
    correlator.finish();
    RecipientOutcome o = outcome("ivan@example.com");
    assertThat(o.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(o.deferrals()).as("the skipped retry is no attempt").isEqualTo(1);
    assertThat(o.rcptReply()).as("the last attempt's, which showed no RCPT reply").isEmpty();
    assertThat(o.finalReply()).map(r -> r.code().value()).contains(250);
    assertThat(o.relayedThrough()).isTrue();
    assertThat(recorder.messages()).singleElement().satisfies(m -> {
      assertThat(m.complete()).isTrue();
      assertThat(m.message().sender()).contains("bob@smtplog.test");
      assertThat(m.message().sizeBytes()).hasValue(474);
    });
  }

  @Test
  void aliases_countForTheAddressedDomain_withTheFinalAddressAsForwardTarget() {
    read(EximLineParser.LogKind.MAIN, "mainlog",
        "2026-11-29 15:23:27.625 [7184] 1xXgkR-0001rs-20 <= dave@smtplog.test H=(c) [127.0.0.1]:51360 P=esmtp S=464",
        "2026-11-29 15:23:27.636 [7185] 1xXgkR-0001rs-20 => root <team@smtplog.test> F=<dave@smtplog.test>"
            + " R=localuser T=local_delivery S=624 QT=0.010s DT=0.001s",
        "2026-11-29 15:23:27.640 [7185] 1xXgkR-0001rs-20 => alice@example.com <team@smtplog.test>"
            + " F=<dave@smtplog.test> R=sink T=remote_smtp S=483 H=127.0.0.2 [127.0.0.2]:2525 C=\"250 2.0.0 Ok\"",
        "2026-11-29 15:23:27.650 [7186] 1xXgkR-0001rs-20 => carol <carol@smtplog.test> R=localuser T=local_delivery",
        "2026-11-29 15:23:27.660 [7185] 1xXgkR-0001rs-20 Completed QT=0.015s");
    correlator.finish();
    // team@ is one recipient, delivered to root (a bare local part, qualified with the domain the
    // mail was addressed to) and to alice@example.com: both are its forward targets.
    assertThat(recorder.recipients()).hasSize(2);
    RecipientOutcome team = recorder.recipients().stream()
        .filter(o -> o.origRecipient().orElse("").equals("team@smtplog.test")).findFirst().orElseThrow();
    assertThat(team.domain()).isEqualTo("smtplog.test");
    assertThat(team.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(team.finalAddresses()).containsExactly("root@smtplog.test", "alice@example.com");
    assertThat(team.forwardTargets()).containsExactly("root@smtplog.test", "alice@example.com");
    assertThat(team.relayedThrough()).as("the address was rewritten").isFalse();
    assertThat(team.attempts()).isEqualTo(2);
    assertThat(outcome("carol@smtplog.test").forwardTargets()).as("the local part of the same address").isEmpty();
    assertThat(outcome("carol@smtplog.test").local()).isTrue();
  }

  @Test
  void retryTimeout_expires_and_rcpt551_keepsItsForwardPath() {
    read(EximLineParser.LogKind.MAIN, "mainlog",
        "2026-11-29 15:19:24 [1] 1xXggW-0001HA-1B <= bob@smtplog.test H=(c) [127.0.0.1]:1 P=esmtp S=1",
        "2026-11-29 15:19:24 [2] 1xXggW-0001HA-1B == full@example.net R=sink T=remote_smtp defer (-44)"
            + " H=127.0.0.2 [127.0.0.2]:2525: SMTP error from remote mail server after RCPT TO:<full@example.net>:"
            + " 452 4.2.2 Insufficient system storage",
        "2026-11-29 15:20:10 [3] 1xXggW-0001HA-1B ** full@example.net: retry timeout exceeded",
        "2026-11-29 15:20:10 [3] 1xXggW-0001HA-1B Completed",
        "2026-11-29 15:19:25 [4] 1xXggW-0001HL-2m <= carol@smtplog.test H=(c) [127.0.0.1]:2 P=esmtp S=1",
        "2026-11-29 15:19:25 [5] 1xXggW-0001HL-2m ** moved.peggy@example.org F=<carol@smtplog.test> R=sink"
            + " T=remote_smtp H=127.0.0.2 [127.0.0.2]:2525 I=[127.0.0.1]:35850: SMTP error from remote mail server"
            + " after RCPT TO:<moved.peggy@example.org>: 551 5.1.6 User not local; please try"
            + " <moved.peggy@new.example.org>",
        "2026-11-29 15:19:25 [5] 1xXggW-0001HL-2m Completed");
    correlator.finish();
    assertThat(outcome("full@example.net").status()).isEqualTo(RecipientStatus.EXPIRED);
    RecipientOutcome moved = outcome("moved.peggy@example.org");
    assertThat(moved.status()).isEqualTo(RecipientStatus.BOUNCED);
    assertThat(moved.rcptReply().flatMap(ReplyClassifier::forwardPath)).contains("moved.peggy@new.example.org");
  }

  @Test
  void aRejectInMainlogAndRejectlog_countsOnce_andEnvelopeToNamesTheRecipientsOfAnAfterDataReject() {
    String rcptReject = "2026-11-29 15:19:27.348 [4969] H=(client.smtplog.test) [127.0.0.1]:51432 I=[127.0.0.1]:25"
        + " F=<alice@smtplog.test> rejected RCPT <blocked@example.com>: Recipient blocked by local policy";
    String dataReject = "2026-11-29 15:19:27.594 [4971] 1xXggZ-0001IB-1u H=(client.smtplog.test) [127.0.0.1]:51448"
        + " I=[127.0.0.1]:25 F=<alice@smtplog.test> rejected after DATA: Your message looks like spam";
    read(EximLineParser.LogKind.MAIN, "mainlog", rcptReject, dataReject);
    read(EximLineParser.LogKind.REJECT, "rejectlog", rcptReject, dataReject,
        "Envelope-from: <alice@smtplog.test>",
        "Envelope-to: <xavier@example.com>",
        "    <yann@example.com>",
        "P Received: from [127.0.0.1] (port=51448 helo=client.smtplog.test)",
        "F From: alice@smtplog.test");
    correlator.finish();
    assertThat(recorder.recipients()).extracting(RecipientOutcome::recipient)
        .containsExactlyInAnyOrder("blocked@example.com", "xavier@example.com", "yann@example.com");
    assertThat(recorder.observations()).as("each reject once, before any consumer").hasSize(2);
    assertThat(recorder.recipients()).allSatisfy(o -> assertThat(o.status()).isEqualTo(RecipientStatus.REJECTED));
  }
}
