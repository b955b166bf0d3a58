package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.FileContent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
  private CompressedInputs() {}

  /** Opens an input's raw bytes again, from the start (a file; null for a stream, read once). */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;
  }

  /** True when {@code magic}, the first bytes of a file, are those of a format read here. */
  static boolean isCompressed(byte[] magic) {
    return FileContent.isCompressed(magic); // one list of magic numbers, which folders are sorted by too
  }

  /**
   * An input's content, decompressed when it is compressed. It knows whether its source (the file)
   * ran out, which tells a cut archive (a copy in progress, a rotation interrupted) from one
   * damaged in its middle when the codec fails; and it loses nothing the codec decoded before the
   * failure (see {@link #read(byte[], int, int)}).
   */
  static final class Decoded extends FilterInputStream {
    /** The most bytes decoded again after a failure ({@link #decodedBefore}). */
    private static final int RECOVERED_MAX = 16 << 20;

    private final boolean compressed;
    private final SourceEnd source;
    private final Source again;
    /** Bytes of content handed out (read or skipped). */
    private long delivered;
    /** What the codec decoded after {@link #delivered} before it failed, decoded again; then {@link #pending}. */
    private byte[] recovered;
    private int recoveredAt;
    private IOException pending;

    private Decoded(InputStream content, boolean compressed, SourceEnd source, Source again) {
      super(content);
      this.compressed = compressed;
      this.source = source;
      this.again = again;
    }

    boolean isCompressed() {
      return compressed;
    }

    /** True once the file's bytes were all read (by the codec, when compressed). */
    boolean sourceEnded() {
      return source.ended;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Reads what the codec decodes. A codec that fails inside a read drops what that read had
     * decoded (bzip2, xz and zstd do; gzip returns it first): a file is then decoded again up to
     * the same point and on a byte at a time to where it fails, so that every byte it could give
     * is given, then the failure. Only a damaged file costs the second decoding.
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (recovered != null) {
        int n = Math.min(len, recovered.length - recoveredAt);
        System.arraycopy(recovered, recoveredAt, b, off, n);
        recoveredAt += n;
        if (recoveredAt == recovered.length) {
          recovered = null;
        }
        delivered += n;
        return n;
      }
      if (pending != null) {
        IOException e = pending;
        pending = null;
        throw e;
      }
      if (!compressed || len == 0) {
        return in.read(b, off, len);
      }
      try {
        int n = in.read(b, off, len);
        delivered += Math.max(0, n);
        return n;
      } catch (IOException e) {
        byte[] rest = decodedBefore(e);
        if (rest.length == 0) {
          throw e;
        }
        recovered = rest;
        recoveredAt = 0;
        pending = e;
        return read(b, off, len);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      delivered += skipped;
      return skipped;
    }

    /** The bytes after {@link #delivered} that the codec decodes before it fails, decoded again; none for a stream. */
    private byte[] decodedBefore(IOException failure) {
      if (again == null) {
        return new byte[0];
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream raw = again.open(); InputStream content = decompress(raw, null)) {
        content.skipNBytes(delivered);
        // What one failed read held, at most: the codecs' blocks are under a megabyte, and a file
        // that grew since (a copy in progress) must not be decoded into memory whole.
        for (int c; out.size() < RECOVERED_MAX && (c = content.read()) >= 0; ) {
          out.write(c);
        }
      } catch (IOException | RuntimeException e) {
        // the failure again, where the codec stops: what came before it is all there is
      }
      return out.toByteArray();
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

  /**
   * The content of {@code raw}, decompressed when its magic bytes say so; {@code again} opens the
   * raw bytes anew (a file), or is null (a stream).
   */
  static Decoded decompress(InputStream raw, Source again) throws IOException {
    SourceEnd source = new SourceEnd(raw);
    BufferedInputStream in = new BufferedInputStream(source, 1 << 16);
    in.mark(8);
    byte[] magic = in.readNBytes(6);
    in.reset();
    if (FileContent.startsWith(magic, 0x1f, 0x8b)) {
      return new Decoded(new GZIPInputStream(in, 1 << 16), true, source, again);
    }
    if (FileContent.startsWith(magic, 'B', 'Z', 'h')) {
      return new Decoded(new BZip2CompressorInputStream(in, true), true, source, again);
    }
    if (FileContent.startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return new Decoded(XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get(),
          true, source, again);
    }
    if (FileContent.startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
      return new Decoded(new ZstdCompressorInputStream(in), true, source, again);
    }
    return new Decoded(in, false, source, null);
  }

}
