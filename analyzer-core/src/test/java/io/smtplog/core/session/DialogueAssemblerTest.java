package io.smtplog.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.transcript.TranscriptLineParser;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.Recorder;
import io.smtplog.core.outcome.SmtpDialogue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Transcripts put back together: pairing, data, AUTH, TLS, BDAT, sessions, and their recipients. */
class DialogueAssemblerTest {
  private final Recorder recorder = new Recorder();
  private List<SmtpDialogue> dialogues = List.of();
  private List<RecipientOutcome> recipients = List.of();

  private void read(TranscriptNotation notation, String... lines) {
    MailCorrelator correlator = new MailCorrelator(recorder);
    TranscriptLineParser parser = new TranscriptLineParser(notation, Instant.parse("2026-11-29T13:28:45Z"));
    for (int i = 0; i < lines.length; i++) {
      if (parser.parse(lines[i], new SourceRef("t.txt", i + 1)) instanceof LineResult.Parsed p) {
        correlator.accept(p.event());
      }
    }
    correlator.finish();
    dialogues = recorder.dialogues();
    recipients = recorder.recipients();
  }

  private RecipientOutcome recipient(String address) {
    return recipients.stream().filter(r -> r.recipient().equals(address)).findFirst().orElseThrow();
  }

  private static Optional<SmtpReply> replyTo(SmtpDialogue d, SmtpCommand command, int nth) {
    return d.exchanges().stream().filter(e -> e.command().orElse(null) == command).skip(nth).findFirst()
        .flatMap(DialogueExchange::reply);
  }

  @Test
  void swaksSession_eachRcptReplyDecidesItsRecipient_withForwardPaths() {
    read(TranscriptNotation.SWAKS,
        "=== Trying 127.0.0.2:2525...",
        "=== Connected to 127.0.0.2.",
        "<-  220 sink.smtplog.test ESMTP",
        " -> EHLO client.smtplog.test",
        "<-  250-sink.smtplog.test",
        "<-  250-PIPELINING",
        "<-  250 HELP",
        " -> MAIL FROM:<alice@smtplog.test>",
        "<-  250 OK",
        " -> RCPT TO:<bob@example.com>",
        "<-  250 2.1.5 Ok",
        " -> RCPT TO:<fwd.erin@example.net>",
        "<-  251 2.1.5 User not local; will forward to <fwd.erin@forward.example.net>",
        " -> RCPT TO:<moved.peggy@example.org>",
        "<** 551 5.1.6 User not local; please try <moved.peggy@new.example.org>",
        " -> RCPT TO:<full.mallory@example.net>",
        "<** 452 4.2.2 Insufficient system storage",
        " -> DATA",
        "<-  354 End data with <CR><LF>.<CR><LF>",
        " -> Subject: test",
        " -> ",
        " -> QUIT",
        " -> .",
        "<-  250 2.0.0 Ok: message accepted",
        " -> QUIT",
        "<-  221 2.0.0 Bye",
        "=== Connection closed with remote host.");
    assertThat(dialogues).hasSize(1);
    SmtpDialogue d = dialogues.get(0);
    assertThat(d.complete()).isTrue();
    assertThat(d.peer().address()).isEqualTo("127.0.0.2");
    assertThat(d.peer().port()).isEqualTo(2525);
    assertThat(replyTo(d, SmtpCommand.CONNECT, 0)).map(r -> r.code().value()).contains(220);
    assertThat(replyTo(d, SmtpCommand.EHLO, 0)).map(SmtpReply::text).contains("sink.smtplog.test\nPIPELINING\nHELP");
    DialogueExchange dataEnd = d.exchanges().stream()
        .filter(e -> e.command().orElse(null) == SmtpCommand.DATA_END).findFirst().orElseThrow();
    assertThat(dataEnd.dataLines()).as("'QUIT' inside the data is data; the final dot is not").isEqualTo(3);
    assertThat(replyTo(d, SmtpCommand.QUIT, 0)).map(r -> r.code().value()).contains(221);

    assertThat(recipients).hasSize(4);
    assertThat(recipient("bob@example.com").status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(recipient("fwd.erin@example.net").status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(recipient("fwd.erin@example.net").rcptReply().flatMap(ReplyClassifier::forwardPath))
        .contains("fwd.erin@forward.example.net");
    assertThat(recipient("moved.peggy@example.org").status()).isEqualTo(RecipientStatus.REJECTED);
    assertThat(recipient("moved.peggy@example.org").rcptReply().flatMap(ReplyClassifier::forwardPath))
        .contains("moved.peggy@new.example.org");
    assertThat(recipient("full.mallory@example.net").status()).isEqualTo(RecipientStatus.DEFERRED);
    assertThat(recipient("bob@example.com").relay()).map(p -> p.address()).contains("127.0.0.2");
    assertThat(recipient("bob@example.com").relayed()).as("a transcript's server took it: relayed").isTrue();
    assertThat(recorder.rcptReplies()).extracting(r -> r.recipient() + " " + r.reply().code().value() + " " + r.source())
        .containsExactly("bob@example.com 250 TRANSCRIPT", "fwd.erin@example.net 251 TRANSCRIPT",
            "moved.peggy@example.org 551 TRANSCRIPT", "full.mallory@example.net 452 TRANSCRIPT");
  }

  @Test
  void pipelinedCommands_arePairedWithTheirRepliesInOrder() {
    read(TranscriptNotation.RFC,
        "S: 220 mx.example.org ESMTP",
        "C: EHLO c.example",
        "S: 250 PIPELINING",
        "C: MAIL FROM:<a@example.com>",
        "C: RCPT TO:<b@example.org>",
        "C: RCPT TO:<c@example.org>",
        "C: DATA",
        "S: 250 2.1.0 Ok",
        "S: 550 5.1.1 <b@example.org>: User unknown",
        "S: 250 2.1.5 Ok",
        "S: 354 go ahead",
        "C: hello",
        "C: .",
        "S: 250 2.0.0 queued");
    assertThat(recipient("b@example.org").status()).isEqualTo(RecipientStatus.REJECTED);
    assertThat(recipient("b@example.org").rcptReply()).map(r -> r.command().orElseThrow()).contains(SmtpCommand.RCPT);
    assertThat(recipient("c@example.org").status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(dialogues.get(0).complete()).as("no QUIT: the input ended").isFalse();
  }

  @Test
  void authAnswers_areRedacted_andStartTls_marksTheRest() {
    read(TranscriptNotation.BARE,
        "220 mx ESMTP",
        "EHLO c",
        "250 STARTTLS",
        "STARTTLS",
        "220 2.0.0 Ready to start TLS",
        "EHLO c",
        "250 AUTH LOGIN",
        "AUTH LOGIN",
        "334 VXNlcm5hbWU6",
        "alice",
        "334 UGFzc3dvcmQ6",
        "hunter2",
        "235 2.7.0 Authentication successful",
        "QUIT",
        "221 Bye");
    SmtpDialogue d = dialogues.get(0);
    List<String> lines = d.exchanges().stream().flatMap(e -> e.line().stream()).toList();
    assertThat(lines).doesNotContain("alice", "hunter2").contains("[redacted]");
    assertThat(d.exchanges().stream().filter(e -> e.command().orElse(null) == SmtpCommand.AUTH)).hasSize(3);
    assertThat(d.exchanges().get(1).tls()).isFalse();
    assertThat(d.exchanges().get(3).tls()).as("EHLO after STARTTLS").isTrue();
    assertThat(recipients).isEmpty();
  }

  @Test
  void bdatChunks_endTheTransactionAtLast() {
    read(TranscriptNotation.SWAKS,
        "<-  220 mx ESMTP",
        " -> EHLO c",
        "<-  250 CHUNKING",
        " -> MAIL FROM:<a@example.com>",
        "<-  250 Ok",
        " -> RCPT TO:<b@example.org>",
        "<-  250 Ok",
        " -> BDAT 12",
        " -> Subject: x",
        "<-  250 2.0.0 12 octets received",
        " -> BDAT 0 LAST",
        "<-  250 2.0.0 Ok: queued",
        " -> QUIT",
        "<-  221 Bye");
    assertThat(recipient("b@example.org").status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(dialogues.get(0).exchanges().stream().filter(e -> e.command().orElse(null) == SmtpCommand.BDAT))
        .hasSize(2);
  }

  @Test
  void aGreetingAfterQuit_startsTheNextSession_andAbandonedTransactionsCountOnlyRefusals() {
    read(TranscriptNotation.BARE,
        "220 mx ESMTP",
        "HELO c",
        "250 mx",
        "MAIL FROM:<a@example.com>",
        "250 Ok",
        "RCPT TO:<probe@example.org>",
        "251 2.1.5 will forward to <p@elsewhere.example>",
        "RCPT TO:<gone@example.org>",
        "550 5.1.1 unknown",
        "QUIT",
        "221 Bye",
        "220 mx ESMTP",
        "VRFY someone",
        "252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery",
        "QUIT",
        "221 Bye");
    assertThat(dialogues).hasSize(2);
    assertThat(recipients).extracting(RecipientOutcome::recipient).containsExactly("gone@example.org");
    SmtpReply vrfy = replyTo(dialogues.get(1), SmtpCommand.VRFY, 0).orElseThrow();
    assertThat(ReplyClassifier.standard().classify(vrfy).tag()).isEqualTo("cannot-verify-will-attempt");
  }

  @Test
  void opensslSClient_itsHandshakeDumpIsNoPartOfTheDialogue() {
    read(TranscriptNotation.BARE,
        "CONNECTED(00000003)",
        "depth=0 CN = mx.example.org",
        "verify return:1",
        "---",
        "Certificate chain",
        " 0 s:CN = mx.example.org",
        "-----BEGIN CERTIFICATE-----",
        "MIIDuDCCAqCgAwIBAgICAMkwDQYJKoZIhvcNAQELBQAw",
        "-----END CERTIFICATE-----",
        "read R BLOCK",
        "250 CHUNKING",
        "MAIL FROM:<a@example.com>",
        "250 2.1.0 Ok",
        "rcpt to:<b@example.org>",
        "251 2.1.5 will forward to <b@elsewhere.example>",
        "DATA",
        "354 go ahead",
        "hi",
        ".",
        "250 2.0.0 Ok: queued",
        "QUIT",
        "221 2.0.0 Bye");
    SmtpDialogue d = dialogues.get(0);
    assertThat(d.exchanges().stream().flatMap(e -> e.line().stream()))
        .containsExactly("MAIL FROM:<a@example.com>", "rcpt to:<b@example.org>", "DATA", "QUIT");
    assertThat(recipient("b@example.org").status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(recipient("b@example.org").rcptReply().flatMap(ReplyClassifier::forwardPath)).contains("b@elsewhere.example");
  }

  @Test
  void aClientThatSpeaksBeforeTheGreeting_keepsItsCommandForTheNextReply() {
    read(TranscriptNotation.BARE,
        "EHLO eager.example",
        "220 mx ESMTP",
        "250 mx",
        "QUIT",
        "221 bye");
    SmtpDialogue d = dialogues.get(0);
    assertThat(dialogues).hasSize(1);
    assertThat(d.exchanges().get(0).command()).contains(SmtpCommand.CONNECT);
    assertThat(d.exchanges().get(1).line()).contains("EHLO eager.example");
    assertThat(d.exchanges().get(1).reply()).map(reply -> reply.code().value()).contains(250);
  }
}
