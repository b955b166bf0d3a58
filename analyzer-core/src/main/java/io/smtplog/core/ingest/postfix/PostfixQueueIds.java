package io.smtplog.core.ingest.postfix;

/**
 * Recognises Postfix queue ids at the start of a record (postfix-log-format reference, section 2.1;
 * global/mail_queue.h): short ids are upper-case hex (in practice 8 to 12 characters, at least 5
 * of microseconds); long ids use the 52-character alphabet without vowels, with the last "z" as the
 * separator before the inode part. "NOQUEUE" stands for "no queue file yet".
 */
final class PostfixQueueIds {
  static final String NOQUEUE = "NOQUEUE";

  private PostfixQueueIds() {}

  /**
   * If {@code line} has a queue id (or NOQUEUE) at {@code from} followed by ": " (or by ":" at the
   * end of a cut line), returns the index of that colon; otherwise -1.
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
    if (length < 5 || i >= n || line.charAt(i) != ':' || (i + 1 < n && line.charAt(i + 1) != ' ')) {
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
