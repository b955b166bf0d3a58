package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Failures;
import io.smtplog.cli.UserError;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a command writes its result: standard output, or a file that appears whole or not at all
 * (the folders above it are created when missing).
 * A regular file (or a new one) is written to a temporary file beside it and renamed over it by
 * {@link #commit()}; closed without a commit (the command failed), the temporary file is deleted
 * and the file left as it was. A device or a pipe ({@code -o /dev/stdout}) is written directly.
 * Use: {@code try (Destination d = ...) { write to d.writer(); d.commit(); }}. Not thread-safe.
 */
public final class Destination implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final WatchedOutput watched;
  private final Writer writer;
  private boolean committed;

  private Destination(Path target, Path temp, FileChannel channel, Writer encoder, WatchedOutput watched) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.watched = watched;
    this.writer = new Unclosable(encoder, this);
  }

  /** Standard output: never closed, only flushed (its failures are checked once, at the end of the command). */
  public static Destination stdout(PrintWriter out) {
    return new Destination(null, null, null, out, null);
  }

  /** {@code file} (UTF-8), or standard output when it is null. */
  public static Destination of(Path file, PrintWriter stdout) {
    return file == null ? stdout(stdout) : file(file);
  }

  /** A file, written whole or not at all (see the class comment); a file that cannot be created is a user error. */
  public static Destination file(Path file) {
    try {
      if (isDescriptor(file)) {
        // /dev/stdout, /dev/fd/N, /proc/self/fd/N: the shell's own redirection, which may be a pipe, a
        // terminal or a file opened with >> (never resolved, replaced or truncated: appended to).
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        WatchedOutput watched = new WatchedOutput(Channels.newOutputStream(channel));
        return new Destination(file, null, channel, new OutputStreamWriter(watched, StandardCharsets.UTF_8), watched);
      }
      Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
      if (target.getParent() != null && !Files.exists(target.getParent())) {
        // "-o out/relay.json" makes out/, as "--format csv -o out/" does: the file named in a
        // suggestion ("name a file (-o out/relay.json)") is one that can be written.
        Files.createDirectories(target.getParent());
      }
      // A device or a pipe is written as it is; so is a file one may write but not replace (its folder is not
      // writable): emptied again if the command fails, so a half-written report never looks complete.
      boolean direct = Files.exists(target) && (!Files.isRegularFile(target)
          || (Files.isWritable(target) && !Files.isWritable(target.getParent())));
      Path temp = direct ? null : target.resolveSibling("." + target.getFileName() + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
      // CREATE_NEW: the temporary name is never an existing file (nor a link someone planted).
      FileChannel channel = direct
          ? FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
          : FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
      WatchedOutput watched = new WatchedOutput(Channels.newOutputStream(channel));
      return new Destination(target, temp, channel, new OutputStreamWriter(watched, StandardCharsets.UTF_8), watched);
    } catch (IOException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot write " + file + ": " + reason(e), e);
    }
  }

  /**
   * A path that names an open descriptor ({@code /dev/stdout}, {@code /dev/fd/N}, {@code /proc/.../fd/N})
   * or a device ({@code /dev/null}), as given: not a file in {@code /dev/shm}, which is replaced as any.
   */
  public static boolean isDescriptor(Path file) {
    String path = file.toAbsolutePath().normalize().toString();
    if (path.startsWith("/proc/") || path.startsWith("/dev/fd/") || path.equals("/dev/stdout")
        || path.equals("/dev/stderr")) {
      return true;
    }
    return path.startsWith("/dev/") && Files.exists(file) && !Files.isRegularFile(file);
  }

  /** The writer to write to; closing it only flushes (the destination's {@link #close()} ends it). */
  public Writer writer() {
    return writer;
  }

  /** Everything was written: flush, and put the file in place (atomically). */
  public void commit() {
    try {
      writer.flush();
      if (channel != null) {
        failIfAnyWriteFailed();
        if (temp != null) {
          channel.force(true); // on disk before the rename, so a crash cannot leave an empty file under the name
        }
        channel.close();
        if (temp != null) {
          keepPermissions();
          move();
        }
      }
      committed = true;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private void failIfAnyWriteFailed() throws IOException {
    if (watched.failure().isPresent()) {
      throw watched.failure().get();
    }
  }

  /** A report replacing an older one keeps the older one's permissions (a report others may read). */
  private void keepPermissions() {
    try {
      if (Files.exists(target)) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: the new file has the default permissions.
    }
  }

  private void move() throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Without a commit: the temporary file is deleted, the target left as it was. */
  @Override
  public void close() {
    if (channel == null) {
      try {
        writer.flush();
      } catch (IOException e) {
        // Standard output: its failure is reported once, at the end of the command.
      }
      return;
    }
    if (committed) {
      return;
    }
    try {
      if (temp == null && Files.isRegularFile(target)) {
        channel.truncate(0);
      }
      channel.close();
    } catch (IOException e) {
      // Closing after a failure: the failure is what the user is told.
    }
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // Nothing more can be done; the name starts with a dot and ends in .tmp.
      }
    }
  }

  private UserError failed(IOException e) {
    String outcome = temp != null ? "; it was not written (" + target + " is as it was)"
        : Files.isRegularFile(target) ? "; it was left empty" : "; the output is incomplete";
    return new UserError(ExitCodes.INPUT_UNREADABLE, "cannot write " + target + ": " + reason(e) + outcome, e);
  }

  private static String reason(IOException e) {
    return Failures.why(e);
  }

  /** The writer handed out: a write that fails ends the command (as a user error), closing only flushes. */
  private static final class Unclosable extends Writer {
    private final Writer out;
    private final Destination owner;

    Unclosable(Writer out, Destination owner) {
      this.out = out;
      this.owner = owner;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      try {
        out.write(buf, off, len);
      } catch (IOException e) {
        throw owner.failed(e);
      }
    }

    @Override
    public void write(String s, int off, int len) {
      try {
        out.write(s, off, len);
      } catch (IOException e) {
        throw owner.failed(e);
      }
    }

    @Override
    public void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw owner.failed(e);
      }
    }

    @Override
    public void close() {
      flush();
    }
  }
}
