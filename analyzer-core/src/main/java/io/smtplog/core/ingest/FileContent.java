package io.smtplog.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the first bytes of a file say about it: a compressed stream of a format read here (gzip,
 * bzip2, xz, zstd, by their magic numbers), or binary data that is no text at all. Everything
 * else is text, and might be a log. Stateless.
 */
public final class FileContent {
  /** Bytes looked at: enough for a few dozen log lines, cheap for a folder of thousands of files. */
  static final int SAMPLE_BYTES = 8192;
  /**
   * Above this share of control bytes (NULs aside) a file is binary. Text logs have none but tabs,
   * line ends and the odd escape; random or packed data has about one byte in ten.
   */
  private static final double BINARY_CONTROL_SHARE = 0.02;

  private FileContent() {}

  /** True when {@code magic}, the first bytes of a file, are those of a compressed format read here. */
  public static boolean isCompressed(byte[] magic) {
    return startsWith(magic, 0x1f, 0x8b) // gzip, RFC 1952 section 2.3.1
        || startsWith(magic, 'B', 'Z', 'h') // bzip2
        || startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00) // xz, .xz file format section 2.1.1.1
        || startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd); // zstd frame, RFC 8878 section 3.1.1
  }

  /**
   * True when the file starts with binary data that is not a compressed log: more than 2% of its
   * first {@value #SAMPLE_BYTES} bytes, NULs left out, are control characters. NULs alone do not
   * make a file binary: a log rotated with copytruncate while its writer kept its offset starts
   * with a run of them, and so does UTF-16 text. Never throws: a file that cannot be read is no
   * binary here (reading it says why).
   */
  public static boolean isBinary(Path file) {
    byte[] sample;
    try (InputStream in = Files.newInputStream(file)) {
      sample = in.readNBytes(SAMPLE_BYTES);
    } catch (IOException e) {
      return false;
    }
    return !isCompressed(sample) && isBinary(sample, sample.length);
  }

  static boolean isBinary(byte[] data, int length) {
    int counted = 0;
    int control = 0;
    for (int i = 0; i < length; i++) {
      int b = data[i] & 0xff;
      if (b == 0) {
        continue;
      }
      counted++;
      if (isControl(b)) {
        control++;
      }
    }
    return counted > 0 && control > counted * BINARY_CONTROL_SHARE;
  }

  /** C0 controls and DEL, but for tab, line feed, vertical tab, form feed, carriage return and escape. */
  private static boolean isControl(int b) {
    return (b < 0x20 && b != '\t' && b != '\n' && b != 0x0b && b != '\f' && b != '\r' && b != 0x1b) || b == 0x7f;
  }

  /** True when {@code data} starts with the bytes {@code prefix} (unsigned): a format's magic number. */
  public static boolean startsWith(byte[] data, int... prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((data[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
