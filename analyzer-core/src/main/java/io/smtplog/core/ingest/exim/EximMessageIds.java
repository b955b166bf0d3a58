package io.smtplog.core.ingest.exim;

/**
 * Recognises Exim message ids (exim-log-format reference section 3): the 16-character
 * {@code TTTTTT-PPPPPP-SS} of Exim up to 4.96 and the 23-character {@code TTTTTT-PPPPPPPPPPP-SSSS}
 * of 4.97 and later, in base 62 (base 36 on case-insensitive file systems). The lengths between
 * (a 6- to 11-character middle part, a 2- to 4-character last part) are accepted too: hand-written
 * examples and converters get the width of the pid part wrong, and nothing else in a log entry
 * starts with that shape. Stateless.
 */
final class EximMessageIds {
  private EximMessageIds() {}

  /**
   * Returns the index just past a message id starting at {@code from}, when one is there and is
   * followed by a space or the end of the text; -1 otherwise.
   */
  static int end(String text, int from) {
    int n = text.length();
    if (from + 16 > n || text.charAt(from + 6) != '-') {
      return -1;
    }
    for (int i = from; i < from + 6; i++) {
      if (!isBase62(text.charAt(i))) {
        return -1;
      }
    }
    int middle = from + 7;
    int i = middle;
    while (i < n && i - middle < 12 && isBase62(text.charAt(i))) {
      i++;
    }
    if (i - middle < 6 || i - middle > 11 || i >= n || text.charAt(i) != '-') {
      return -1;
    }
    int last = i + 1;
    int j = last;
    while (j < n && j - last < 5 && isBase62(text.charAt(j))) {
      j++;
    }
    if (j - last < 2 || j - last > 4 || (j < n && text.charAt(j) != ' ')) {
      return -1;
    }
    return j;
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
