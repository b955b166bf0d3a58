package io.smtplog.solr;

import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.apache.solr.common.SolrInputDocument;

/**
 * Turns the index's documents, as IndexDocuments and the chunk store build them, into Solr's: each
 * Lucene field's value as its field in {@link SolrSchema} takes it (strings, whole numbers, decimals,
 * bytes), plus {@link SolrSchema#SOURCE} and a content-derived {@link SolrSchema#ID}: the same
 * document sent again replaces itself, so a re-run after a crash, or a second run, adds nothing.
 * Not thread-safe (keep one per thread).
 */
public final class SolrDocuments {
  /** The id's length in bytes before Base64: 128 bits, 22 characters; collisions need ~2^64 documents. */
  private static final int ID_BYTES = 16;
  /**
   * Fields the id leaves out: the ingest order changes from run to run, and a story still open at the
   * end of an ingest ({@code provisional}) must be replaced by the same story once it is complete.
   */
  private static final List<String> NOT_CONTENT = List.of(IndexFields.SEQ, IndexFields.PROVISIONAL);

  private static final Map<String, IndexFields.InternalField> INTERNAL = IndexFields.internal().stream()
      .collect(Collectors.toUnmodifiableMap(IndexFields.InternalField::name, Function.identity()));

  private final String source;
  private final MessageDigest digest;

  /** @param source who ingests (a host name, say): kept in {@link SolrSchema#SOURCE} and part of every id */
  public SolrDocuments(String source) {
    if (Objects.requireNonNull(source, "source").isBlank()) {
      throw new IllegalArgumentException("the source of documents must not be blank");
    }
    this.source = source;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The source documents are marked with. */
  public String source() {
    return source;
  }

  /** {@code document} as Solr takes it; throws IllegalArgumentException for a field the schema does not have. */
  public SolrInputDocument convert(Document document) {
    SolrInputDocument solr = new SolrInputDocument();
    List<byte[]> content = new ArrayList<>();
    for (IndexableField field : document.getFields()) {
      Object value = value(field);
      solr.addField(field.name(), value);
      if (!NOT_CONTENT.contains(field.name())) {
        content.add(canonical(field.name(), value));
      }
    }
    solr.setField(SolrSchema.SOURCE, source);
    solr.setField(SolrSchema.ID, id(content));
    return solr;
  }

  /** The value of one Lucene field, as the Solr field of its name holds it. */
  static Object value(IndexableField field) {
    String name = field.name();
    IndexField table = IndexFields.field(name).orElse(null);
    if (table != null) {
      return switch (table.type()) {
        case KEYWORD, ID, TEXT -> string(field);
        case LONG, TIME -> field.numericValue().longValue();
        case DOUBLE -> decimal(field);
      };
    }
    IndexFields.InternalField internal = INTERNAL.get(name);
    if (internal == null) {
      throw new IllegalArgumentException("a document field Solr's schema does not have: " + name);
    }
    return switch (internal.storage()) {
      case LONG_DOC_VALUES -> field.numericValue().longValue();
      case STRING_DOC_VALUES, STRING_SET_DOC_VALUES, STRING_INDEXED, STORED_STRING -> string(field);
      case STORED_BYTES -> bytes(field.binaryValue());
    };
  }

  private static String string(IndexableField field) {
    String s = field.stringValue();
    if (s != null) {
      return s;
    }
    BytesRef bytes = field.binaryValue(); // KeywordField, SortedDocValuesField
    if (bytes == null) {
      throw new IllegalArgumentException("field " + field.name() + " holds no text");
    }
    return bytes.utf8ToString();
  }

  /**
   * A decimal. Lucene's DoubleField and a doc-values-only decimal (a counted delay, a duration) hold
   * it as {@link NumericUtils#doubleToSortableLong}, read back so; a DoublePoint holds the double.
   */
  private static double decimal(IndexableField field) {
    Number n = field.numericValue();
    return n instanceof Long || n instanceof Integer ? NumericUtils.sortableLongToDouble(n.longValue()) : n.doubleValue();
  }

  private static byte[] bytes(BytesRef ref) {
    return Arrays.copyOfRange(ref.bytes, ref.offset, ref.offset + ref.length);
  }

  /** One value in a form that cannot be confused with another's: name, type and value, each length-prefixed. */
  private static byte[] canonical(String name, Object value) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] v;
    byte type;
    if (value instanceof String s) {
      type = 's';
      v = s.getBytes(StandardCharsets.UTF_8);
    } else if (value instanceof Long l) {
      type = 'l';
      v = ByteBuffer.allocate(Long.BYTES).putLong(l).array();
    } else if (value instanceof Double d) {
      type = 'd';
      v = ByteBuffer.allocate(Long.BYTES).putLong(Double.doubleToLongBits(d)).array();
    } else {
      type = 'b';
      v = (byte[]) value;
    }
    return ByteBuffer.allocate(2 * Integer.BYTES + n.length + 1 + v.length)
        .putInt(n.length).put(n).put(type).putInt(v.length).put(v).array();
  }

  /** The hash of the source and the sorted values: the order fields were added in does not matter. */
  private String id(List<byte[]> content) {
    content.sort(Arrays::compare);
    digest.reset();
    digest.update(canonical(SolrSchema.SOURCE, source));
    for (byte[] value : content) {
      digest.update(value);
    }
    byte[] hash = Arrays.copyOf(digest.digest(), ID_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
  }
}
