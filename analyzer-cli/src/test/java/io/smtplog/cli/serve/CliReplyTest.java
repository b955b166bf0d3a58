package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a command's run becomes an answer: its exit code's status, its line as the error, the size bound. */
class CliReplyTest {
  private final StringWriter log = new StringWriter();

  private WebReply reply(int code, String out, String err) {
    return CliReply.of(new InProcessCli.Result(code, out, err, false, false), WebReply.JSON, false,
        Duration.ofSeconds(10), new PrintWriter(log, true));
  }

  private static String body(WebReply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  @Test
  void exitCodes_mapToStatuses() {
    assertThat(reply(ExitCodes.OK, "{}\n", "(0 hits)\n").status()).isEqualTo(200);
    assertThat(body(reply(ExitCodes.OK, "{}\n", ""))).isEqualTo("{}\n");
    assertThat(reply(ExitCodes.USAGE, "", "smtplog: --limit must be 0 (all) or more, was -1\n").status()).isEqualTo(400);
    assertThat(reply(ExitCodes.NOT_FOUND, "", "smtplog: no message or recipient matches 'x'\n").status()).isEqualTo(404);
    assertThat(reply(ExitCodes.INPUT_UNREADABLE, "", "smtplog: no index at /x\n").status()).isEqualTo(503);
    assertThat(log.toString()).isEmpty();
    WebReply internal = reply(ExitCodes.SOFTWARE, "", "smtplog: internal error (NullPointerException: x); this is a bug\n");
    assertThat(internal.status()).isEqualTo(500);
    assertThat(body(internal)).contains("internal error: the server's log says more").doesNotContain("NullPointer");
    assertThat(log.toString()).contains("NullPointerException");
  }

  @Test
  void theMessage_isTheCommandsLine_withTheQueryEcho_withoutTheHelpHint() {
    assertThat(CliReply.message("smtplog: cannot parse the query at column 3: unexpected \")\"\n  a:)\n    ^\n"))
        .isEqualTo("cannot parse the query at column 3: unexpected \")\"\n  a:)\n    ^");
    assertThat(CliReply.message("smtplog: Missing required parameter: 'ID'\nTry 'smtplog trace --help' for the options.\n"))
        .isEqualTo("Missing required parameter: 'ID'");
    assertThat(CliReply.message("")).isEqualTo("the request could not be answered");
  }

  @Test
  void timedOutAndTooLarge() {
    WebReply late = CliReply.of(new InProcessCli.Result(ExitCodes.SOFTWARE, "", "", true, false), WebReply.JSON, false,
        Duration.ofMillis(2500), new PrintWriter(log, true));
    assertThat(late.status()).isEqualTo(503);
    assertThat(body(late)).contains("the query took longer than 2.500 s; narrow it (a field, a time range)");
    WebReply large = CliReply.of(new InProcessCli.Result(ExitCodes.OK, "x", "", false, true), WebReply.JSON, false,
        Duration.ofSeconds(10), new PrintWriter(log, true));
    assertThat(large.status()).isEqualTo(400);
    assertThat(body(large)).contains("the answer is longer than 8 MB");
  }

  @Test
  void theBoundedWriter_stopsAtItsBound() throws IOException {
    BoundedWriter out = new BoundedWriter(10);
    out.write("0123456789");
    assertThat(out.exceeded()).isFalse();
    assertThatThrownBy(() -> out.write("a")).isInstanceOf(IOException.class);
    assertThat(out.exceeded()).isTrue();
    assertThat(out).hasToString("0123456789");
  }
}
