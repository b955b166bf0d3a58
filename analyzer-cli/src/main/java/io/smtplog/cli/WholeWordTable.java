package io.smtplog.cli;

import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;

/**
 * A picocli text table that wraps plain cells at spaces only: before a cell is laid out, each
 * ASCII punctuation character becomes a private-use character that the line
 * {@link java.text.BreakIterator} treats as part of a word, and the rendered table gets the
 * punctuation back. Styled cells (option names on a colour terminal) are laid out as picocli does.
 */
final class WholeWordTable extends TextTable {
  /** Start of the private-use block the punctuation is moved to while the table is laid out. */
  private static final char SHIFT = '\uE000';
  private final ColorScheme scheme;

  WholeWordTable(ColorScheme scheme, Column... columns) {
    super(scheme, columns);
    this.scheme = scheme;
  }

  @Override
  public Cell putValue(int row, int col, Text value) {
    String plain = value.plainString();
    if (!plain.equals(value.toString())) {
      return super.putValue(row, col, value);
    }
    StringBuilder kept = new StringBuilder(plain.length());
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      kept.append(isPunctuation(c) ? (char) (SHIFT + c) : c);
    }
    return super.putValue(row, col, scheme.text(kept.toString()));
  }

  @Override
  public StringBuilder toString(StringBuilder text) {
    int start = text.length();
    super.toString(text);
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > SHIFT && c < SHIFT + 128) {
        text.setCharAt(i, (char) (c - SHIFT));
      }
    }
    return text;
  }

  private static boolean isPunctuation(char c) {
    return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
  }
}
