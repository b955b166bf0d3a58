package io.smtplog.cli.command;

import io.smtplog.core.ingest.LogInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** A one-line progress bar on standard error, redrawn at most four times a second. */
final class ProgressBar implements LongConsumer {
  private final PrintWriter err;
  private final long total;
  private long drawn;

  ProgressBar(PrintWriter err, long total) {
    this.err = err;
    this.total = total;
  }

  @Override
  public void accept(long bytes) {
    long now = System.nanoTime();
    if (now - drawn < 250_000_000L) {
      return;
    }
    drawn = now;
    int percent = total <= 0 ? 0 : (int) Math.min(100, bytes * 100 / total);
    String bar = "#".repeat(percent / 4) + ".".repeat(25 - percent / 4);
    err.print(String.format(Locale.ROOT, "\r[%s] %3d%%  %,d MB", bar, percent, bytes >> 20));
    err.flush();
  }

  /** A bar when standard error is a terminal, else nothing at all. */
  static LongConsumer forInputs(PrintWriter err, List<LogInput> inputs) {
    if (!stderrIsTerminal()) {
      return bytes -> { };
    }
    long total = 0;
    for (LogInput in : inputs) {
      total += in.path().map(p -> p.toFile().length()).orElse(0L);
    }
    return new ProgressBar(err, total);
  }

  /**
   * Set by the {@code smtplog} launcher to {@code yes} or {@code no}: whether standard error is a
   * terminal, which its shell knows for free ({@code [ -t 2 ]}).
   */
  static final String STDERR_TERMINAL_VARIABLE = "SMTPLOG_STDERR_TERMINAL";

  /**
   * Whether standard error is a terminal. Java cannot ask (System.console() looks at standard input
   * and output, and from JDK 22 is not null when they are redirected), so the launcher says
   * ({@link #STDERR_TERMINAL_VARIABLE}), or else a shell inheriting our standard error answers with
   * {@code test -t 2}: a process started at every run, a few hundredths of a second of a short command.
   * Any failure means no.
   */
  static boolean stderrIsTerminal() {
    if (System.getenv("SMTPLOG_NO_PROGRESS") != null) {
      return false;
    }
    String known = System.getenv(STDERR_TERMINAL_VARIABLE);
    if ("yes".equals(known) || "no".equals(known)) {
      return known.equals("yes");
    }
    try {
      Process test = new ProcessBuilder("sh", "-c", "test -t 2").redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      return test.waitFor(2, TimeUnit.SECONDS) && test.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Removes the bar (when {@code progress} is one). */
  static void clear(LongConsumer progress) {
    if (progress instanceof ProgressBar bar) {
      bar.clear();
    }
  }

  void clear() {
    err.print("\r" + " ".repeat(60) + "\r");
    err.flush();
  }
}
