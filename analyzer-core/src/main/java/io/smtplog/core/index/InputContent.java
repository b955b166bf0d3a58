package io.smtplog.core.index;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.LogPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What an ingest reads of a file input to know which input it is ({@link Checkpoints}): its first
 * bytes, the bytes before a position (decompressed), and its device and inode. Never throws: a
 * file that cannot be read, or an archive cut short, gives what it holds, and the pipeline
 * reports the rest.
 */
final class InputContent {
  private InputContent() {}

  /** Up to {@code max} first bytes of the content: of a cut archive, what it holds; none when unreadable. */
  static byte[] head(LogInput input, int max) {
    byte[] head = new byte[max];
    int n = 0;
    try (InputStream in = LogPipeline.openContent(input)) {
      for (int r; n < head.length && (r = in.read(head, n, head.length - n)) >= 0; ) {
        n += r;
      }
    } catch (IOException e) {
      // the pipeline reports the unreadable input or the damaged archive
    }
    return Arrays.copyOf(head, n);
  }

  /** {@code count} bytes of the content ending at {@code offset}; null when it is shorter (or damaged before). */
  static byte[] before(LogInput input, long offset, int count) {
    try (InputStream in = LogPipeline.openContent(input)) {
      long left = offset - count;
      while (left > 0) {
        long n = in.skip(left);
        if (n <= 0) {
          if (in.read() < 0) {
            return null;
          }
          n = 1;
        }
        left -= n;
      }
      byte[] bytes = in.readNBytes(count);
      return bytes.length == count ? bytes : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The file's device and inode ("dev:ino"), or null where the file system does not say. */
  static String fileKey(Path path) {
    try {
      return Files.getAttribute(path, "unix:dev") + ":" + Files.getAttribute(path, "unix:ino");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }
}
