package io.smtplog.core.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Counts distinct values in bounded memory (a K-minimum-values sketch): exact up to {@link #EXACT}
 * distinct values, an estimate within about 1% beyond (Bar-Yossef et al., "Counting distinct
 * elements in a data stream", 2002). Values are hashed to 64 bits (FNV-1a then a murmur3 finaliser);
 * the sketch keeps the smallest hashes, 2 MiB at most. Not thread-safe.
 */
final class DistinctCount {
  static final int EXACT = 1 << 16;

  // Open-addressed set of the kept hashes (0 = empty slot) and their count.
  private long[] table = new long[64];
  private int size;
  // Once more than EXACT values were seen: the kept hashes are those below this bound.
  private long bound = Long.MAX_VALUE;
  private boolean saturated;
  /** A count made elsewhere ({@link #counted}), or -1. */
  private long given = -1;

  void add(String value) {
    long h = hash(value) >>> 1; // non-negative
    if (h == 0) {
      h = 1;
    }
    if (h >= bound || contains(h)) {
      return;
    }
    insert(h);
    if (size > EXACT) {
      shrink();
    }
  }

  /**
   * Takes the count of distinct values made elsewhere (aggregates over the index: SummaryAggregates),
   * exact while at most {@link #EXACT}, as this one's is.
   */
  void counted(long count) {
    given = count;
  }

  /** The number of distinct values: exact while {@link #exact()}. */
  long count() {
    if (given >= 0) {
      return given;
    }
    if (!saturated) {
      return size;
    }
    // Every hash below the bound is kept: the values seen, scaled by the share of the range kept.
    return Math.round(size / ((double) bound / Long.MAX_VALUE));
  }

  boolean exact() {
    return given >= 0 ? given <= EXACT : !saturated;
  }

  private boolean contains(long h) {
    int mask = table.length - 1;
    for (int i = (int) mix(h) & mask; table[i] != 0; i = (i + 1) & mask) {
      if (table[i] == h) {
        return true;
      }
    }
    return false;
  }

  private void insert(long h) {
    if ((size + 1) * 2 > table.length) {
      rehash(table.length * 2);
    }
    int mask = table.length - 1;
    int i = (int) mix(h) & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = h;
    size++;
  }

  /** Keeps the EXACT / 2 smallest hashes; the bound becomes the smallest hash dropped. */
  private void shrink() {
    long[] kept = new long[size];
    int n = 0;
    for (long h : table) {
      if (h != 0) {
        kept[n++] = h;
      }
    }
    Arrays.sort(kept, 0, n);
    int keep = EXACT / 2;
    bound = kept[keep];
    saturated = true;
    table = new long[table.length];
    size = 0;
    for (int i = 0; i < keep; i++) {
      insert(kept[i]);
    }
  }

  private void rehash(int capacity) {
    long[] old = table;
    table = new long[capacity];
    size = 0;
    for (long h : old) {
      if (h != 0) {
        insert(h);
      }
    }
  }

  private static long hash(String value) {
    long h = 0xcbf29ce484222325L;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53a87d5L;
    h ^= h >>> 33;
    return h;
  }
}
