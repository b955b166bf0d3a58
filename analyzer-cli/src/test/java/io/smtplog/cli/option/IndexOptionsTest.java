package io.smtplog.cli.option;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The default index folder follows the XDG Base Directory rules, with $HOME before the JVM's user.home. */
class IndexOptionsTest {
  @Test
  void smtplogIndex_thenAbsoluteXdgDataHome_thenHome_thenUserHome() {
    assertThat(IndexOptions.defaultDir("/srv/idx", "/data", "/home/pm", "/root")).isEqualTo(Path.of("/srv/idx"));
    assertThat(IndexOptions.defaultDir(null, "/data", "/home/pm", "/root")).isEqualTo(Path.of("/data/smtplog/index"));
    assertThat(IndexOptions.defaultDir(null, "relative/data", "/home/pm", "/root"))
        .as("a relative XDG_DATA_HOME is ignored").isEqualTo(Path.of("/home/pm/.local/share/smtplog/index"));
    assertThat(IndexOptions.defaultDir("", "", "/home/pm", "/root"))
        .isEqualTo(Path.of("/home/pm/.local/share/smtplog/index"));
    assertThat(IndexOptions.defaultDir(null, null, null, "/root")).isEqualTo(Path.of("/root/.local/share/smtplog/index"));
  }
}
