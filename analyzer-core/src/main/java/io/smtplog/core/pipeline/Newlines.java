package io.smtplog.core.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds and counts '\n' bytes eight at a time (SWAR: a zero byte in {@code x ^ 0x0a0a...} is
 * found with the "has zero byte" bit trick), the inner loop of reading logs.
 */
final class Newlines {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Newlines() {}

  /** Index of the first '\n' in {@code data[from, to)}, or {@code to} when there is none. */
  static int indexOf(byte[] data, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long x = (long) LONGS.get(data, i) ^ NEWLINES;
      long found = (x - LOW_BITS) & ~x & HIGH_BITS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      i += 8;
    }
    while (i < to && data[i] != '\n') {
      i++;
    }
    return i;
  }

  /** Number of '\n' bytes in {@code data[0, length)}. */
  static int count(byte[] data, int length) {
    int count = 0;
    int i = 0;
    while (i + 8 <= length) {
      long x = (long) LONGS.get(data, i) ^ NEWLINES;
      // Exact per byte (no borrow between bytes): 0x80 where the byte of x is zero.
      long zeroes = ~(((x & ~HIGH_BITS) + ~HIGH_BITS) | x | ~HIGH_BITS);
      count += Long.bitCount(zeroes);
      i += 8;
    }
    for (; i < length; i++) {
      if (data[i] == '\n') {
        count++;
      }
    }
    return count;
  }
}
