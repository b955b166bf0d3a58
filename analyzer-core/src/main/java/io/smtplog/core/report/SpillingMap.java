package io.smtplog.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Running state per key (a domain) in bounded memory: at most {@code limit} keys are held; when a
 * new key would pass that, every state held is written to disk as one sorted run
 * ({@link SortedRuns}) and the map starts again empty. {@link #byKey()} reads the runs back merged,
 * the states of one key from several runs combined, so every count stays exact whatever the number
 * of keys. Not thread-safe.
 */
final class SpillingMap<S> {
  /** One key and its state. */
  record Entry<S>(String key, S state) {}

  private final Map<String, S> held = new HashMap<>();
  private final int limit;
  private final Supplier<S> create;
  private final BiConsumer<S, S> combine;
  private final SortedRuns.Codec<Entry<S>> codec;
  private final SortedRuns<Entry<S>> runs;

  /**
   * @param combine adds its second state to its first
   * @param codec writes and reads one key's state
   */
  SpillingMap(int limit, Supplier<S> create, BiConsumer<S, S> combine, SortedRuns.Codec<Entry<S>> codec) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    this.limit = limit;
    this.create = create;
    this.combine = combine;
    this.codec = codec;
    this.runs = new SortedRuns<>(codec, (a, b) -> a.key().compareTo(b.key()));
  }

  /** The state of {@code key}, created when it is new (after spilling the map when it is full). */
  S get(String key) {
    S state = held.get(key);
    if (state == null) {
      if (held.size() == limit) {
        spill();
      }
      state = create.get();
      held.put(key, state);
    }
    return state;
  }

  /** True when states were written to disk: {@link #held()} is then only part of them. */
  boolean spilled() {
    return runs.size() > 0;
  }

  /** The states held in memory: all of them unless {@link #spilled()}. */
  Map<String, S> held() {
    return held;
  }

  private void spill() {
    List<Entry<S>> entries = new ArrayList<>(held.size());
    held.forEach((k, s) -> entries.add(new Entry<>(k, s)));
    held.clear();
    runs.spill(entries);
  }

  /**
   * Every key once, in key order, with its whole state: the runs merged. Writes what is held as a
   * last run first, so call it once, after the last {@link #get}.
   */
  Iterator<Entry<S>> byKey() {
    if (!held.isEmpty()) {
      spill();
    }
    Iterator<Entry<S>> merged = runs.merged();
    return new Iterator<>() {
      private Entry<S> next = merged.hasNext() ? merged.next() : null;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Entry<S> next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Entry<S> current = next;
        next = null;
        while (merged.hasNext()) {
          Entry<S> e = merged.next();
          if (!e.key().equals(current.key())) {
            next = e;
            break;
          }
          combine.accept(current.state(), e.state());
        }
        return current;
      }
    };
  }

  /** Every key's whole state in runs sorted by a rank, and how many keys there are. */
  record Ranked<S>(SortedRuns<Entry<S>> runs, long keys) {}

  /**
   * Reads {@link #byKey()} once, shows each key's whole state to {@code visit} (to sum totals), and
   * writes them again in runs sorted by {@code order}, {@code limit} at a time.
   */
  Ranked<S> ranked(Comparator<Entry<S>> order, Consumer<Entry<S>> visit) {
    SortedRuns<Entry<S>> ranked = new SortedRuns<>(codec, order);
    List<Entry<S>> buffer = new ArrayList<>();
    long keys = 0;
    for (Iterator<Entry<S>> it = byKey(); it.hasNext(); ) {
      Entry<S> e = it.next();
      visit.accept(e);
      keys++;
      buffer.add(e);
      if (buffer.size() == limit) {
        ranked.spill(buffer);
        buffer = new ArrayList<>();
      }
    }
    if (!buffer.isEmpty()) {
      ranked.spill(buffer);
    }
    return new Ranked<>(ranked, keys);
  }
}
