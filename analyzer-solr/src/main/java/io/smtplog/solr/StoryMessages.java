package io.smtplog.solr;

import io.smtplog.core.index.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;

/**
 * The message documents of a story in one source, as IndexSearch#messagesOfStory finds them in the
 * local index: those of its queue ids and, hop by hop, every message linked to one found (a content
 * filter's copy and its original, a bounce notification and the message it reports on), in the
 * order written. One request per hop, read a page at a time; the queue ids go as a parameter of
 * {@code terms} queries, so no clause limit applies. What both Solr views follow a story with.
 */
final class StoryMessages {
  /** The fields that link messages: a message is linked to the queue ids in any of them. */
  private static final List<String> LINKS = List.of(IndexFields.QUEUE_ID, IndexFields.COPY_OF,
      IndexFields.NOTIFICATION_OF);
  /** Separates the queue ids of a terms query: none holds a line break (they come from log lines). */
  private static final String SEPARATOR = "\n";
  /** What each message document is read with. */
  private static final String[] FIELDS = {SolrSchema.ID, SolrSchema.SOURCE, IndexFields.SHOWN, IndexFields.LINES,
      IndexFields.SEQ};
  private static final int PAGE = 1000;

  private StoryMessages() {}

  /** The message documents of the stories of {@code queueIds} in {@code source}, in the order written. */
  static List<SolrDocument> of(SolrConnection connection, String source, Set<String> queueIds) throws IOException {
    Set<String> ids = new LinkedHashSet<>(queueIds);
    Set<String> asked = new HashSet<>();
    Map<Object, SolrDocument> found = new LinkedHashMap<>();
    while (true) {
      Set<String> fresh = new LinkedHashSet<>(ids);
      fresh.removeAll(asked);
      fresh.removeIf(id -> id.contains(SEPARATOR)); // no stored queue id holds one: it matches nothing
      if (fresh.isEmpty()) {
        break;
      }
      asked.addAll(fresh);
      SolrQuery q = new SolrQuery("{!bool should=$link0 should=$link1 should=$link2}")
          .addFilterQuery(IndexFields.KIND + ":" + IndexFields.MESSAGE)
          .addFilterQuery(SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source))
          .setFields(FIELDS).setRows(PAGE).setSort(SolrSchema.ID, SolrQuery.ORDER.asc);
      for (int i = 0; i < LINKS.size(); i++) {
        q.set("link" + i, "{!terms f=" + LINKS.get(i) + " separator=$sep v=$queues}");
      }
      q.set("sep", SEPARATOR);
      q.set("queues", String.join(SEPARATOR, fresh)); // not "ids": a shard takes that for the documents to fetch
      CursorPages.forEach(connection, q, "reading the messages of a story", Long.MAX_VALUE, d -> {
        if (found.putIfAbsent(d.getFirstValue(SolrSchema.ID), d) == null) {
          Map<String, Object> values = StoredValues.shown(d);
          LINKS.forEach(link -> ids.addAll(StoredValues.values(values, link)));
        }
      });
    }
    List<SolrDocument> out = new ArrayList<>(found.values());
    out.sort(Comparator.comparingLong(d -> ((Number) d.getFirstValue(IndexFields.SEQ)).longValue()));
    return out;
  }
}
