package io.smtplog.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelTest {
  @Test
  void replyCode_digitsGiveClassAndCategory() {
    assertThat(ReplyCode.of(251).replyClass()).isEqualTo(ReplyClass.POSITIVE_COMPLETION);
    assertThat(ReplyCode.of(251).category()).isEqualTo(ReplyCategory.MAIL_SYSTEM);
    assertThat(ReplyCode.of(421).category()).isEqualTo(ReplyCategory.CONNECTIONS);
    assertThat(ReplyCode.of(354).replyClass()).isEqualTo(ReplyClass.POSITIVE_INTERMEDIATE);
    assertThat(ReplyCode.of(550).isPermanentFailure()).isTrue();
    assertThat(ReplyCode.of(450).isTransientFailure()).isTrue();
    assertThat(ReplyCode.of(299).category()).isEqualTo(ReplyCategory.UNKNOWN);
  }

  @Test
  void replyCode_rejectsValuesOutsideTheGrammar() {
    assertThatThrownBy(() -> ReplyCode.of(123)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("123");
    assertThatThrownBy(() -> new ReplyCode(600)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ReplyCode.isValid("123 x", 0)).isFalse();
    assertThat(ReplyCode.isValid("25", 0)).isFalse();
    assertThat(ReplyCode.isValid("x451 y", 1)).isTrue();
  }

  @Test
  void enhancedStatus_parsesOnlyWholeCodes() {
    assertThat(EnhancedStatus.parse("5.1.1")).hasValue(new EnhancedStatus(StatusClass.PERMANENT_FAILURE, 1, 1));
    assertThat(EnhancedStatus.parse("4.7.25").map(Object::toString)).hasValue("4.7.25");
    assertThat(EnhancedStatus.parse("2.0.0").map(EnhancedStatus::statusClass)).hasValue(StatusClass.SUCCESS);
    assertThat(EnhancedStatus.parse("1.2.3")).isEmpty();
    assertThat(EnhancedStatus.parse("5.1")).isEmpty();
    assertThat(EnhancedStatus.parse("5.1.1000")).isEmpty();
    assertThat(EnhancedStatus.parse("5.1.1.")).isEmpty();
    assertThat(EnhancedStatus.parse("")).isEmpty();
    assertThat(EnhancedStatus.scanEnd("5.7.1 Message rejected", 0)).isEqualTo(5);
  }

  @Test
  void peer_parsesPostfixNamaddrForms() {
    assertThat(Peer.parse("mx.example.org[198.51.100.7]:25")).hasValue(new Peer("mx.example.org", "198.51.100.7", 25));
    assertThat(Peer.parse("unknown[2001:db8::1]")).hasValue(new Peer("unknown", "2001:db8::1", Peer.NO_PORT));
    assertThat(Peer.parse("[192.0.2.1]:41323")).hasValue(new Peer("", "192.0.2.1", 41323));
    Peer socket = Peer.parse("mail.example.com[private/dovecot-lmtp]").orElseThrow();
    assertThat(socket.isNetworkAddress()).isFalse();
    assertThat(Peer.parse("mx[192.0.2.1]:99999")).isEmpty();
    assertThat(Peer.parse("none")).isEmpty();
    assertThat(Peer.parse("mx.example.org[198.51.100.7]:25").orElseThrow().toString())
        .isEqualTo("mx.example.org[198.51.100.7]:25");
  }

  @Test
  void smtpCommand_recognisesVerbsAndPostfixPhrases() {
    assertThat(SmtpCommand.ofCommandLine("RCPT TO:<bob@example.org>")).hasValue(SmtpCommand.RCPT);
    assertThat(SmtpCommand.ofCommandLine("ehlo client.example")).hasValue(SmtpCommand.EHLO);
    assertThat(SmtpCommand.ofCommandLine("STARTTLS")).hasValue(SmtpCommand.STARTTLS);
    assertThat(SmtpCommand.ofCommandLine("dXNlcg==")).isEmpty();
    assertThat(SmtpCommand.ofCommandLine(".")).isEmpty();
    assertThat(SmtpCommand.ofPostfixPhrase("end of DATA command")).hasValue(SmtpCommand.DATA_END);
    assertThat(SmtpCommand.ofPostfixPhrase("MAIL FROM command")).hasValue(SmtpCommand.MAIL);
    assertThat(SmtpCommand.ofPostfixPhrase("RCPT TO command")).hasValue(SmtpCommand.RCPT);
    assertThat(SmtpCommand.ofName("bdat")).hasValue(SmtpCommand.BDAT);
    assertThat(SmtpCommand.ofName("connect")).hasValue(SmtpCommand.CONNECT);
  }
}
