package io.smtplog.core.pipeline;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Opens a possibly compressed stream by its magic bytes, not its name: gzip (the JDK; concatenated
 * members are read through), bzip2, xz and zstd (Apache Commons Compress).
 */
final class CompressedInputs {
  private CompressedInputs() {}

  /** True when {@code magic}, the first bytes of a file, are those of a format read here. */
  static boolean isCompressed(byte[] magic) {
    return startsWith(magic, 0x1f, 0x8b) || startsWith(magic, 'B', 'Z', 'h')
        || startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00) || startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd);
  }

  static InputStream decompress(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(8);
    byte[] magic = in.readNBytes(6);
    in.reset();
    if (startsWith(magic, 0x1f, 0x8b)) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (startsWith(magic, 'B', 'Z', 'h')) {
      return new BZip2CompressorInputStream(in, true);
    }
    if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
    }
    if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
      return new ZstdCompressorInputStream(in);
    }
    return in;
  }

  private static boolean startsWith(byte[] data, int... prefix) {
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
