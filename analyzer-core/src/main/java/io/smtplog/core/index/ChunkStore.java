package io.smtplog.core.index;

import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.pipeline.RawChunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.util.BytesRef;

/**
 * Stores the lines the pipeline read as chunk documents, and reads them back: the bytes as read,
 * after a small header with what reading them again needs ({@link RawChunk}). The index's stored
 * fields are deflated ({@link LogIndexer}): deflating the lines here first made the index 6% larger
 * (deflated data does not shrink again) and read them back through two inflations. The chunk's
 * input (its ordinal in the {@link FileTable}) and its first and last line are doc values, so the
 * chunks of some lines are found without reading the others. Thread-safe (chunks are encoded on
 * the parser threads).
 */
final class ChunkStore {
  private static final int VERSION = 2;
  static final String FIRST = IndexFields.CHUNK_FIRST;
  static final String LAST = IndexFields.CHUNK_LAST;
  static final String FILE = IndexFields.CHUNK_FILE;

  private ChunkStore() {}

  /** The stored form of a chunk (header and bytes), made on a parser thread. */
  static byte[] encode(RawChunk chunk) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(chunk.length() + 256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeUTF(chunk.file());
      out.writeUTF(chunk.format().id());
      out.writeUTF(chunk.notation().map(TranscriptNotation::id).orElse(""));
      out.writeUTF(chunk.zone().getId());
      for (int year : chunk.years()) {
        out.writeShort(year);
      }
      out.writeLong(chunk.capturedAt().getEpochSecond());
      out.writeInt(chunk.capturedAt().getNano());
      out.writeLong(chunk.firstLine());
      out.writeInt(chunk.lineCount());
      out.writeLong(chunk.endOffset());
      out.writeInt(chunk.length());
      out.write(chunk.data(), 0, chunk.length());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
  }

  /** The document of a stored chunk of input {@code input} (read as {@code file}), at {@code seq} in reading order. */
  static Document document(int input, String file, long firstLine, long lastLine, long seq, byte[] stored) {
    Document d = new Document();
    d.add(new KeywordField(IndexFields.KIND, IndexFields.CHUNK, Field.Store.NO));
    d.add(new NumericDocValuesField(IndexFields.SEQ, seq));
    d.add(new NumericDocValuesField(IndexFields.INPUT, input));
    d.add(new NumericDocValuesField(FIRST, firstLine));
    d.add(new NumericDocValuesField(LAST, lastLine));
    // Doc values, not stored: listing the chunks must not decompress their lines.
    d.add(new SortedDocValuesField(FILE, new BytesRef(file)));
    d.add(new StoredField(IndexFields.CHUNK_DATA, stored));
    return d;
  }

  /** A stored chunk read back: the lines and how to read them. */
  static RawChunk decode(byte[] stored) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalStateException("a stored chunk of version " + version + " (this smtplog reads " + VERSION + ")");
      }
      String file = in.readUTF();
      InputFormat format = InputFormat.ofId(in.readUTF()).orElse(InputFormat.SYSLOG);
      String notation = in.readUTF();
      ZoneId zone = ZoneId.of(in.readUTF());
      int[] years = new int[12];
      for (int i = 0; i < 12; i++) {
        years[i] = in.readShort();
      }
      Instant capturedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
      long firstLine = in.readLong();
      int lineCount = in.readInt();
      long endOffset = in.readLong();
      int length = in.readInt();
      int header = stored.length - in.available();
      if (in.available() != length) {
        throw new IllegalStateException("a stored chunk of " + file + " is damaged: " + in.available() + " of " + length
            + " bytes");
      }
      byte[] data = java.util.Arrays.copyOfRange(stored, header, header + length);
      Optional<TranscriptNotation> parsedNotation = notation.isEmpty() ? Optional.empty() : TranscriptNotation.ofId(notation);
      return new RawChunk(file, format, parsedNotation, zone, years, capturedAt, data, length, firstLine, lineCount,
          endOffset);
    } catch (IOException e) {
      throw new IllegalStateException("a stored chunk cannot be read: " + e.getMessage(), e);
    }
  }
}
