package io.smtplog.core.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * An external merge sort: sorted runs of records written to temporary files, read back merged in
 * one order, as often as wanted. What a report keeps per domain when there are more domains than
 * memory holds (issue 11: a million distinct domains in the default heap). The files are deleted
 * when the JVM exits. An I/O error is an {@link UncheckedIOException} naming the file. Not
 * thread-safe.
 */
final class SortedRuns<T> {
  /** How a record is written and read back. */
  interface Codec<T> {
    void write(DataOutput out, T value) throws IOException;

    T read(DataInput in) throws IOException;
  }

  private static final int BUFFER_BYTES = 1 << 16;
  private final Codec<T> codec;
  private final Comparator<? super T> order;
  private final List<Path> runs = new ArrayList<>();
  private final List<Integer> sizes = new ArrayList<>();

  SortedRuns(Codec<T> codec, Comparator<? super T> order) {
    this.codec = codec;
    this.order = order;
  }

  /** Sorts {@code records} and writes them as one run. */
  void spill(List<T> records) {
    records.sort(order);
    Path file = null;
    try {
      file = Files.createTempFile("smtplog-", ".run");
      file.toFile().deleteOnExit();
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
          BUFFER_BYTES))) {
        for (T record : records) {
          codec.write(out, record);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary file of the report"
          + (file == null ? " in " + System.getProperty("java.io.tmpdir") : " (" + file + ")")
          + ": " + e.getMessage() + " (give -Djava.io.tmpdir=DIR in SMTPLOG_JAVA_OPTS, on a disk with room)", e);
    }
    runs.add(file);
    sizes.add(records.size());
  }

  /** How many records the runs hold in all. */
  long size() {
    return sizes.stream().mapToLong(Integer::longValue).sum();
  }

  /** Every record of every run, in order (records that compare equal: the earlier run first). */
  Iterator<T> merged() {
    List<Run> open = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      open.add(new Run(i));
    }
    PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> {
      int c = order.compare(a.head, b.head);
      return c != 0 ? c : Integer.compare(a.index, b.index);
    });
    for (Run r : open) {
      if (r.advance()) {
        heads.add(r);
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public T next() {
        Run r = heads.poll();
        if (r == null) {
          throw new NoSuchElementException();
        }
        T value = r.head;
        if (r.advance()) {
          heads.add(r);
        }
        return value;
      }
    };
  }

  /** One run being read: its next record. */
  private final class Run {
    final int index;
    final int size;
    final Path file;
    DataInputStream in;
    int read;
    T head;

    Run(int index) {
      this.index = index;
      this.size = sizes.get(index);
      this.file = runs.get(index);
    }

    boolean advance() {
      try {
        if (read == size) {
          if (in != null) {
            in.close();
          }
          return false;
        }
        if (in == null) {
          in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
        }
        head = codec.read(in);
        read++;
        return true;
      } catch (EOFException e) {
        throw new UncheckedIOException("a temporary file of the report was cut short (" + file + ")", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a temporary file of the report (" + file + "): " + e.getMessage(), e);
      }
    }
  }

  // ---- compact numbers and text for codecs ----------------------------------------------------------

  /** A non-negative number in 1 to 10 bytes (7 bits a byte, least significant first). */
  static void writeCount(DataOutput out, long value) throws IOException {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  static long readCount(DataInput in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("a damaged number");
  }

  /** Text of any length (DataOutput.writeUTF stops at 64 KB; a domain may be a megabyte). */
  static void writeText(DataOutput out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writeCount(out, bytes.length);
    out.write(bytes);
  }

  static String readText(DataInput in) throws IOException {
    byte[] bytes = new byte[Math.toIntExact(readCount(in))];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
