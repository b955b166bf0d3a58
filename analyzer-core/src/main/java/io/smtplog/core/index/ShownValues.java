package io.smtplog.core.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;

/**
 * The values a hit shows, stored with its document: each value as the ordinal of its field in
 * {@link IndexFields#all()}, a type byte and the value (text as UTF-8, numbers as zig-zag
 * variable-length longs, times as seconds and nanoseconds, so a time prints as it was read). A
 * field given several values shows them as a list. Written for every document of an ingest, so it
 * is a few bytes per value rather than a JSON object with every field's name: the index format
 * version ({@link LogIndexer#FORMAT}) changes with the field table.
 */
final class ShownValues {
  private ShownValues() {}

  private static final byte TEXT = 0;
  private static final byte LONG = 1;
  private static final byte DOUBLE = 2;
  private static final byte TIME = 3;

  private static final List<IndexField> FIELDS = IndexFields.all();
  private static final Map<String, Integer> ORDINALS = ordinals();

  private static Map<String, Integer> ordinals() {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < FIELDS.size(); i++) {
      map.put(FIELDS.get(i).name(), i);
    }
    return map;
  }

  /** The values of one document, in the order given. */
  static final class Writer {
    private final ByteBuffersDataOutput out = new ByteBuffersDataOutput(256);

    void text(IndexField f, String value) {
      try {
        head(f, TEXT);
        out.writeString(value);
      } catch (IOException e) {
        throw inMemory(e);
      }
    }

    void number(IndexField f, long value) {
      try {
        head(f, LONG);
        out.writeZLong(value);
      } catch (IOException e) {
        throw inMemory(e);
      }
    }

    void decimal(IndexField f, double value) {
      try {
        head(f, DOUBLE);
        out.writeLong(Double.doubleToLongBits(value));
      } catch (IOException e) {
        throw inMemory(e);
      }
    }

    void time(IndexField f, Instant at) {
      try {
        head(f, TIME);
        out.writeZLong(at.getEpochSecond());
        out.writeVInt(at.getNano());
      } catch (IOException e) {
        throw inMemory(e);
      }
    }

    private void head(IndexField f, byte type) throws IOException {
      out.writeVInt(ORDINALS.get(f.name()));
      out.writeByte(type);
    }

    /** Writing to memory does not fail; the signature says it might. */
    private static UncheckedIOException inMemory(IOException e) {
      return new UncheckedIOException(e);
    }

    byte[] bytes() {
      return out.toArrayCopy();
    }
  }

  /** The values as a hit shows them: field name to value, or to a list of values. */
  static Map<String, Object> read(byte[] stored) {
    Map<String, Object> shown = new LinkedHashMap<>();
    ByteArrayDataInput in = new ByteArrayDataInput(stored);
    try {
      while (!in.eof()) {
        int ordinal = in.readVInt();
        if (ordinal >= FIELDS.size()) {
          throw new IllegalStateException("a document's values name field " + ordinal + " of " + FIELDS.size());
        }
        byte type = in.readByte();
        Object value = switch (type) {
          case TEXT -> in.readString();
          case LONG -> in.readZLong();
          case DOUBLE -> Double.longBitsToDouble(in.readLong());
          case TIME -> Instant.ofEpochSecond(in.readZLong(), in.readVInt()).toString();
          default -> throw new IllegalStateException("a document's value of unknown type " + type);
        };
        add(shown, FIELDS.get(ordinal).name(), value);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("a document's values cannot be read (" + e.getMessage()
          + "): run smtplog ingest again into a new index", e);
    }
    return shown;
  }

  /** A second value of a field makes a list; the same value again adds nothing while there is one. */
  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> shown, String name, Object value) {
    Object before = shown.get(name);
    if (before == null) {
      shown.put(name, value);
    } else if (before instanceof List<?> list) {
      ((List<Object>) list).add(value);
    } else if (!before.equals(value)) {
      List<Object> list = new ArrayList<>();
      list.add(before);
      list.add(value);
      shown.put(name, list);
    }
  }
}
