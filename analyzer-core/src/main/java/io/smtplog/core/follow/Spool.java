package io.smtplog.core.follow;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Standard input copied into a file as it comes ({@code journalctl -f -o json | smtplog follow -}),
 * so that it is followed like a log file: its lines are numbered, its position is checkpointed, and
 * a restart whose upstream sends the same entries again is recognised by their content. The file
 * is in {@code java.io.tmpdir} and deleted at {@link #close} (and at the JVM's exit). A last line
 * without its newline gets one when the input ends, so it is read too.
 */
final class Spool implements Closeable {
  private static final int BUFFER = 64 << 10;

  private final Path file;
  private final Thread copier;
  private volatile boolean ended;
  private volatile IOException failure;

  private Spool(Path file, InputStream in) {
    this.file = file;
    this.copier = new Thread(() -> copy(in), "smtplog-stdin");
    this.copier.setDaemon(true); // a read of standard input cannot be interrupted: it must not hold the JVM
  }

  /** Starts copying {@code in} into a new file under {@code java.io.tmpdir}. */
  static Spool start(InputStream in) throws IOException {
    Path file = Files.createTempFile("smtplog-stdin-", ".log");
    file.toFile().deleteOnExit();
    Spool spool = new Spool(file, in);
    spool.copier.start();
    return spool;
  }

  Path file() {
    return file;
  }

  /** True once the input ended (or failed) and all of it is in the file. */
  boolean ended() {
    return ended;
  }

  /** Why copying stopped before the input ended, or null. */
  IOException failure() {
    return failure;
  }

  private void copy(InputStream in) {
    // Written without a buffer of its own: each read is in the file at once for the next round.
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      byte[] buffer = new byte[BUFFER];
      int last = '\n';
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (n > 0) {
          out.write(buffer, 0, n);
          last = buffer[n - 1];
        }
      }
      if (last != '\n') {
        out.write('\n');
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      ended = true;
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
