package io.smtplog.core.ingest.exim;

/**
 * Recognises Exim message ids (exim-log-format reference section 3): the 16-character
 * {@code TTTTTT-PPPPPP-SS} of Exim up to 4.96 and the 23-character {@code TTTTTT-PPPPPPPPPPP-SSSS}
 * of 4.97 and later, in base 62 (base 36 on case-insensitive file systems). Stateless.
 */
final class EximMessageIds {
  private EximMessageIds() {}

  /**
   * Returns the index just past a message id starting at {@code from}, when one is there and is
   * followed by a space or the end of the text; -1 otherwise.
   */
  static int end(String text, int from) {
    int n = text.length();
    int length;
    if (from + 16 <= n && text.charAt(from + 6) == '-' && text.charAt(from + 13) == '-'
        && (from + 16 == n || text.charAt(from + 16) == ' ')) {
      length = 16;
    } else if (from + 23 <= n && text.charAt(from + 6) == '-' && text.charAt(from + 18) == '-'
        && (from + 23 == n || text.charAt(from + 23) == ' ')) {
      length = 23;
    } else {
      return -1;
    }
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      boolean dash = i == from + 6 || i == from + length - (length == 16 ? 3 : 5);
      if (dash ? c != '-' : !isBase62(c)) {
        return -1;
      }
    }
    return from + length;
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
