package io.smtplog.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What standard output and standard error are connected to, and how wide the terminal is: tables fit
 * a terminal and are never cut in a pipe or a file; the progress bar shows on a terminal only.
 * <p>
 * Java cannot ask whether a stream is a terminal: {@link System#console()} looks at standard input and
 * output together, and from JDK 22 is not null when they are redirected. The {@code smtplog} launcher's
 * shell knows for free ({@code [ -t 1 ]}, {@code [ -t 2 ]}) and says so in {@link #STDOUT_VARIABLE} and
 * {@link #STDERR_VARIABLE}; without them (the jar run with {@code java -jar}) the answers come from
 * {@code Console.isTerminal()} on JDK 22+, and for standard error from a shell that inherits it
 * ({@code test -t 2}): a process started at every run, hundredths of a second of a short command.
 */
public final class Terminal {
  /** {@code yes} or {@code no}: whether standard output is a terminal, as the launcher found. */
  public static final String STDOUT_VARIABLE = "SMTPLOG_STDOUT_TERMINAL";
  /** {@code yes} or {@code no}: whether standard error is a terminal, as the launcher found. */
  public static final String STDERR_VARIABLE = "SMTPLOG_STDERR_TERMINAL";
  /** The width when a terminal does not say its own. */
  public static final int DEFAULT_COLUMNS = 120;
  private static final long ASK_SECONDS = 2;

  private Terminal() {}

  /** Whether standard output is a terminal. */
  public static boolean stdoutIsTerminal() {
    Optional<Boolean> said = said(STDOUT_VARIABLE);
    if (said.isPresent()) {
      return said.get();
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ (compiled for 17, so looked up): a console is there even when the streams are redirected.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // up to JDK 21 there is a console only when standard input and output are terminals
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Whether standard error is a terminal. Any failure to find out means no. */
  public static boolean stderrIsTerminal() {
    Optional<Boolean> said = said(STDERR_VARIABLE);
    if (said.isPresent()) {
      return said.get();
    }
    return shell("test -t 2", ProcessBuilder.Redirect.INHERIT).isPresent();
  }

  /** The terminal's width: {@code COLUMNS}, else what the terminal says, else {@link #DEFAULT_COLUMNS}. */
  public static int columns() {
    Integer columns = parse(System.getenv("COLUMNS"));
    if (columns == null) {
      // Shells do not export COLUMNS; ask the terminal ("stty size" prints "ROWS COLUMNS").
      // Its complaints (no controlling terminal: "cannot open /dev/tty") are not the user's business.
      columns = shell("stty size < /dev/tty", ProcessBuilder.Redirect.DISCARD).map(answer -> {
        int space = answer.indexOf(' ');
        return space < 0 ? null : parse(answer.substring(space + 1));
      }).orElse(null);
    }
    // A terminal that does not know its size says 0 (a serial console, some container consoles).
    return columns == null || columns <= 0 ? DEFAULT_COLUMNS : columns;
  }

  private static Optional<Boolean> said(String variable) {
    String value = System.getenv(variable);
    return "yes".equals(value) ? Optional.of(true) : "no".equals(value) ? Optional.of(false) : Optional.empty();
  }

  /**
   * What {@code command} printed, when it succeeded. Its standard error goes to {@code error}: inherited
   * for test -t 2 to see ours, discarded where its messages would only be noise on the user's.
   */
  private static Optional<String> shell(String command, ProcessBuilder.Redirect error) {
    try {
      Process process = new ProcessBuilder("sh", "-c", command).redirectError(error).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.waitFor(ASK_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(out)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Integer parse(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
