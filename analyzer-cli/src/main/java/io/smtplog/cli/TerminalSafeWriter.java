package io.smtplog.cli;

import io.smtplog.core.report.format.SafeText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Standard error as people read it: every message there may name a file or quote an argument or a
 * query, and a file name can hold escape sequences ({@code x\e]0;title\a\e[2J.log} retitles and
 * clears a terminal). Each character {@link SafeText#stripControls} replaces becomes U+FFFD, except
 * the line breaks and tabs the messages are laid out with, so no path and no quote needs cleaning
 * where it is written. Not thread-safe.
 */
final class TerminalSafeWriter extends FilterWriter {
  TerminalSafeWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    out.write(safe((char) c));
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    char[] copy = new char[len];
    for (int i = 0; i < len; i++) {
      copy[i] = safe(buf[off + i]);
    }
    out.write(copy, 0, len);
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    write(s.toCharArray(), off, len);
  }

  static char safe(char c) {
    return c == '\n' || c == '\r' || c == '\t' || !SafeText.isUnsafe(c) ? c : '\uFFFD';
  }
}
