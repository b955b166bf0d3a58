package io.smtplog.core.ingest.syslog;

/**
 * Reuses the few distinct strings that repeat on almost every line (host names, tags), so the hot
 * path neither allocates them again nor recomputes their hashes. A direct-mapped table keyed by a
 * hash of the characters; a collision simply replaces the entry. Not thread-safe.
 */
final class TextCache {
  private static final int SIZE = 256;
  private final String[] texts = new String[SIZE];
  private final SyslogTag[] tags = new SyslogTag[SIZE];
  private String lastText = "";

  /** {@code line.substring(from, to)}, shared when seen recently. */
  String text(String line, int from, int to) {
    if (lastText.length() == to - from && line.regionMatches(from, lastText, 0, to - from)) {
      return lastText; // the host of the previous line: nearly always
    }
    int slot = slot(line, from, to);
    String cached = texts[slot];
    if (cached != null && cached.length() == to - from && line.regionMatches(from, cached, 0, to - from)) {
      return lastText = cached;
    }
    String fresh = line.substring(from, to);
    texts[slot] = fresh;
    return lastText = fresh;
  }

  /**
   * The tag {@code line.substring(from, to)}, split, shared when seen recently. Looked up by slot
   * at once: daemons' lines interleave, so the tag of the line before is often another of the same
   * length ("postfix/qmgr", "postfix/smtp"), and comparing with it first was a wasted comparison.
   */
  SyslogTag tag(String line, int from, int to) {
    int slot = slot(line, from, to);
    SyslogTag cached = tags[slot];
    if (cached != null && cached.tag().length() == to - from && line.regionMatches(from, cached.tag(), 0, to - from)) {
      return cached;
    }
    SyslogTag fresh = SyslogTag.of(line.substring(from, to));
    tags[slot] = fresh;
    return fresh;
  }

  /** O(1): the length and three characters pick the slot; a collision only costs a miss. */
  private static int slot(String line, int from, int to) {
    int length = to - from;
    if (length == 0) {
      return 0;
    }
    int h = length * 31 + line.charAt(from) * 7 + line.charAt(from + length / 2) * 3 + line.charAt(to - 1);
    return (h ^ (h >>> 7)) & (SIZE - 1);
  }
}
