package io.smtplog.core.ingest.postfix;

/**
 * Recognises Postfix queue ids at the start of a record (postfix-log-format reference, section 2.1;
 * global/mail_queue.h): short ids are upper-case hex (in practice 8 to 12 characters, at least 5
 * of microseconds); long ids use the 52-character alphabet without vowels, with the last "z" as the
 * separator before the inode part. "NOQUEUE" stands for "no queue file yet".
 *
 * <p>Logs anonymised for support replace or extend the ids ("7E1AEC2C388XXXX", "notificationXXXX"),
 * so any other token of letters and digits in that place is a queue id too, as pflogsumm reads
 * them ({@code [A-Za-z0-9]+:}), but only when the text after it is a record of a queue file
 * ({@link #endOfToken}); the caller decides that. Stateless.
 */
final class PostfixQueueIds {
  static final String NOQUEUE = "NOQUEUE";

  /** No anonymiser writes longer ids; a longer token is a word of some other text. */
  private static final int MAX_TOKEN = 64;

  private PostfixQueueIds() {}

  /**
   * If {@code line} has a queue id in one of Postfix's own shapes (or NOQUEUE) at {@code from},
   * followed by ": " (or by ":" at the end of a cut line), returns the index of that colon;
   * otherwise -1.
   */
  static int endOfQueueId(String line, int from) {
    int n = line.length();
    int i = from;
    boolean allHex = true;
    boolean hasZ = false;
    while (i < n) {
      char c = line.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')) {
        i++;
      } else if ((c >= 'G' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        allHex = false;
        hasZ |= c == 'z';
        i++;
      } else {
        break;
      }
    }
    int length = i - from;
    // "QID: text", or "QID:" at the very end of a cut line
    if (length < 5 || !colonAt(line, i)) {
      return -1;
    }
    if (allHex) {
      return length <= 32 ? i : -1; // inode numbers of large file systems make long hex ids
    }
    if (length == 7 && line.startsWith(NOQUEUE, from)) {
      return i;
    }
    return hasZ && length >= 12 && isLongId(line, from, i) ? i : -1;
  }

  /**
   * If {@code line} has a token of ASCII letters and digits at {@code from} followed by ": ",
   * returns the index of that colon; otherwise -1. Such a token is a queue id only when the text
   * after it is a queue file's record: "warning: ...", "statistics: ...", "fsspace: ..." have the
   * same shape and are not.
   */
  static int endOfToken(String line, int from) {
    int n = line.length();
    int i = from;
    while (i < n && i - from <= MAX_TOKEN) {
      char c = line.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        i++;
      } else {
        break;
      }
    }
    return i > from && i - from <= MAX_TOKEN && i + 1 < n && line.charAt(i) == ':' && line.charAt(i + 1) == ' '
        ? i : -1;
  }

  private static boolean colonAt(String line, int i) {
    int n = line.length();
    return i < n && line.charAt(i) == ':' && (i + 1 == n || line.charAt(i + 1) == ' ');
  }

  /** Long ids contain no vowels; the last 'z' separates time from inode and is not at either end. */
  private static boolean isLongId(String line, int from, int to) {
    int lastZ = -1;
    for (int i = from; i < to; i++) {
      char c = line.charAt(i);
      switch (c) {
        case 'A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u' -> {
          return false;
        }
        case 'z' -> lastZ = i;
        default -> { }
      }
    }
    return lastZ - from >= 10 && lastZ < to - 1;
  }
}
