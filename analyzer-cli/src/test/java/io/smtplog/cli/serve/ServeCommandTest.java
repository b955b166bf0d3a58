package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smtplog serve}'s options: what it refuses before it listens (exit 2, one line). */
class ServeCommandTest {
  @TempDir Path temp;

  private Served.Run serve(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "serve";
    args[1] = "--index";
    args[2] = temp.resolve("index").toString();
    System.arraycopy(options, 0, args, 3, options.length);
    return Served.cli(args);
  }

  @Test
  void anotherAddressThanLoopback_needsAToken() {
    for (String listen : new String[] {"0.0.0.0:0", "[::]:0", "192.0.2.10:8025"}) {
      Served.Run run = serve("--listen", listen);
      assertThat(run.exitCode()).as(listen).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(listen).isEqualTo("smtplog: --listen " + listen + " lets other machines connect: give"
          + " --token-file FILE too (its first line is the token every request must carry), or listen on 127.0.0.1\n");
    }
  }

  @Test
  void badOptions_areOneLine() throws Exception {
    assertThat(serve("--listen", "localhost").err()).isEqualTo("smtplog: --listen must be HOST:PORT (e.g."
        + " 127.0.0.1:8025), was 'localhost'\n");
    assertThat(serve("--listen", "127.0.0.1:70000").err()).startsWith("smtplog: --listen: the port must be 0..65535");
    assertThat(serve("--query-timeout", "0").err()).startsWith("smtplog: --query-timeout must be more than 0");
    assertThat(serve("--query-timeout", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    Path open = temp.resolve("token");
    Files.writeString(open, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-r--"));
    Served.Run run = serve("--listen", "0.0.0.0:0", "--token-file", open.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: the token file " + open + " is readable by every user: chmod 600 " + open
        + "\n");
  }

  @Test
  void theOptionsOfFollowing_onlyWithFollow() {
    for (String[] options : new String[][] {{"--timezone", "Europe/Berlin"}, {"--year", "2025"}, {"--strict"},
        {"--domain-metrics"}, {"--poll", "100"}, {"--commit-every", "5"}}) {
      Served.Run run = serve(options);
      assertThat(run.exitCode()).as(options[0]).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(options[0]).startsWith("smtplog: " + (options[0].startsWith("--poll")
          || options[0].startsWith("--commit") ? "--poll and --commit-every" : options[0])
          + " applies only with --follow INPUT...").endsWith("\n").hasLineCount(1);
    }
    Served.Run strict = serve("--strict", "--follow", temp.resolve("mail.log").toString());
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(strict.err()).startsWith("smtplog: --strict does not apply to serve --follow");
    Served.Run folder = serve("--follow", temp.toString());
    assertThat(folder.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(folder.err()).contains("is a folder: follow reads files as they grow");
  }

  @Test
  void loopbackAddresses_needNoToken() {
    for (String listen : new String[] {"127.0.0.1:0", "127.0.0.2:8025", "[::1]:0", "localhost:0"}) {
      assertThat(Listen.parse(listen).loopback()).as(listen).isTrue();
    }
    assertThat(Listen.parse("0.0.0.0:8025").loopback()).isFalse();
    assertThat(Listen.parse(Listen.DEFAULT).address().getPort()).isEqualTo(8025);
  }
}
