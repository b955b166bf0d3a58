package io.smtplog.solr;

import io.smtplog.core.index.IndexDocuments;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.LineRefs;
import io.smtplog.solr.SolrAggregator.SolrFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.search.Query;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * The stories a query selects, found on Solr as {@link io.smtplog.core.index.IndexSearch#storyFilter}
 * finds them in the local index, per source (each source has its own queue ids, sessions and file
 * table): the documents the query matches give queue ids, sessions and lines; the message documents
 * linked to those queue ids (copies, originals, notifications, over every hop) add theirs; the
 * sessions' documents add their lines. What the aggregates then take: the recipients of those
 * queue ids, of those sessions' own stories, and the recipients the query matched; the RCPT reply
 * documents of those lines.
 *
 * <p>This reads the matched documents to the client (their queue ids, sessions and line
 * references), so it is bounded: a query matching more than {@link #MAX_DOCUMENTS} documents is
 * refused with a message saying so (a query matching millions of stories is a report over most of
 * the collection: run it without --query, or narrow the query). The filters are sent as parameters
 * of {@code terms} queries, not Boolean clauses, so no clause limit applies.
 */
final class SolrStories {
  /** The most documents a query may match for its stories to be read. */
  static final int MAX_DOCUMENTS = 100_000;
  private static final int PAGE = 1000;
  private static final String SEPARATOR = "\n"; // no value of these fields holds a line break: they come from log lines
  private static final List<String> DOCUMENT_KINDS = List.of(IndexFields.RECIPIENT, IndexFields.MESSAGE,
      IndexFields.SESSION_KIND, IndexFields.EVENT_KIND);
  private static final List<String> LINKS = List.of(IndexFields.QUEUE_ID, IndexFields.COPY_OF, IndexFields.NOTIFICATION_OF);

  /** What the aggregates take: {@code recipients} for recipient documents, {@code rcptReplies} for RCPT replies. */
  record Filters(SolrFilter recipients, SolrFilter rcptReplies) {}

  private final SolrConnection connection;
  private final Map<String, List<ChunkPlace>> chunks = new HashMap<>();

  SolrStories(SolrConnection connection) {
    this.connection = connection;
  }

  /** One source's stories as they are read. */
  private static final class Story {
    final Set<String> queueIds = new LinkedHashSet<>();
    final Set<String> sessions = new LinkedHashSet<>();
    final TreeSet<Long> lines = new TreeSet<>();
    final List<Map<String, Object>> events = new ArrayList<>();
  }

  Filters filters(Query query) throws IOException {
    String matched = SolrQueries.toSolr(query);
    String documents = "{!terms f=" + IndexFields.KIND + "}" + String.join(",", DOCUMENT_KINDS);
    Map<String, Story> bySource = new LinkedHashMap<>();
    long found = forEach(List.of(matched, documents), MAX_DOCUMENTS, d -> {
      Story story = bySource.computeIfAbsent(String.valueOf(d.getFirstValue(SolrSchema.SOURCE)), s -> new Story());
      Map<String, Object> values = StoredValues.shown(d);
      StoredValues.values(values, IndexFields.QUEUE_ID).forEach(story.queueIds::add);
      story.sessions.addAll(StoredValues.values(values, IndexFields.SESSION));
      StoredValues.addLines(d, story.lines);
      if (IndexFields.EVENT_KIND.equals(values.get(IndexFields.KIND))) {
        story.events.add(values);
      }
    });
    if (found > MAX_DOCUMENTS) {
      throw new SolrAggregator.QueryTooBroadException(found, MAX_DOCUMENTS);
    }
    Params params = new Params();
    List<String> recipients = new ArrayList<>();
    List<String> replies = new ArrayList<>();
    String matchedRecipients = params.bool(List.of(params.add(matched),
        params.add(IndexFields.KIND + ":" + IndexFields.RECIPIENT)), List.of());
    for (Map.Entry<String, Story> e : bySource.entrySet()) {
      String source = e.getKey();
      Story story = e.getValue();
      Map<Integer, String> files = files(source);
      for (Map<String, Object> event : story.events) {
        ChunkPlace.lineOf(event, chunks(source)).ifPresent(story.lines::add);
      }
      Set<String> family = messagesOfStory(source, story);
      sessionLines(source, story);
      String sourceQuery = params.add(SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source));
      List<String> should = new ArrayList<>();
      params.terms(IndexFields.QUEUE_ID, family).ifPresent(should::add);
      params.terms(IndexFields.SESSION, story.sessions).ifPresent(t -> should.add(params.bool(List.of(
          params.add(IndexFields.SESSION_STORY + ":session"), t), List.of())));
      should.add(matchedRecipients);
      recipients.add(params.bool(List.of(sourceQuery, params.bool(List.of(), should)), List.of()));
      Set<String> replyLines = new LinkedHashSet<>();
      for (long ref : story.lines) {
        String file = files.get(LineRefs.input(ref));
        if (file != null) {
          replyLines.add(file + ":" + LineRefs.line(ref));
        }
      }
      params.terms(IndexFields.RCPT_REPLY_LINE, replyLines)
          .ifPresent(t -> replies.add(params.bool(List.of(sourceQuery, t), List.of())));
    }
    return new Filters(params.filter(recipients), params.filter(replies));
  }

  /** The message documents of the story's queue ids, over every link, as IndexSearch#messagesOfStory; the family's queue ids. */
  private Set<String> messagesOfStory(String source, Story story) throws IOException {
    Set<String> ids = new LinkedHashSet<>(story.queueIds);
    Set<String> family = new LinkedHashSet<>(story.queueIds);
    Set<String> asked = new HashSet<>();
    Set<Object> seen = new HashSet<>();
    while (true) {
      Set<String> fresh = new LinkedHashSet<>(ids);
      fresh.removeAll(asked);
      if (fresh.isEmpty()) {
        return family;
      }
      asked.addAll(fresh);
      Params p = new Params();
      List<String> should = new ArrayList<>();
      for (String link : LINKS) {
        p.terms(link, fresh).ifPresent(should::add);
      }
      String linked = p.bool(List.of(p.add(IndexFields.KIND + ":" + IndexFields.MESSAGE),
          p.add(SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source)), p.bool(List.of(), should)), List.of());
      forEach(List.of(Params.query(linked)), Long.MAX_VALUE, p.params, d -> {
        if (!seen.add(d.getFirstValue(SolrSchema.ID))) {
          return;
        }
        StoredValues.addLines(d, story.lines);
        Map<String, Object> values = StoredValues.shown(d);
        story.sessions.addAll(StoredValues.values(values, IndexFields.SESSION));
        family.addAll(StoredValues.values(values, IndexFields.QUEUE_ID));
        for (String link : LINKS) {
          ids.addAll(StoredValues.values(values, link));
        }
      });
    }
  }

  private void sessionLines(String source, Story story) throws IOException {
    Params p = new Params();
    var sessions = p.terms(IndexFields.SESSION, story.sessions);
    if (sessions.isEmpty()) {
      return;
    }
    String query = p.bool(List.of(p.add(IndexFields.KIND + ":" + IndexFields.SESSION_KIND),
        p.add(SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source)), sessions.get()), List.of());
    forEach(List.of(Params.query(query)), Long.MAX_VALUE, p.params, d -> StoredValues.addLines(d, story.lines));
  }

  /** The chunks of {@code source}, read once. */
  private List<ChunkPlace> chunks(String source) throws IOException {
    List<ChunkPlace> known = chunks.get(source);
    if (known != null) {
      return known;
    }
    List<ChunkPlace> read = new ArrayList<>();
    String query = "+" + IndexFields.KIND + ":" + IndexFields.CHUNK + " +" + SolrSchema.SOURCE + ":"
        + ClientUtils.escapeQueryChars(source);
    forEach(List.of(query), Long.MAX_VALUE, Map.of(), d -> read.add(ChunkPlace.of(d)), ChunkPlace.FIELDS);
    chunks.put(source, read);
    return read;
  }

  /** The file table of a source: input to file name. */
  private Map<Integer, String> files(String source) throws IOException {
    Map<Integer, String> out = new HashMap<>();
    for (ChunkPlace c : chunks(source)) {
      out.put(c.input(), c.file());
    }
    return out;
  }

  @FunctionalInterface
  private interface DocumentConsumer {
    void accept(SolrDocument d) throws IOException;
  }

  private long forEach(List<String> filters, long max, DocumentConsumer each) throws IOException {
    return forEach(filters, max, Map.of(), each, SolrSchema.ID, SolrSchema.SOURCE, IndexFields.SHOWN, IndexFields.LINES);
  }

  private long forEach(List<String> filters, long max, Map<String, String> params, DocumentConsumer each) throws IOException {
    return forEach(filters, max, params, each, SolrSchema.ID, SolrSchema.SOURCE, IndexFields.SHOWN, IndexFields.LINES);
  }

  /**
   * Every document matching all {@code filters}, page by page (a cursor), with {@code fields}; the
   * number found. Reads none when more than {@code max} match.
   */
  private long forEach(List<String> filters, long max, Map<String, String> params, DocumentConsumer each,
      String... fields) throws IOException {
    SolrQuery q = new SolrQuery(SolrQueries.EVERYTHING).setFields(fields).setRows(PAGE).setSort(SolrSchema.ID, SolrQuery.ORDER.asc);
    filters.forEach(q::addFilterQuery);
    params.forEach(q::set);
    q.set("q.op", "OR");
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse response;
      try {
        response = new QueryRequest(q, SolrRequest.METHOD.POST).process(connection.client(), connection.collection());
      } catch (Exception e) {
        throw connection.explain(e, "reading the stories of the query");
      }
      long found = response.getResults().getNumFound();
      if (found > max) {
        return found;
      }
      for (SolrDocument d : response.getResults()) {
        each.accept(d);
      }
      String next = response.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return found;
      }
      cursor = next;
    }
  }

  /** Queries built from parameters ({@code $pN}), so long lists of values are neither escaped nor limited. */
  private static final class Params {
    final Map<String, String> params = new LinkedHashMap<>();

    Params() {
      params.put("sep", SEPARATOR);
    }

    /** The query a reference stands for, as a filter query. */
    static String query(String reference) {
      return "{!bool filter=" + reference + "}";
    }

    /** A query in Solr's standard syntax as a parameter; its reference. */
    String add(String query) {
      String name = "p" + params.size();
      params.put(name, query);
      return "$" + name;
    }

    /** Documents whose {@code field} is one of {@code values}; empty when there are none. */
    Optional<String> terms(String field, Set<String> values) {
      if (values.isEmpty()) {
        return Optional.empty();
      }
      for (String v : values) {
        if (v.contains(SEPARATOR)) {
          throw new IllegalArgumentException("a value of " + field + " holds a line break");
        }
      }
      String name = "p" + params.size();
      params.put(name, String.join(SEPARATOR, values));
      return Optional.of(add("{!terms f=" + field + " separator=$sep v=$" + name + "}"));
    }

    /** A bool query of references: every {@code filter}, and at least one {@code should} when there are any. */
    String bool(List<String> filters, List<String> should) {
      StringBuilder b = new StringBuilder("{!bool");
      for (String f : filters) {
        b.append(" filter=").append(f);
      }
      for (String s : should) {
        b.append(" should=").append(s);
      }
      return add(b.append('}').toString());
    }

    /** The filter of the alternatives {@code any}: nothing when there are none. */
    SolrFilter filter(List<String> any) {
      if (any.isEmpty()) {
        return new SolrFilter(SolrQueries.NOTHING, Map.of());
      }
      StringBuilder b = new StringBuilder("{!bool");
      any.forEach(s -> b.append(" should=").append(s));
      return new SolrFilter(b.append('}').toString(), Map.copyOf(params));
    }
  }
}
