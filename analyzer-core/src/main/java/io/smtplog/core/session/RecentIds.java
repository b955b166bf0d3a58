package io.smtplog.core.session;

import io.smtplog.core.model.QueueId;

/**
 * The last {@code capacity} queue ids added, as 64-bit digests in a ring and an open-addressed
 * table: 24 bytes an id, no object per id. A digest collision may take an id for a recent one with
 * a probability of about capacity / 2^64. Not thread-safe.
 */
final class RecentIds {
  private final long[] ring;
  private final long[] table;
  private int next;
  private int size;

  RecentIds(int capacity) {
    ring = new long[capacity];
    int slots = Integer.highestOneBit(capacity * 2 - 1) * 2;
    table = new long[slots];
  }

  void add(QueueId id) {
    long h = digest(id);
    if (contains(h)) {
      return;
    }
    if (size == ring.length) {
      remove(ring[next]);
    } else {
      size++;
    }
    ring[next] = h;
    next = (next + 1) % ring.length;
    insert(h);
  }

  boolean contains(QueueId id) {
    return contains(digest(id));
  }

  private boolean contains(long h) {
    int mask = table.length - 1;
    for (int i = slot(h, mask); table[i] != 0; i = (i + 1) & mask) {
      if (table[i] == h) {
        return true;
      }
    }
    return false;
  }

  private void insert(long h) {
    int mask = table.length - 1;
    int i = slot(h, mask);
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = h;
  }

  /** Removes {@code h} and re-inserts the entries of its probe run (linear probing deletion). */
  private void remove(long h) {
    int mask = table.length - 1;
    int i = slot(h, mask);
    while (table[i] != h) {
      if (table[i] == 0) {
        return;
      }
      i = (i + 1) & mask;
    }
    table[i] = 0;
    for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      long moved = table[j];
      table[j] = 0;
      insert(moved);
    }
  }

  private static int slot(long h, int mask) {
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private static long digest(QueueId id) {
    long h = 0xcbf29ce484222325L;
    String s = id.value();
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }
}
