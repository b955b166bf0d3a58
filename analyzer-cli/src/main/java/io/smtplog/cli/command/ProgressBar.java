package io.smtplog.cli.command;

import io.smtplog.cli.Terminal;
import io.smtplog.core.ingest.LogInput;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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

  /** Whether standard error is a terminal ({@link Terminal#stderrIsTerminal()}), unless SMTPLOG_NO_PROGRESS is set. */
  static boolean stderrIsTerminal() {
    return System.getenv("SMTPLOG_NO_PROGRESS") == null && Terminal.stderrIsTerminal();
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
