package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.SolrInputField;
import org.junit.jupiter.api.Test;

class SolrDocumentsTest {
  private static final String RELAY = "postfix/loopback-relay.log";

  @Test
  void sameContent_sameId_andEveryDocumentItsOwn() throws Exception {
    List<SolrInputDocument> first = convert("mx1", SampleDocuments.of(RELAY));
    List<SolrInputDocument> second = convert("mx1", SampleDocuments.of(RELAY));
    List<Object> ids = first.stream().map(d -> d.getFieldValue(SolrSchema.ID)).toList();
    assertThat(second.stream().map(d -> d.getFieldValue(SolrSchema.ID)).toList()).isEqualTo(ids);
    assertThat(new HashSet<>(ids)).as("no two documents of the sample share an id").hasSize(ids.size());
    assertThat((String) ids.get(0)).matches("[A-Za-z0-9_-]{22}");
    assertThat(first).allSatisfy(d -> assertThat(d.getFieldValue(SolrSchema.SOURCE)).isEqualTo("mx1"));
  }

  @Test
  void idIgnoresOrderAndProvisional_butNotRecipientOrSource() throws Exception {
    Document recipient = SampleDocuments.of(RELAY).stream()
        .filter(d -> IndexFields.RECIPIENT.equals(d.getField(IndexFields.KIND).binaryValue().utf8ToString()))
        .findFirst().orElseThrow();
    String id = id("mx1", recipient);

    Document later = copy(recipient, IndexFields.SEQ, new NumericDocValuesField(IndexFields.SEQ, 999_999));
    later.add(new KeywordField(IndexFields.PROVISIONAL, IndexFields.TRUE, Field.Store.NO));
    assertThat(id("mx1", later)).as("ingest order and provisional mark").isEqualTo(id);

    Document other = copy(recipient, IndexFields.RECIPIENT_FIELD,
        new KeywordField(IndexFields.RECIPIENT_FIELD, "someone.else@example.net", Field.Store.NO));
    assertThat(id("mx1", other)).as("another recipient").isNotEqualTo(id);
    assertThat(id("mx2", recipient)).as("another source").isNotEqualTo(id);
  }

  @Test
  void everyFieldIsCarriedWithItsType() throws Exception {
    Set<String> seen = new HashSet<>();
    for (String sample : List.of(RELAY, "postfix/content-filter.log", "postfix/forward-bounce.log",
        "exim/nopid-mainlog.log", "transcripts/swaks-sink.transcript", "postfix/debug-verbose.log")) {
      for (Document lucene : SampleDocuments.of(sample)) {
        SolrInputDocument solr = new SolrDocuments("mx1").convert(lucene);
        for (IndexableField f : lucene.getFields()) {
          seen.add(f.name());
          SolrInputField field = solr.getField(f.name());
          assertThat(field).as(f.name()).isNotNull();
          Class<?> expected = IndexFields.field(f.name()).map(SolrDocumentsTest::javaType)
              .orElseGet(() -> javaType(IndexFields.internal().stream().filter(i -> i.name().equals(f.name()))
                  .findFirst().orElseThrow().storage()));
          assertThat(field.getValues()).as(sample + " " + f.name()).allSatisfy(v -> assertThat(v).isInstanceOf(expected));
        }
        assertThat(solr.getFieldNames()).hasSize(new HashSet<>(lucene.getFields().stream()
            .map(IndexableField::name).toList()).size() + 2);
      }
    }
    List<String> missing = new ArrayList<>(IndexFields.names());
    missing.removeAll(seen);
    // provisional: only the stories open when an ingest ends have it (idIgnoresOrderAndProvisional adds it).
    assertThat(missing).as("table fields no sample document has").containsExactly(IndexFields.PROVISIONAL);
  }

  @Test
  void valuesAreTheLocalIndexs() throws Exception {
    Document lucene = SampleDocuments.of(RELAY).get(0);
    SolrInputDocument solr = new SolrDocuments("mx1").convert(lucene);
    assertThat(solr.getFieldValue(IndexFields.TIME)).isEqualTo(lucene.getField(IndexFields.TIME).numericValue());
    assertThat(solr.getFieldValue(IndexFields.KIND)).isEqualTo(IndexFields.RECIPIENT);
    // delays=0.03/0.01/0.02/0.01 style values: doc values only, written as sortable longs, read back as seconds.
    IndexableField before = lucene.getField(IndexFields.DELAY_BEFORE_QUEUE);
    assertThat(before).isNotNull();
    assertThat((Double) solr.getFieldValue(IndexFields.DELAY_BEFORE_QUEUE))
        .isEqualTo(org.apache.lucene.util.NumericUtils.sortableLongToDouble(before.numericValue().longValue()))
        .isBetween(0.0, 100.0);
    // DoubleField (points and doc values) holds the sortable long too.
    assertThat((Double) solr.getFieldValue(IndexFields.DELAY)).isEqualTo(org.apache.lucene.util.NumericUtils
        .sortableLongToDouble(lucene.getField(IndexFields.DELAY).numericValue().longValue())).isBetween(0.0, 100.0);
  }

  @Test
  void chunkDocument_asTheChunkStoreWritesIt() {
    byte[] stored = "Nov 29 10:00:00 mx1 postfix/smtpd[1]: connect".getBytes(StandardCharsets.UTF_8);
    Document chunk = new Document();
    chunk.add(new KeywordField(IndexFields.KIND, "chunk", Field.Store.NO));
    chunk.add(new NumericDocValuesField(IndexFields.SEQ, 7));
    chunk.add(new NumericDocValuesField("_input", 2));
    chunk.add(new NumericDocValuesField("_first", 1));
    chunk.add(new NumericDocValuesField("_last", 40));
    chunk.add(new SortedDocValuesField("_file", new BytesRef("mail.log")));
    chunk.add(new StoredField("_chunk", new BytesRef(stored)));
    SolrInputDocument solr = new SolrDocuments("mx1").convert(chunk);
    assertThat(solr.getFieldValue("_input")).isEqualTo(2L);
    assertThat(solr.getFieldValue("_last")).isEqualTo(40L);
    assertThat(solr.getFieldValue("_file")).isEqualTo("mail.log");
    assertThat((byte[]) solr.getFieldValue("_chunk")).isEqualTo(stored);
  }

  @Test
  void aFieldTheSchemaDoesNotHave_isRefused() {
    Document d = new Document();
    d.add(new KeywordField("no_such_field", "x", Field.Store.NO));
    assertThatThrownBy(() -> new SolrDocuments("mx1").convert(d)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a document field Solr's schema does not have: no_such_field");
    assertThatThrownBy(() -> new SolrDocuments(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Class<?> javaType(IndexField f) {
    return switch (f.type()) {
      case KEYWORD, ID, TEXT -> String.class;
      case LONG, TIME -> Long.class;
      case DOUBLE -> Double.class;
    };
  }

  private static Class<?> javaType(IndexFields.Storage storage) {
    return switch (storage) {
      case LONG_DOC_VALUES -> Long.class;
      case STRING_DOC_VALUES, STRING_SET_DOC_VALUES, STRING_INDEXED, STORED_STRING -> String.class;
      case STORED_BYTES -> byte[].class;
    };
  }

  private static List<SolrInputDocument> convert(String source, List<Document> documents) {
    SolrDocuments converter = new SolrDocuments(source);
    return documents.stream().map(converter::convert).toList();
  }

  private static String id(String source, Document d) {
    return (String) new SolrDocuments(source).convert(d).getFieldValue(SolrSchema.ID);
  }

  /** {@code d} with the fields named {@code name} replaced by {@code replacement}. */
  private static Document copy(Document d, String name, IndexableField replacement) {
    Document copy = new Document();
    for (IndexableField f : d.getFields()) {
      if (!f.name().equals(name)) {
        copy.add(f);
      }
    }
    copy.add(replacement);
    return copy;
  }
}
