package io.smtplog.core.pipeline;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Chunk buffers to fill again: a chunk's bytes are dead once its lines are parsed (lines and
 * events hold copies), and a fresh buffer per chunk made as much garbage as the input itself,
 * zeroed first. The reader takes, the parser gives back. Bounded: at most {@code max} buffers wait
 * here, others (and the larger buffers of very long lines) are left to the collector. Thread-safe.
 */
final class ChunkBuffers {
  private final int size;
  private final ArrayBlockingQueue<byte[]> free;

  /** Buffers of {@code size} bytes, at most {@code max} kept for use again. */
  ChunkBuffers(int size, int max) {
    this.size = size;
    this.free = new ArrayBlockingQueue<>(max);
  }

  /** A buffer of at least {@code minLength} bytes: one given back, or a new one. Its content is undefined. */
  byte[] take(int minLength) {
    byte[] buffer = minLength <= size ? free.poll() : null;
    return buffer != null ? buffer : new byte[Math.max(size, minLength)];
  }

  /** {@code buffer} will not be read again: it may be filled again. */
  void give(byte[] buffer) {
    if (buffer.length == size) {
      free.offer(buffer); // dropped when enough are waiting
    }
  }
}
