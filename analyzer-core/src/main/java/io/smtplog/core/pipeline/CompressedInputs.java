package io.smtplog.core.pipeline;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
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
  /** The most a compressed input is asked to decode at once (see {@link Decoded#read(byte[], int, int)}). */
  static final int STEP = 8192;

  private CompressedInputs() {}

  /** True when {@code magic}, the first bytes of a file, are those of a format read here. */
  static boolean isCompressed(byte[] magic) {
    return startsWith(magic, 0x1f, 0x8b) || startsWith(magic, 'B', 'Z', 'h')
        || startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00) || startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd);
  }

  /**
   * An input's content, decompressed when it is compressed; it knows whether its source (the file)
   * ran out, which tells a cut archive (a copy in progress, a rotation interrupted) from one
   * damaged in its middle when the codec fails.
   */
  static final class Decoded extends FilterInputStream {
    private final boolean compressed;
    private final boolean byteWise;
    private final SourceEnd source;
    /** A failure after some bytes of a read were decoded: those are returned first, the failure next. */
    private IOException pending;

    private Decoded(InputStream content, boolean compressed, boolean byteWise, SourceEnd source) {
      super(content);
      this.compressed = compressed;
      this.byteWise = byteWise;
      this.source = source;
    }

    /**
     * Reads what the codec decodes, so that a failure loses nothing it decoded before: a codec
     * that fails inside a large read drops what that read had decoded (bzip2 and zstd do; gzip
     * and xz return it first). bzip2 decodes a byte at a time anyway and is read so; others in
     * steps of {@value #STEP} bytes, which bounds what zstd can drop.
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pending != null) {
        IOException e = pending;
        pending = null;
        throw e;
      }
      if (!compressed || len == 0) {
        return in.read(b, off, len);
      }
      if (!byteWise) {
        return in.read(b, off, Math.min(len, STEP));
      }
      int n = 0;
      try {
        for (int c; n < len && (c = in.read()) >= 0; n++) {
          b[off + n] = (byte) c;
        }
      } catch (IOException e) {
        if (n == 0) {
          throw e;
        }
        pending = e;
      }
      return n == 0 ? -1 : n;
    }

    boolean isCompressed() {
      return compressed;
    }

    /** True once the file's bytes were all read (by the codec, when compressed). */
    boolean sourceEnded() {
      return source.ended;
    }
  }

  /** The raw bytes, noting when they run out. */
  private static final class SourceEnd extends FilterInputStream {
    private boolean ended;

    SourceEnd(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      ended |= n < 0;
      return n;
    }
  }

  static Decoded decompress(InputStream raw) throws IOException {
    SourceEnd source = new SourceEnd(raw);
    BufferedInputStream in = new BufferedInputStream(source, 1 << 16);
    in.mark(8);
    byte[] magic = in.readNBytes(6);
    in.reset();
    if (startsWith(magic, 0x1f, 0x8b)) {
      return new Decoded(new GZIPInputStream(in, 1 << 16), true, false, source);
    }
    if (startsWith(magic, 'B', 'Z', 'h')) {
      return new Decoded(new BZip2CompressorInputStream(in, true), true, true, source);
    }
    if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return new Decoded(XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get(),
          true, false, source);
    }
    if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
      return new Decoded(new ZstdCompressorInputStream(in), true, false, source);
    }
    return new Decoded(in, false, false, source);
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
