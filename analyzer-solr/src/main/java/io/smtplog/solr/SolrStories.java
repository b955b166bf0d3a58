package io.smtplog.solr;

import io.smtplog.core.index.IndexDocuments;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.LineRefs;
import io.smtplog.solr.SolrAggregator.SolrFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.search.Query;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;

/**
 * The stories a query selects, found on Solr as {@link io.smtplog.core.index.IndexSearch#storyFilter}
 * finds them in the local index, per source (each source has its own queue ids, sessions and file
 * table): the documents the query matches give queue ids, sessions and lines; the message documents
 * linked to those queue ids (copies, originals, notifications, over every hop) add theirs; the
 * sessions' documents add their lines. What the aggregates then take: the documents of those
 * queue ids, of those sessions' own stories, and the documents the query matched; the RCPT reply
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

  /**
   * What the aggregates take: {@code documents} for the documents of every kind but RCPT replies
   * (those of the stories, and those the query matched itself), {@code rcptReplies} for RCPT replies.
   */
  record Filters(SolrFilter documents, SolrFilter rcptReplies) {}

  private final SolrConnection connection;
  private final ChunkPlaces places;

  SolrStories(SolrConnection connection) {
    this.connection = connection;
    this.places = new ChunkPlaces(connection);
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
    List<String> storyDocuments = new ArrayList<>();
    List<String> replies = new ArrayList<>();
    // What the query matched itself, of the documents a query sees (never an internal one by a negation)
    String matchedDocuments = params.bool(List.of(params.add(matched), params.add(documents)), List.of());
    for (Map.Entry<String, Story> e : bySource.entrySet()) {
      String source = e.getKey();
      Story story = e.getValue();
      for (Map<String, Object> event : story.events) {
        places.lineOf(source, event).ifPresent(story.lines::add);
      }
      Set<String> family = messagesOfStory(source, story);
      sessionLines(source, story);
      String sourceQuery = params.add(SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source));
      List<String> should = new ArrayList<>();
      params.terms(IndexFields.QUEUE_ID, family).ifPresent(should::add);
      params.terms(IndexFields.SESSION, story.sessions).ifPresent(t -> should.add(params.bool(List.of(
          params.add(IndexFields.SESSION_STORY + ":session"), t), List.of())));
      should.add(matchedDocuments);
      Set<String> replyLines = new LinkedHashSet<>();
      Map<Integer, String> files = files(source, story.lines);
      for (long ref : story.lines) {
        String file = files.get(LineRefs.input(ref));
        if (file != null) {
          replyLines.add(file + ":" + LineRefs.line(ref));
        }
      }
      params.terms(IndexFields.REPLY_LINE, replyLines).ifPresent(should::add); // replies of no story, by line
      storyDocuments.add(params.bool(List.of(sourceQuery, params.bool(List.of(), should)), List.of()));
      params.terms(IndexFields.RCPT_REPLY_LINE, replyLines)
          .ifPresent(t -> replies.add(params.bool(List.of(sourceQuery, t), List.of())));
    }
    return new Filters(params.filter(storyDocuments), params.filter(replies));
  }

  /** Adds the lines and sessions of the message documents of the story ({@link StoryMessages}); their queue ids. */
  private Set<String> messagesOfStory(String source, Story story) throws IOException {
    Set<String> family = new LinkedHashSet<>(story.queueIds);
    for (SolrDocument d : StoryMessages.of(connection, source, story.queueIds)) {
      StoredValues.addLines(d, story.lines);
      Map<String, Object> values = StoredValues.shown(d);
      story.sessions.addAll(StoredValues.values(values, IndexFields.SESSION));
      family.addAll(StoredValues.values(values, IndexFields.QUEUE_ID));
    }
    return family;
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

  /** The file table of a source as far as {@code lines} need it: input to the name its file was read under. */
  private Map<Integer, String> files(String source, Set<Long> lines) throws IOException {
    Map<Integer, String> out = new HashMap<>();
    for (long ref : lines) {
      int input = LineRefs.input(ref);
      if (!out.containsKey(input)) {
        out.put(input, places.fileOf(source, input).orElse(null));
      }
    }
    return out;
  }

  private long forEach(List<String> filters, long max, CursorPages.DocumentConsumer each) throws IOException {
    return forEach(filters, max, Map.of(), each);
  }

  /**
   * Every document matching all {@code filters}, page by page (a cursor), with what a story needs of
   * it; the number found. Reads none when more than {@code max} match.
   */
  private long forEach(List<String> filters, long max, Map<String, String> params, CursorPages.DocumentConsumer each)
      throws IOException {
    SolrQuery q = new SolrQuery(SolrQueries.EVERYTHING).setFields(SolrSchema.ID, SolrSchema.SOURCE, IndexFields.SHOWN,
        IndexFields.LINES).setRows(PAGE).setSort(SolrSchema.ID, SolrQuery.ORDER.asc);
    filters.forEach(q::addFilterQuery);
    params.forEach(q::set);
    q.set("q.op", "OR");
    return CursorPages.forEach(connection, q, "reading the stories of the query", max, each);
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
