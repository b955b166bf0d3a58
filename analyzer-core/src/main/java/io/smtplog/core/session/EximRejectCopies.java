package io.smtplog.core.session;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Rejected;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the second copy of an Exim reject: Exim writes each reject to mainlog and to
 * rejectlog (exim-log-format reference, section 7), so reading both sees it twice. Keeps a 64-bit
 * digest of time, pid, stage, sender, recipient and text of the last {@value #MAX} rejects: the
 * copies are written at the same moment. Not thread-safe.
 */
public final class EximRejectCopies {
  static final int MAX = 200_000;

  private final Set<Long> seen = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > MAX;
    }
  });

  /** False when {@code r} is an Exim reject already seen (the other log's copy); true otherwise. */
  public boolean first(Rejected r) {
    return r.mta() != Mta.EXIM || seen.add(key(r));
  }

  private static long key(Rejected r) {
    long h = r.at().getEpochSecond() * 1_000_000_007L + r.at().getNano();
    h = h * 31 + r.process().pid();
    for (String part : new String[] {r.stage(), r.sender(), r.recipient(), r.detail()}) {
      h = h * 0x9E3779B97F4A7C15L + part.hashCode();
      h ^= h >>> 29;
    }
    return h;
  }
}
