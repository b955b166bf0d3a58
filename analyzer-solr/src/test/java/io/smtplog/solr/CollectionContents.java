package io.smtplog.solr;

import io.smtplog.core.index.IndexFields;
import io.smtplog.solr.SolrSchema.SolrField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Documents as comparable text: the id and every value Solr gives back (stored or doc values), in
 * one canonical form for a document sent ({@link SolrInputDocument}) and one read back. Left out:
 * Solr's version, the ingest order (it differs from run to run) and the reason text (indexed only).
 */
final class CollectionContents {
  private CollectionContents() {}

  /** The fields compared: what a collection returns. */
  static final List<SolrField> FIELDS = SolrSchema.fields().stream()
      .filter(f -> f.stored() || f.docValues())
      .filter(f -> !f.name().equals(SolrSchema.VERSION) && !f.name().equals(IndexFields.SEQ))
      .toList();

  /** Every document of {@code query} in {@code collection}, canonical, sorted. */
  static List<String> read(SolrClient client, String collection, String query) throws Exception {
    SolrQuery q = new SolrQuery(query).setRows(1000).setSort(SolrSchema.ID, SolrQuery.ORDER.asc)
        .setFields(FIELDS.stream().map(SolrField::name).toArray(String[]::new));
    List<String> out = new ArrayList<>();
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      var response = client.query(collection, q);
      for (SolrDocument d : response.getResults()) {
        out.add(canonical(name -> d.getFieldValues(name)));
      }
      String next = response.getNextCursorMark();
      if (next.equals(cursor)) {
        out.sort(null);
        return out;
      }
      cursor = next;
    }
  }

  /** The documents sent, canonical, sorted (a document sent twice is there twice). */
  static List<String> of(List<SolrInputDocument> sent) {
    return sent.stream().map(d -> canonical(name -> d.getFieldValues(name))).sorted().toList();
  }

  /** The id of a canonical document. */
  static String id(String canonical) {
    return canonical.substring(0, canonical.indexOf(' '));
  }

  private static String canonical(java.util.function.Function<String, Collection<Object>> values) {
    TreeMap<String, String> fields = new TreeMap<>();
    for (SolrField f : FIELDS) {
      Collection<Object> v = values.apply(f.name());
      if (v == null || v.isEmpty()) {
        continue;
      }
      List<String> texts = v.stream().map(x -> text(f, x)).collect(Collectors.toCollection(ArrayList::new));
      // Strings are kept as sets (sorted-set doc values); numbers as sorted lists (sorted-numeric).
      Collection<String> kept = f.type() == SolrSchema.SolrType.STRING ? new TreeSet<>(texts) : texts.stream().sorted().toList();
      fields.put(f.name(), String.join("|", kept));
    }
    return values.apply(SolrSchema.ID).iterator().next() + " " + fields;
  }

  private static String text(SolrField f, Object value) {
    return switch (f.type()) {
      case LONG -> Long.toString(((Number) value).longValue());
      case DOUBLE -> Double.toString(((Number) value).doubleValue());
      case BINARY -> Base64.getEncoder().encodeToString(value instanceof java.nio.ByteBuffer b
          ? java.util.Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit())
          : (byte[]) value);
      default -> value.toString();
    };
  }
}
