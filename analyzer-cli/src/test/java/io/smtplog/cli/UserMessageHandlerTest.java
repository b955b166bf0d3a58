package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class UserMessageHandlerTest {

  @Test
  void aPermissionRefused_isNotCalledAFailedRead() {
    // An -o file or an index folder that cannot be created reaches here: "cannot read" would mislead.
    UserError e = UserMessageHandler.describe(new AccessDeniedException("/srv/ro/newdir"));
    assertThat(e.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(e.getMessage()).isEqualTo("permission denied on /srv/ro/newdir: check the permissions of it and of its"
        + " folder");
  }

  @Test
  void aMissingFile_isNamed() {
    UserError e = UserMessageHandler.describe(new NoSuchFileException("/var/log/mail.lg"));
    assertThat(e.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(e.getMessage()).isEqualTo("cannot read /var/log/mail.lg: no such file or directory");
  }
}
