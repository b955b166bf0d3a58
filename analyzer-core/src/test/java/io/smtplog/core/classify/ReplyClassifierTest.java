package io.smtplog.core.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.ReplyCategory;
import io.smtplog.core.model.ReplyClass;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyClassifierTest {
  private final ReplyClassifier classifier = ReplyClassifier.standard();

  private ReplyClassification classify(String reply) {
    return classifier.classify(ReplyTextParser.parseStatusText(reply).orElseThrow());
  }

  @Test
  void code250_completed() {
    ReplyClassification c = classify("250 2.1.5 Ok");
    assertThat(c.tag()).isEqualTo("completed");
    assertThat(c.replyClass()).isEqualTo(ReplyClass.POSITIVE_COMPLETION);
    assertThat(c.category()).isEqualTo(ReplyCategory.MAIL_SYSTEM);
    assertThat(c.forwardPath()).isEmpty();
    assertThat(c.enhancedInfo().orElseThrow().detailName()).isEqualTo("Destination address valid");
    assertThat(c.enhancedInfo().orElseThrow().subjectName()).isEqualTo("Addressing Status");
    assertThat(c.enhancedInfo().orElseThrow().className()).isEqualTo("Success");
  }

  @Test
  void code251_carriesTheForwardPath() {
    ReplyClassification c = classifier.classify(ReplyTextParser.parseStatusText(
        "251 2.1.5 User not local; will forward to <fwd.erin@forward.example.net>").orElseThrow()
        .answering(SmtpCommand.RCPT));
    assertThat(c.tag()).isEqualTo("user-not-local-will-forward");
    assertThat(c.meaning()).isEqualTo("User not local; will forward to <forward-path>");
    assertThat(c.forwardPath()).hasValue("fwd.erin@forward.example.net");
  }

  @Test
  void code551_afterRcpt_isUserNotLocal_withForwardPath() {
    ReplyClassification c = classify("host 127.0.0.2[127.0.0.2] said: 551 5.1.6 User not local; please try"
        + " <moved.peggy@new.example.org> (in reply to RCPT TO command)");
    assertThat(c.tag()).isEqualTo("user-not-local-try");
    assertThat(c.replyClass()).isEqualTo(ReplyClass.PERMANENT_NEGATIVE);
    assertThat(c.forwardPath()).hasValue("moved.peggy@new.example.org");
    assertThat(c.enhancedInfo().orElseThrow().detailName()).startsWith("Destination mailbox has moved");
  }

  @Test
  void code551_afterBdat_isNotUserNotLocal() {
    SmtpReply reply = new SmtpReply(ReplyCode.of(551), Optional.empty(), "5.0.0 Error: BDAT chunk <x@y> rejected",
        Optional.of(SmtpCommand.BDAT));
    ReplyClassification c = classifier.classify(reply);
    assertThat(c.tag()).isEqualTo("bdat-chunk-failed");
    assertThat(c.forwardPath()).as("no forward-path outside RCPT/VRFY").isEmpty();
  }

  @Test
  void code252_cannotVerify_andEtrnMeaningsDiffer() {
    assertThat(classify("252 2.1.5 Cannot VRFY user").tag()).isEqualTo("cannot-verify-will-attempt");
    SmtpReply etrn = new SmtpReply(ReplyCode.of(251), Optional.empty(), "OK, no messages waiting for node <x>",
        Optional.of(SmtpCommand.ETRN));
    assertThat(classifier.classify(etrn).tag()).isEqualTo("etrn-no-messages-waiting");
    assertThat(classifier.classify(etrn).forwardPath()).isEmpty();
  }

  @Test
  void greetingContext_554() {
    SmtpReply reply = ReplyTextParser.parseStatusText("host mx[192.0.2.1] refused to talk to me: 554 5.7.1 blocked")
        .orElseThrow();
    assertThat(classifier.classify(reply).tag()).isEqualTo("no-smtp-service");
  }

  @ParameterizedTest
  @ValueSource(ints = {259, 299, 418, 599, 360})
  void unlistedCodes_fallBackToTheirFirstDigit(int value) {
    ReplyClassification c = classifier.classify(new SmtpReply(ReplyCode.of(value), Optional.empty(), "", Optional.empty()));
    assertThat(c.tag()).isEqualTo("unknown-" + value / 100 + "xx");
    assertThat(c.replyClass().digit()).isEqualTo(value / 100);
    assertThat(c.meaning()).contains("first digit");
  }

  @Test
  void unregisteredEnhancedDetail_fallsBackToTheSubject() {
    ReplyClassification c = classify("550 5.7.606 Access denied, banned sending IP");
    assertThat(c.enhancedInfo().orElseThrow().subjectName()).isEqualTo("Security or Policy Status");
    assertThat(c.enhancedInfo().orElseThrow().detailName()).startsWith("Unregistered");
  }

  @Test
  void registry_holdsEveryCsvRow() {
    assertThat(EnhancedStatusRegistry.load().size()).isEqualTo(81);
    assertThat(EnhancedStatusRegistry.load().detailName(7, 30)).hasValue("REQUIRETLS support required");
  }
}
