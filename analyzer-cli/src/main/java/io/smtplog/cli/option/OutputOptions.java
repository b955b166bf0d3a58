package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how a report is written. */
public final class OutputOptions {
  /** Report formats. */
  public enum Format { table, csv, json }

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  Format format = Format.table;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--width", paramLabel = "COLUMNS",
      description = "Table width. Default: the terminal's width; unlimited when piped or written to a file.")
  Integer width;

  public Format format() {
    return format;
  }

  /** The table width to use: --width, else the terminal's width, else unlimited (a pipe or a file). */
  public int width() {
    if (width != null) {
      return Math.max(20, width);
    }
    if (output != null || System.console() == null) {
      return Integer.MAX_VALUE;
    }
    Integer columns = parse(System.getenv("COLUMNS"));
    if (columns == null) {
      columns = terminalColumns();
    }
    return columns == null ? 120 : Math.max(20, columns);
  }

  /** Shells do not export COLUMNS; ask the terminal ("stty size" prints "ROWS COLUMNS"). */
  private static Integer terminalColumns() {
    try {
      Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
      String answer = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      if (!stty.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) || stty.exitValue() != 0) {
        return null;
      }
      int space = answer.indexOf(' ');
      return space < 0 ? null : parse(answer.substring(space + 1));
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static Integer parse(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Opens the output (UTF-8); the caller closes it. Standard output is wrapped, never closed. */
  public Writer open(PrintWriter stdout) {
    return open(output, stdout);
  }

  /** Opens {@code output} (UTF-8), or wraps standard output (never closed) when it is null. */
  public static Writer open(Path output, PrintWriter stdout) {
    if (output == null) {
      return new Writer() {
        @Override
        public void write(char[] buf, int off, int len) {
          stdout.write(buf, off, len);
        }

        @Override
        public void flush() {
          stdout.flush();
        }

        @Override
        public void close() {
          stdout.flush();
        }
      };
    }
    try {
      return new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot write " + output + ": " + e.getMessage(), e);
    }
  }
}
