package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.LogInput;

/**
 * Where to start reading each input, and where the reading got to: for incremental ingestion. The
 * pipeline starts an input at {@link #startOf} (a number of bytes of its decompressed content and
 * the lines in them) and reports, on the calling thread after the events of each chunk went to the
 * sink, the position just after that chunk's last line.
 */
public interface Resume {
  /** A position in an input's decompressed content: bytes and whole lines before it. */
  record Position(long offset, long lines) {
    public static final Position START = new Position(0, 0);
  }

  Position startOf(LogInput input);

  /** The events of {@code input} up to {@code end} were handed to the sink. */
  void consumed(LogInput input, Position end);

  /**
   * True when a file's last line without a newline is left for the next reading: a file still
   * being written ends mid-line, and a position placed after that part would cut the line in two
   * (the next ingest reads it whole). False for reports: the end of a file is the end of its last line.
   */
  default boolean leavesPartialLastLine() {
    return false;
  }

  /** Read every input from its start, report nothing. */
  Resume NONE = new Resume() {
    @Override
    public Position startOf(LogInput input) {
      return Position.START;
    }

    @Override
    public void consumed(LogInput input, Position end) {
      // nothing
    }
  };
}
