package io.smtplog.core.index;

import java.util.Arrays;

/**
 * A list of lines of the inputs, each an input's ordinal in the {@link FileTable} and a line
 * number, packed in one {@code long} (ordinal in the top 24 bits, line in the low 40) and stored
 * as sorted, delta-encoded variable-length bytes: a story of ten lines takes about twenty bytes.
 * Mutable while a story grows; not thread-safe.
 */
public final class LineRefs {
  static final int LINE_BITS = 40;
  static final long MAX_LINE = (1L << LINE_BITS) - 1;
  static final int MAX_INPUT = (1 << 23) - 1;

  private long[] refs = new long[4];
  private int size;

  public static long pack(int input, long line) {
    if (input < 0 || input > MAX_INPUT || line < 0 || line > MAX_LINE) {
      throw new IllegalArgumentException("line " + line + " of input " + input + " cannot be packed");
    }
    return ((long) input << LINE_BITS) | line;
  }

  public static int input(long ref) {
    return (int) (ref >>> LINE_BITS);
  }

  public static long line(long ref) {
    return ref & MAX_LINE;
  }

  /** Adds a line (the last one again is ignored: an entry and its continuation lines add one each). */
  void add(long ref) {
    if (size > 0 && refs[size - 1] == ref) {
      return;
    }
    if (size == refs.length) {
      refs = Arrays.copyOf(refs, size * 2);
    }
    refs[size++] = ref;
  }

  void addAll(LineRefs other) {
    for (int i = 0; i < other.size; i++) {
      add(other.refs[i]);
    }
  }

  int size() {
    return size;
  }

  void forEach(java.util.function.LongConsumer action) {
    for (int i = 0; i < size; i++) {
      action.accept(refs[i]);
    }
  }

  /** The lines, sorted, without repeats. */
  long[] sorted() {
    long[] out = Arrays.copyOf(refs, size);
    Arrays.sort(out);
    int n = 0;
    for (int i = 0; i < out.length; i++) {
      if (n == 0 || out[n - 1] != out[i]) {
        out[n++] = out[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The lines, sorted and delta-encoded as unsigned variable-length integers. */
  byte[] encode() {
    return encode(sorted());
  }

  public static byte[] encode(long[] sorted) {
    byte[] out = new byte[sorted.length * 3 + 8];
    int pos = 0;
    long previous = 0;
    for (long ref : sorted) {
      long delta = ref - previous;
      previous = ref;
      if (out.length - pos < 10) {
        out = Arrays.copyOf(out, out.length * 2 + 10);
      }
      while ((delta & ~0x7FL) != 0) {
        out[pos++] = (byte) ((delta & 0x7F) | 0x80);
        delta >>>= 7;
      }
      out[pos++] = (byte) delta;
    }
    return Arrays.copyOf(out, pos);
  }

  /** The lines {@link #encode} wrote, sorted. */
  public static long[] decode(byte[] bytes) {
    long[] out = new long[Math.max(4, bytes.length / 2)];
    int n = 0;
    long previous = 0;
    int pos = 0;
    while (pos < bytes.length) {
      long delta = 0;
      int shift = 0;
      byte b;
      do {
        b = bytes[pos++];
        delta |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while (b < 0 && pos < bytes.length);
      previous += delta;
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = previous;
    }
    return Arrays.copyOf(out, n);
  }
}
