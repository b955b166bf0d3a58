package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.SmtpCommand;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialRedactorTest {
  @Test
  void authInitialResponse_isRedacted() {
    assertThat(CredentialRedactor.redactCommandLine("AUTH PLAIN AGFsaWNlAHNlY3JldA==", Optional.of(SmtpCommand.AUTH)))
        .isEqualTo("AUTH PLAIN [redacted]").doesNotContain("AGFsaWNl");
    assertThat(CredentialRedactor.redactCommandLine("AUTH LOGIN", Optional.of(SmtpCommand.AUTH))).isEqualTo("AUTH LOGIN");
  }

  @Test
  void authContinuations_areRedacted_commandsAreNot() {
    assertThat(CredentialRedactor.redactCommandLine("YWxpY2VAZXhhbXBsZS5jb20=", Optional.empty())).isEqualTo("[redacted]");
    assertThat(CredentialRedactor.redactCommandLine("c2VjcmV0", Optional.empty())).isEqualTo("[redacted]");
    assertThat(CredentialRedactor.redactCommandLine("*", Optional.empty())).isEqualTo("*");
    assertThat(CredentialRedactor.redactCommandLine(".", Optional.empty())).isEqualTo(".");
    assertThat(CredentialRedactor.redactCommandLine("RCPT TO:<bob@example.org>", Optional.of(SmtpCommand.RCPT)))
        .isEqualTo("RCPT TO:<bob@example.org>");
  }
}
