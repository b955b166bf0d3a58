package io.smtplog.core.session;

import io.smtplog.core.model.Rejected;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognises the second copy of a reject its server logs twice ({@link Rejected#mirrored()}: Exim
 * writes each reject to its main log and to its reject log, exim-log-format reference section 7),
 * so that reading both sees it once. Keeps a 64-bit digest of time, process, stage, sender,
 * recipient and text of the last {@value #MAX} mirrored rejects: the copies are written at the
 * same moment. Not thread-safe.
 */
final class RejectCopies {
  static final int MAX = 200_000;

  /** The file each recent mirrored reject was first read from, by digest. */
  private final Map<Long, String> seen = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
      return size() > MAX;
    }
  };

  /**
   * False when {@code r} is a mirrored reject already read from another file (the other log's
   * copy); true otherwise. The same reject twice in one file is two refusals (two connections from
   * one address in one second, written without a process id), never merged.
   */
  boolean first(Rejected r) {
    if (!r.mirrored()) {
      return true;
    }
    String file = r.source().file();
    String before = seen.putIfAbsent(key(r), file);
    return before == null || before.equals(file);
  }

  private static long key(Rejected r) {
    long h = r.at().getEpochSecond() * 1_000_000_007L + r.at().getNano();
    h = h * 31 + r.process().pid();
    for (String part : new String[] {r.process().host(), r.stage(), r.sender(), r.recipient(), r.detail()}) {
      h = h * 0x9E3779B97F4A7C15L + part.hashCode();
      h ^= h >>> 29;
    }
    return h;
  }
}
