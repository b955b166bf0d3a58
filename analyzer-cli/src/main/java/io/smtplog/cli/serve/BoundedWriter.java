package io.smtplog.cli.serve;

import java.io.IOException;
import java.io.Writer;

/**
 * Collects a command's standard output up to a number of characters; past it every write fails
 * (the command's PrintWriter stops writing) and {@link #exceeded()} says so.
 */
final class BoundedWriter extends Writer {
  private final StringBuilder text = new StringBuilder();
  private final int max;
  private boolean exceeded;

  BoundedWriter(int max) {
    this.max = max;
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    if (exceeded || text.length() + len > max) {
      exceeded = true;
      throw new IOException("the answer is longer than " + max + " characters");
    }
    text.append(chars, off, len);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  boolean exceeded() {
    return exceeded;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
