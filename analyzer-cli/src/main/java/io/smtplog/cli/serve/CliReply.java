package io.smtplog.cli.serve;

import io.smtplog.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A command's run as an HTTP answer: its output (200), its one-line complaint as {@code {"error": ...}}
 * with 400 (bad option or query), 404 (nothing found), 503 (the index cannot be read now, the
 * query timed out), or 500 with a generic message (the complaint goes to the server's log).
 */
final class CliReply {
  private CliReply() {}

  static WebReply of(InProcessCli.Result run, String contentType, boolean inlineStyles, Duration timeout,
      PrintWriter log) {
    if (run.timedOut()) {
      return WebReply.error(503, "the query took longer than " + seconds(timeout) + "; narrow it (a field, a time range)");
    }
    if (run.tooLarge()) {
      return WebReply.error(400, "the answer is longer than " + ServeLimits.MAX_ANSWER_CHARS / (1 << 20)
          + " MB: lower limit or top, or narrow the query");
    }
    return switch (run.exitCode()) {
      case ExitCodes.OK -> new WebReply(200, contentType, run.out().getBytes(StandardCharsets.UTF_8), false,
          inlineStyles);
      case ExitCodes.USAGE -> WebReply.error(400, message(run.err()));
      case ExitCodes.NOT_FOUND -> WebReply.error(404, message(run.err()));
      case ExitCodes.INPUT_UNREADABLE -> WebReply.error(503, message(run.err()));
      default -> {
        log.println("smtplog serve: a request failed (exit " + run.exitCode() + "): " + run.err().strip());
        log.flush();
        yield WebReply.error(500, "internal error: the server's log says more");
      }
    };
  }

  private static String seconds(Duration timeout) {
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
  }

  /**
   * The command's complaint without its "smtplog: " prefix: the first such line and the lines
   * indented under it (a query echoed with a caret), not the "Try ... --help" hints.
   */
  static String message(String err) {
    StringBuilder message = new StringBuilder();
    for (String line : err.split("\n")) {
      if (message.isEmpty()) {
        if (line.startsWith("smtplog: ")) {
          message.append(line.substring("smtplog: ".length()));
        }
      } else if (line.startsWith("  ")) {
        message.append('\n').append(line);
      } else {
        break;
      }
    }
    return message.isEmpty() ? "the request could not be answered" : message.toString();
  }
}
