package io.smtplog.cli.serve;

import io.smtplog.cli.AnalyzerCli;
import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.command.QueryDeadline;
import io.smtplog.core.index.SearchDeadline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;

/**
 * Runs an {@code smtplog} command in this process, as {@code main} would, with its standard output
 * and error captured and its index searches bounded by the query timeout. The commands read the
 * index only and share no state, so requests run them concurrently.
 */
final class InProcessCli {
  /** What a run printed and how it ended. */
  record Result(int exitCode, String out, String err, boolean timedOut, boolean tooLarge) {}

  private final Duration timeout;

  InProcessCli(Duration timeout) {
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  Result run(List<String> args) {
    BoundedWriter out = new BoundedWriter(ServeLimits.MAX_ANSWER_CHARS);
    StringWriter err = new StringWriter();
    String[] argv = args.toArray(String[]::new);
    CommandLine cli = AnalyzerCli.commandLine(new PrintWriter(out), new PrintWriter(err, true), argv);
    // A request's "@/etc/passwd" is a query, never a file of arguments to read.
    cli.setExpandAtFiles(false);
    CommandLine.IExecutionExceptionHandler standard = cli.getExecutionExceptionHandler();
    AtomicBoolean timedOut = new AtomicBoolean();
    cli.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (SearchDeadline.stopped(ex)) {
        timedOut.set(true);
        return ExitCodes.SOFTWARE;
      }
      return standard.handleExecutionException(ex, line, parsed);
    });
    int code;
    try {
      code = QueryDeadline.within(timeout, () -> cli.execute(argv));
    } catch (Exception e) {
      // execute() handles what the command throws; this is picocli's own failure.
      err.write("smtplog: internal error (" + e + ")\n");
      code = ExitCodes.SOFTWARE;
    }
    return new Result(code, out.toString(), err.toString(), timedOut.get(), out.exceeded());
  }
}
