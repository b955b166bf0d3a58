package io.smtplog.core.ingest.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TranscriptNote;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One line at a time, in every notation of the transcript-formats reference. */
class TranscriptLineParserTest {
  private static final Instant AT = Instant.parse("2026-11-29T13:28:45Z");

  private static MailEvent event(TranscriptNotation notation, String line) {
    LineResult r = new TranscriptLineParser(notation, AT).parse(line, new SourceRef("t.txt", 1));
    assertThat(r).as(line).isInstanceOf(LineResult.Parsed.class);
    return ((LineResult.Parsed) r).event();
  }

  private static void outside(TranscriptNotation notation, String line) {
    LineResult r = new TranscriptLineParser(notation, AT).parse(line, new SourceRef("t.txt", 1));
    assertThat(r).as(line).isInstanceOf(LineResult.Skipped.class);
    assertThat(((LineResult.Skipped) r).reason()).isIn(SkipReason.NOT_DIALOGUE, SkipReason.BLANK);
  }

  private static ReplyLine reply(TranscriptNotation notation, String line) {
    MailEvent e = event(notation, line);
    assertThat(e).as(line).isInstanceOf(ReplyLine.class);
    return (ReplyLine) e;
  }

  private static CommandLine command(TranscriptNotation notation, String line) {
    MailEvent e = event(notation, line);
    assertThat(e).as(line).isInstanceOf(CommandLine.class);
    return (CommandLine) e;
  }

  @Test
  void swaks_hints() {
    assertThat(((TranscriptNote) event(TranscriptNotation.SWAKS, "=== Connected to 127.0.0.2.")).kind())
        .isEqualTo(TranscriptNote.Kind.CONNECTED);
    assertThat(((TranscriptNote) event(TranscriptNotation.SWAKS, "=== TLS started with cipher TLSv1.3:X:256")).kind())
        .isEqualTo(TranscriptNote.Kind.TLS_STARTED);
    assertThat(((TranscriptNote) event(TranscriptNotation.SWAKS, "*** Remote host closed connection unexpectedly."))
        .kind()).isEqualTo(TranscriptNote.Kind.ERROR);
    ReplyLine greeting = reply(TranscriptNotation.SWAKS, "<-  220 SERVER ESMTP ready");
    assertThat(greeting.code().value()).isEqualTo(220);
    assertThat(greeting.text()).isEqualTo("SERVER ESMTP ready");
    ReplyLine continued = reply(TranscriptNotation.SWAKS, "<~  250-mx.example.org");
    assertThat(continued.continued()).isTrue();
    ReplyLine unexpected = reply(TranscriptNotation.SWAKS, "<~* 551 5.1.6 User not local; please try <p@new.example.org>");
    assertThat(unexpected.code().value()).isEqualTo(551);
    CommandLine rcpt = command(TranscriptNotation.SWAKS, " ~> RCPT TO:<nobody@example.org>");
    assertThat(rcpt.command()).contains(SmtpCommand.RCPT);
    assertThat(rcpt.role()).isEqualTo(Role.CLIENT);
    assertThat(command(TranscriptNotation.SWAKS, " -> Subject: test").command()).isEmpty();
    outside(TranscriptNotation.SWAKS, "  > 45 48 4c 4f");
  }

  @Test
  void authCredentials_areRedactedBeforeTheEventExists() {
    assertThat(command(TranscriptNotation.SWAKS, " ~> AUTH PLAIN AGFsaWNlAHNlY3JldA==").text())
        .isEqualTo("AUTH PLAIN [redacted]");
    assertThat(command(TranscriptNotation.SWAKS, " ~> c2VjcmV0cGFzc3dvcmQ=").text()).isEqualTo("[redacted]");
    assertThat(command(TranscriptNotation.RFC, "C: AUTH LOGIN").text()).isEqualTo("AUTH LOGIN");
  }

  @Test
  void rfcStyle_andRfc821Style() {
    assertThat(reply(TranscriptNotation.RFC, "      S: 250 OK").code().value()).isEqualTo(250);
    assertThat(command(TranscriptNotation.RFC, "   C: MAIL FROM:<Smith@bar.com>").command()).contains(SmtpCommand.MAIL);
    outside(TranscriptNotation.RFC, "   The SMTP design can be pictured as:");
    assertThat(reply(TranscriptNotation.RFC, "S:250 OK").code().value()).isEqualTo(250);
    assertThat(command(TranscriptNotation.RFC, "C:   RCPT TO:<x@y>").text()).isEqualTo("RCPT TO:<x@y>");
    assertThat(command(TranscriptNotation.RFC821, "S: RCPT TO:<Jones@Beta.ARPA>").command()).contains(SmtpCommand.RCPT);
    assertThat(reply(TranscriptNotation.RFC821, "R: 250 OK").code().value()).isEqualTo(250);
  }

  @Test
  void eximDebug_serverAndClientSides_andContinuations() {
    CommandLine received = command(TranscriptNotation.EXIM_DEBUG, "SMTP<< rcpt to:<warn_empty@test.ex>");
    assertThat(received.role()).isEqualTo(Role.SERVER);
    assertThat(received.command()).contains(SmtpCommand.RCPT);
    ReplyLine sent = reply(TranscriptNotation.EXIM_DEBUG, " 4711 SMTP>> 250-mx.example.org Hello client [192.0.2.10]");
    assertThat(sent.role()).isEqualTo(Role.SERVER);
    assertThat(sent.process().pid()).isEqualTo(4711);
    assertThat(sent.continued()).isTrue();
    // Exim as a client without +pid: continuation lines are indented past "  SMTP<< "
    assertThat(reply(TranscriptNotation.EXIM_DEBUG, "         250 AUTH LOGIN").role()).isEqualTo(Role.CLIENT);
    assertThat(reply(TranscriptNotation.EXIM_DEBUG, "         250-HELP").role()).isEqualTo(Role.CLIENT);
    ReplyLine more = reply(TranscriptNotation.EXIM_DEBUG, " 4711       250 HELP");
    assertThat(more.process().pid()).isEqualTo(4711);
    assertThat(more.continued()).isFalse();
    CommandLine pipelined = command(TranscriptNotation.EXIM_DEBUG, " 4712   SMTP|> RCPT TO:<bob@example.net>");
    assertThat(pipelined.role()).isEqualTo(Role.CLIENT);
    ReplyLine clientGot = reply(TranscriptNotation.EXIM_DEBUG, " 4712   SMTP<< 251 2.1.5 will forward to <b@x.example>");
    assertThat(clientGot.role()).isEqualTo(Role.CLIENT);
    assertThat(((TranscriptNote) event(TranscriptNotation.EXIM_DEBUG, "SMTP(close)>>")).kind())
        .isEqualTo(TranscriptNote.Kind.CLOSED);
    outside(TranscriptNotation.EXIM_DEBUG, ">>> host in hosts_connection_nolog? no (option unset)");
    outside(TranscriptNotation.EXIM_DEBUG, "  SMTP>> (writing message)");
  }

  @Test
  void arrows_sendmailBounceAndEximTestClient() {
    assertThat(command(TranscriptNotation.ARROWS, ">>> RCPT To:<kijitora@nyaan.example.com>").command())
        .contains(SmtpCommand.RCPT);
    assertThat(reply(TranscriptNotation.ARROWS, "    <<< 550 5.1.1 Requested action not taken: mailbox unavailable")
        .code().value()).isEqualTo(550);
    assertThat(((TranscriptNote) event(TranscriptNotation.ARROWS,
        "... while talking to inbound-smtp.us-west-2.amazonaws.com.:")).kind()).isEqualTo(TranscriptNote.Kind.CONNECTED);
    outside(TranscriptNotation.ARROWS, "??? 250");
    outside(TranscriptNotation.ARROWS, "Content-Type: message/delivery-status");
  }

  @Test
  void smtplib_python3AndPython2() {
    CommandLine ehlo = command(TranscriptNotation.SMTPLIB, "send: 'ehlo [127.0.1.1]\\r\\n'");
    assertThat(ehlo.text()).isEqualTo("ehlo [127.0.1.1]");
    assertThat(ehlo.command()).contains(SmtpCommand.EHLO);
    ReplyLine r = reply(TranscriptNotation.SMTPLIB, "reply: b'250-SIZE 10240000\\r\\n'");
    assertThat(r.continued()).isTrue();
    assertThat(r.text()).isEqualTo("SIZE 10240000");
    assertThat(reply(TranscriptNotation.SMTPLIB, "reply: '250 OK\\r\\n'").code().value()).isEqualTo(250);
    assertThat(reply(TranscriptNotation.SMTPLIB, "10:00:00.123456 reply: b'221 Bye\\r\\n'").code().value()).isEqualTo(221);
    CommandLine data = command(TranscriptNotation.SMTPLIB, "send: b'Subject: hi\\r\\n\\r\\nhello\\r\\n.\\r\\n'");
    assertThat(data.text()).endsWith("\r\n.");
    outside(TranscriptNotation.SMTPLIB, "reply: retcode (250); Msg: b'2.1.5 Ok'");
    outside(TranscriptNotation.SMTPLIB, "data: (354, b'End data with <CR><LF>.<CR><LF>')");
    assertThat(((TranscriptNote) event(TranscriptNotation.SMTPLIB, "connect: ('mx.example.org', 25)")).kind())
        .isEqualTo(TranscriptNote.Kind.CONNECTING);
  }

  @Test
  void postfixNotice_andBareTelnet() {
    assertThat(event(TranscriptNotation.POSTFIX_NOTICE, "Out: 220 mx.example.org ESMTP")).isInstanceOf(ReplyLine.class);
    assertThat(command(TranscriptNotation.POSTFIX_NOTICE, "In:  RCPT TO:<bob@example.org>").command())
        .contains(SmtpCommand.RCPT);
    assertThat(reply(TranscriptNotation.BARE, "250 2.1.5 Ok").code().value()).isEqualTo(250);
    assertThat(command(TranscriptNotation.BARE, "rcpt to:<bob@example.org>").command()).contains(SmtpCommand.RCPT);
    assertThat(((TranscriptNote) event(TranscriptNotation.BARE, "Connection closed by foreign host.")).kind())
        .isEqualTo(TranscriptNote.Kind.CLOSED);
    assertThat(((TranscriptNote) event(TranscriptNotation.BARE, "Escape character is '^]'.")).kind())
        .isEqualTo(TranscriptNote.Kind.INFO);
  }

  @Test
  void detector_votesByTheMarksOfTheFirstLines() {
    assertThat(detect("=== Trying 127.0.0.2:2525...", "<-  220 x", " -> EHLO y")).isEqualTo(TranscriptNotation.SWAKS);
    assertThat(detect("Prose first.", "   S: 220 foo.com", "   C: EHLO bar.com")).isEqualTo(TranscriptNotation.RFC);
    assertThat(detect("S: MAIL FROM:<a@b>", "R: 250 OK")).isEqualTo(TranscriptNotation.RFC821);
    assertThat(detect(">>> host in hosts_connection_nolog?", "SMTP<< helo test", "SMTP>> 250 OK"))
        .isEqualTo(TranscriptNotation.EXIM_DEBUG);
    assertThat(detect("send: 'ehlo x\\r\\n'", "reply: b'250 ok\\r\\n'")).isEqualTo(TranscriptNotation.SMTPLIB);
    assertThat(detect("Trying 192.0.2.1...", "220 mx ESMTP", "HELO me", "250 mx")).isEqualTo(TranscriptNotation.BARE);
  }

  private static TranscriptNotation detect(String... lines) {
    TranscriptDetector d = new TranscriptDetector();
    List.of(lines).forEach(d::add);
    return d.notation();
  }
}
