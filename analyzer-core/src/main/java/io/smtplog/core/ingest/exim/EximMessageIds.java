package io.smtplog.core.ingest.exim;

/**
 * Recognises Exim message ids (exim-log-format reference section 3): the 16-character
 * {@code TTTTTT-PPPPPP-SS} of Exim up to 4.96 and the 23-character {@code TTTTTT-PPPPPPPPPPP-SSSS}
 * of 4.97 and later, in base 62 (base 36 on case-insensitive file systems). The lengths between
 * (a 6- to 11-character middle part, a 2- to 4-character last part) are accepted too: hand-written
 * examples and converters get the width of the pid part wrong, and nothing else in a log entry
 * starts with that shape.
 *
 * <p>Logs anonymised for support replace or extend the ids ("1tXyzA-000ABC-12XXXX",
 * "XXXXXX-XXXXXX-XX", "msgid42"). {@link #lenientEnd} finds such tokens of letters and digits;
 * the caller takes one for a message id only where the entry after it is one of a message's
 * (see {@link EximEntryParser}). Stateless.
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

  /** No anonymiser writes longer ids; a longer token is a word of some other text. */
  private static final int MAX_TOKEN = 64;

  /**
   * Returns the index just past a token of ASCII letters and digits at {@code from}, in
   * dash-separated parts none of which is empty ("1tXyzA-000ABC-12XXXX", "msgid42"), followed by
   * a space or the end of the text; -1 otherwise.
   */
  static int lenientEnd(String text, int from) {
    int n = text.length();
    int i = from;
    boolean partEmpty = true;
    while (i < n && i - from <= MAX_TOKEN) {
      char c = text.charAt(i);
      if (isBase62(c)) {
        partEmpty = false;
      } else if (c == '-' && !partEmpty) {
        partEmpty = true;
      } else {
        break;
      }
      i++;
    }
    if (partEmpty || i - from > MAX_TOKEN || (i < n && text.charAt(i) != ' ')) {
      return -1;
    }
    return i;
  }

  /** The number of dashes in {@code text[from, to)}: 2 in Exim's own layout. */
  static int dashes(String text, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '-') {
        count++;
      }
    }
    return count;
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
