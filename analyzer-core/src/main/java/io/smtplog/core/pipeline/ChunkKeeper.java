package io.smtplog.core.pipeline;

/**
 * Keeps the chunks the pipeline reads, as they were read (the index stores them, compressed). The
 * work on a chunk's bytes runs on the parser threads; what it made is handed back on the calling
 * thread, in input order, before the chunk's events go to the sink.
 *
 * @param <K> what is kept of a chunk
 */
public interface ChunkKeeper<K> {
  /** On a parser thread: what to keep of {@code chunk}. */
  K keep(RawChunk chunk);

  /** On the calling thread, in input order, before the chunk's events are handed on. */
  void kept(K kept);
}
