package io.smtplog.core.ingest;

import java.util.function.Function;

/**
 * The values a parser made lately from pieces of text (queue ids, peers), so that the lines that
 * repeat a piece share one value: a message's queue id is on each of its lines, a client on its
 * session's connect, client= and disconnect lines, a next hop on every delivery to it. A hit saves
 * the substring, the value and the garbage they make, and later comparisons of shared values stop
 * at the reference check. A direct-mapped table keyed by the text's hash (a collision replaces the
 * entry), so memory is bounded and a lookup costs one hash of the text and one comparison. Not
 * thread-safe: one per parser.
 *
 * @param <T> the value made from a text; null values are not kept
 */
public final class RecentValues<T> {
  private final String[] texts;
  private final Object[] values;
  private final int mask;

  /** A table of {@code size} entries, a power of two. */
  public RecentValues(int size) {
    if (size <= 0 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two, was " + size);
    }
    texts = new String[size];
    values = new Object[size];
    mask = size - 1;
  }

  /**
   * The value of {@code line.substring(from, to)}: the one made lately from an equal text, or
   * {@code make}'s, which is kept unless it is null.
   */
  @SuppressWarnings("unchecked")
  public T get(String line, int from, int to, Function<String, T> make) {
    int length = to - from;
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + line.charAt(i);
    }
    int slot = (h ^ (h >>> 16)) & mask;
    String cached = texts[slot];
    if (cached != null && cached.length() == length && line.regionMatches(from, cached, 0, length)) {
      return (T) values[slot];
    }
    String text = line.substring(from, to);
    T value = make.apply(text);
    if (value != null) {
      texts[slot] = text;
      values[slot] = value;
    }
    return value;
  }
}
