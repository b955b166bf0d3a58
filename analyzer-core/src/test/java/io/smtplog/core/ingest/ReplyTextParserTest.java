package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTextParserTest {
  @Test
  void postfixRemoteReply_givesCodeEnhancedTextAndCommand() {
    // sample-logs/postfix/loopback-relay.log
    SmtpReply r = ReplyTextParser.parseStatusText("host 127.0.0.2[127.0.0.2] said: 551 5.1.6 User not local; please try"
        + " <moved.peggy@new.example.org> (in reply to RCPT TO command)").orElseThrow();
    assertThat(r.code().value()).isEqualTo(551);
    assertThat(r.enhanced().map(Object::toString)).hasValue("5.1.6");
    assertThat(r.text()).isEqualTo("User not local; please try <moved.peggy@new.example.org>");
    assertThat(r.command()).hasValue(SmtpCommand.RCPT);
  }

  @Test
  void endOfDataReply_isRecognised() {
    SmtpReply r = ReplyTextParser.parseStatusText("host 127.0.0.2[127.0.0.2] said: 554 5.7.1 Message content rejected:"
        + " spam-test (in reply to end of DATA command)").orElseThrow();
    assertThat(r.command()).hasValue(SmtpCommand.DATA_END);
    assertThat(r.text()).isEqualTo("Message content rejected: spam-test");
  }

  @Test
  void flattenedMultilineReply_isSplitIntoLines() {
    // the Gmail shape, as in the sergeymakinen corpus file and real bounces
    SmtpReply r = ReplyTextParser.parseStatusText("host mx[192.0.2.1] said: 550-5.1.1 The email account that you tried"
        + " to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address 550 5.1.1"
        + " https://support.google.com/mail/?p=NoSuchUser (in reply to RCPT TO command)").orElseThrow();
    assertThat(r.code().value()).isEqualTo(550);
    assertThat(r.text().split("\n")).containsExactly(
        "The email account that you tried to reach does not exist. Please try",
        "double-checking the recipient's email address", "https://support.google.com/mail/?p=NoSuchUser");
  }

  @Test
  void refusedToTalk_isAGreetingReply() {
    SmtpReply r = ReplyTextParser.parseStatusText("host mx.example.net[203.0.113.9] refused to talk to me: 554 5.7.1"
        + " Service unavailable; client blocked").orElseThrow();
    assertThat(r.command()).hasValue(SmtpCommand.CONNECT);
    assertThat(r.code().value()).isEqualTo(554);
  }

  @Test
  void textWithoutReply_givesEmpty() {
    assertThat(ReplyTextParser.parseStatusText("delivered to mailbox")).isEmpty();
    assertThat(ReplyTextParser.parseStatusText("connect to 127.0.0.2[127.0.0.2]:2626: Connection refused")).isEmpty();
    assertThat(ReplyTextParser.parseStatusText("unknown user: \"carol\"")).isEmpty();
    assertThat(ReplyTextParser.parseStatusText("123 #1.2.3 Reasons")).isEmpty();
    assertThat(ReplyTextParser.parseStatusText("25")).isEmpty();
    assertThat(ReplyTextParser.parseStatusText("2500 x")).isEmpty();
  }

  @Test
  void bareCodeAndLmtpReply() {
    assertThat(ReplyTextParser.parseReply("250").orElseThrow().text()).isEmpty();
    SmtpReply lmtp = ReplyTextParser.parseStatusText("250 2.0.0 <dan@example.com> Saved").orElseThrow();
    assertThat(lmtp.text()).isEqualTo("<dan@example.com> Saved");
    assertThat(lmtp.command()).isEmpty();
  }

  @Test
  void assemble_joinsTranscriptLinesAndStripsEnhancedCodes() {
    SmtpReply r = ReplyTextParser.assemble(io.smtplog.core.model.ReplyCode.of(550),
        List.of("5.7.1 SPF MAIL FROM check failed:", "5.7.1 The domain example.com explains:",
            "5.7.1 Please see http://www.example.com/mailpolicy.html"), SmtpCommand.MAIL);
    assertThat(r.enhanced().map(Object::toString)).hasValue("5.7.1");
    assertThat(r.text()).isEqualTo("SPF MAIL FROM check failed:\nThe domain example.com explains:\n"
        + "Please see http://www.example.com/mailpolicy.html");
  }
}
