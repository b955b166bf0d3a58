package io.smtplog.solr;

import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.LogIndexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The Solr schema of smtplog's documents, generated from the index's one field table
 * ({@link IndexFields#all()} and {@link IndexFields#internal()}), so both backends hold the same
 * fields the same way. Keywords are {@code StrField} (smtplog lower-cases them before they are
 * written, as for the local index), numbers and times point fields (times in epoch milliseconds,
 * as the local index keeps them; no {@code pdate}), the reason text tokenized as Lucene's
 * {@link StandardAnalyzer} does, stored internals {@code BinaryField} or stored strings.
 */
public final class SolrSchema {
  private SolrSchema() {}

  /**
   * The schema's name: smtplog's, of this document format ({@link LogIndexer#FORMAT}). A collection
   * whose schema has another name was not made from this configset, or from an older one.
   */
  public static final String NAME = "smtplog-format-" + LogIndexer.FORMAT;
  /** The unique key: a hash of the document's content ({@link SolrDocuments}). */
  public static final String ID = "id";
  /** Solr's optimistic-concurrency version, which its update log needs. */
  public static final String VERSION = "_version_";
  /** Who ingested the document: several hosts ship into one collection, each with its own checkpoints. */
  public static final String SOURCE = "_source";
  /**
   * What a source's last commit recorded (positions, file table, order, format) as JSON, on its state
   * document: the commit data a Lucene index keeps beside its documents ({@link SolrIndexStore}).
   */
  public static final String COMMITTED = "_committed";
  /** Which ingest holds a source now ("token time pid@host", on its state document): one at a time ({@link SolrIndexStore}). */
  public static final String LEASE = "_lease";

  /**
   * The numbers a document may hold more than once: a dialogue's document has every reply code of
   * the session (IndexDocuments.dialogue). Every other number is written at most once (pinned by
   * SolrSchemaTest on the samples); strings are all multi-valued, as Lucene's KeywordField is
   * (sorted-set doc values).
   */
  private static final Set<String> REPEATED_NUMBERS = Set.of(IndexFields.CODE);

  /** Solr's field types, by the names the schema gives them. */
  public enum SolrType {
    STRING("string"), LONG("plong"), DOUBLE("pdouble"), TEXT("text"), BINARY("binary");

    private final String schemaName;

    SolrType(String schemaName) {
      this.schemaName = schemaName;
    }

    /** The name of the {@code fieldType} in managed-schema.xml. */
    public String schemaName() {
      return schemaName;
    }
  }

  /** One field as the schema declares it. */
  public record SolrField(String name, SolrType type, boolean indexed, boolean stored, boolean docValues,
      boolean multiValued) {}

  private static final List<SolrField> FIELDS = build();

  /** Every field of the schema: the unique key and Solr's and smtplog's own, then the table's, then the internals. */
  public static List<SolrField> fields() {
    return FIELDS;
  }

  /** The field {@code name}, when the schema has one. */
  public static Optional<SolrField> field(String name) {
    return FIELDS.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static List<SolrField> build() {
    List<SolrField> fields = new ArrayList<>();
    fields.add(new SolrField(ID, SolrType.STRING, true, true, true, false));
    fields.add(new SolrField(VERSION, SolrType.LONG, false, false, true, false));
    fields.add(new SolrField(SOURCE, SolrType.STRING, true, false, true, false));
    fields.add(new SolrField(COMMITTED, SolrType.STRING, false, true, false, false));
    fields.add(new SolrField(LEASE, SolrType.STRING, false, true, false, false));
    for (IndexField f : IndexFields.all()) {
      fields.add(switch (f.type()) {
        case KEYWORD, ID -> new SolrField(f.name(), SolrType.STRING, f.indexed(), false, f.docValues(), true);
        case LONG, TIME -> new SolrField(f.name(), SolrType.LONG, f.indexed(), false, f.docValues(),
            REPEATED_NUMBERS.contains(f.name()));
        case DOUBLE -> new SolrField(f.name(), SolrType.DOUBLE, f.indexed(), false, f.docValues(),
            REPEATED_NUMBERS.contains(f.name()));
        case TEXT -> new SolrField(f.name(), SolrType.TEXT, true, false, false, false);
      });
    }
    for (IndexFields.InternalField f : IndexFields.internal()) {
      fields.add(switch (f.storage()) {
        case LONG_DOC_VALUES -> new SolrField(f.name(), SolrType.LONG, false, false, true, false);
        case STRING_DOC_VALUES -> new SolrField(f.name(), SolrType.STRING, false, false, true, false);
        case STRING_SET_DOC_VALUES -> new SolrField(f.name(), SolrType.STRING, false, false, true, true);
        case STRING_INDEXED -> new SolrField(f.name(), SolrType.STRING, true, false, false, false);
        case STORED_STRING -> new SolrField(f.name(), SolrType.STRING, false, true, false, false);
        case STORED_BYTES -> new SolrField(f.name(), SolrType.BINARY, false, true, false, false);
      });
    }
    return List.copyOf(fields);
  }

  /** managed-schema.xml: the field types, the fields and the unique key. */
  public static String managedSchemaXml() {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- Generated by `smtplog solr configset` from smtplog's field table: do not edit;\n")
        .append("     smtplog checks the schema's name before it writes or reads a collection. -->\n")
        .append("<schema name=\"").append(NAME).append("\" version=\"1.6\">\n")
        .append("  <uniqueKey>").append(ID).append("</uniqueKey>\n\n")
        .append("  <fieldType name=\"string\" class=\"solr.StrField\" sortMissingLast=\"true\"/>\n")
        .append("  <fieldType name=\"plong\" class=\"solr.LongPointField\"/>\n")
        .append("  <fieldType name=\"pdouble\" class=\"solr.DoublePointField\"/>\n")
        .append("  <fieldType name=\"binary\" class=\"solr.BinaryField\"/>\n")
        .append("  <!-- As Lucene's StandardAnalyzer, which the local index uses: no stop words, tokens of at most\n")
        .append("       ").append(StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH).append(" characters. -->\n")
        .append("  <fieldType name=\"text\" class=\"solr.TextField\" positionIncrementGap=\"100\">\n")
        .append("    <analyzer>\n")
        .append("      <tokenizer class=\"solr.StandardTokenizerFactory\" maxTokenLength=\"")
        .append(StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH).append("\"/>\n")
        .append("      <filter class=\"solr.LowerCaseFilterFactory\"/>\n")
        .append("    </analyzer>\n")
        .append("  </fieldType>\n\n");
    for (SolrField f : FIELDS) {
      sb.append("  <field name=\"").append(f.name()).append("\" type=\"").append(f.type().schemaName())
          .append("\" indexed=\"").append(f.indexed()).append("\" stored=\"").append(f.stored());
      if (f.type() != SolrType.TEXT && f.type() != SolrType.BINARY) {
        // _version_ as a stored value: a real-time get shows only those, and an ingest's lease is
        // written on the condition of the version it read (SolrIndexStore#takeLease).
        sb.append("\" docValues=\"").append(f.docValues()).append("\" useDocValuesAsStored=\"")
            .append(f.name().equals(VERSION));
      }
      sb.append("\" multiValued=\"").append(f.multiValued()).append("\"/>\n");
    }
    return sb.append("</schema>\n").toString();
  }
}
