package io.smtplog.cli.option;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * An output stream that remembers its first write error, for writers that swallow errors
 * ({@link java.io.PrintWriter} does): once a write failed, every later write fails at once with
 * the same error, and {@link #failure()} tells what it was. Not thread-safe.
 */
public final class WatchedOutput extends FilterOutputStream {
  private IOException failure;

  public WatchedOutput(OutputStream out) {
    super(out);
  }

  /** The first error a write or flush met, if one did. */
  public Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * True when the reader went away (EPIPE): {@code smtplog ... | head} ends quietly, as other
   * command-line tools do, since the reader has what it asked for.
   */
  public static boolean isClosedPipe(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("broken pipe") || message.contains("pipe is being closed");
  }

  @Override
  public void write(int b) throws IOException {
    check();
    try {
      out.write(b);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    check();
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void flush() throws IOException {
    check();
    try {
      out.flush();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  private void check() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
