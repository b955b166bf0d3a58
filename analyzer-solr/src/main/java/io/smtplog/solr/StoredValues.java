package io.smtplog.solr;

import io.smtplog.core.index.IndexDocuments;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.LineRefs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.common.SolrDocument;

/** What a document from the collection stores, read back as the local index reads it: shown values, story lines. */
final class StoredValues {
  private StoredValues() {}

  /** The values a hit shows ({@link IndexFields#SHOWN}); none when the document has none. */
  static Map<String, Object> shown(SolrDocument d) {
    Object bytes = d.getFirstValue(IndexFields.SHOWN);
    return bytes == null ? Map.of() : IndexDocuments.shown((byte[]) bytes);
  }

  /** Adds the lines of the document's story ({@link IndexFields#LINES}, packed {@link LineRefs}) to {@code into}. */
  static void addLines(SolrDocument d, Set<Long> into) {
    Object bytes = d.getFirstValue(IndexFields.LINES);
    if (bytes != null) {
      for (long ref : LineRefs.decode((byte[]) bytes)) {
        into.add(ref);
      }
    }
  }

  /** The values of {@code field} among the shown ones, as text: none, one, or a list's. */
  static List<String> values(Map<String, Object> shown, String field) {
    Object v = shown.get(field);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }
}
