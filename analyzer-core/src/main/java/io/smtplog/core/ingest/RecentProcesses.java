package io.smtplog.core.ingest;

import io.smtplog.core.model.ProcessRef;

/**
 * The processes of recent lines, so that the lines of one process share one {@link ProcessRef}:
 * daemons' lines interleave, so "the process of the line before" is rarely the same, and a new
 * object per line costs an allocation here and, in correlation (where processes are hash keys of
 * sessions and dialogues), a comparison of four fields where a reference check would do. A
 * direct-mapped table keyed by pid (a collision replaces the entry): bounded. Not thread-safe: one
 * per parser.
 */
public final class RecentProcesses {
  private static final int SIZE = 256;
  private final ProcessRef[] table = new ProcessRef[SIZE];

  /** The process (host, instance, program, pid), shared with the recent lines that named it. */
  public ProcessRef of(String host, String instance, String program, long pid) {
    int slot = (int) ((pid ^ (pid >>> 32)) * 0x9E3779B97F4A7C15L >>> 56); // the top 8 bits: SIZE slots
    ProcessRef cached = table[slot];
    if (cached != null && cached.pid() == pid && same(cached.program(), program) && same(cached.host(), host)
        && same(cached.instance(), instance)) {
      return cached;
    }
    ProcessRef fresh = new ProcessRef(host, instance, program, pid);
    table[slot] = fresh;
    return fresh;
  }

  private static boolean same(String a, String b) {
    return a == b || a.equals(b); // the header parser shares its strings: nearly always the same reference
  }
}
