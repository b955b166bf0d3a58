package io.smtplog.solr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.index.DialogueCodec;
import io.smtplog.core.index.IndexDocuments;
import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.RawChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.util.NamedList;

/**
 * The read side over a SolrCloud collection ({@link IndexView}), giving what {@link IndexSearch}
 * gives over the same documents: queries are smtplog's, translated ({@link SolrQueries}); counts,
 * hits and facets are computed by Solr across the shards; hits are read a page at a time with a
 * cursor. Every source in the collection is read, or one ({@link SolrSchema#SOURCE}); each source
 * has its own queue ids, sessions and file table, so a story (a trace, a hit's lines, a report's
 * lines) is followed within the source of its documents, and its lines come from that source's
 * chunk documents. A hit's key is its document id and source. Not thread-safe; close it (that
 * closes its connection).
 */
public final class SolrIndexView implements IndexView {
  /** Documents per request when reading many (hits, a story's documents, chunks). */
  static final int FETCH = 1000;
  /** The most time buckets one facet asks Solr for (about eleven years by the hour). */
  static final long MAX_TIME_BUCKETS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCUMENTS = "{!terms f=" + IndexFields.KIND + "}" + String.join(",",
      IndexFields.RECIPIENT, IndexFields.MESSAGE, IndexFields.SESSION_KIND, IndexFields.EVENT_KIND);
  private static final List<String> KINDS = List.of(IndexFields.RECIPIENT, IndexFields.MESSAGE,
      IndexFields.SESSION_KIND, IndexFields.EVENT_KIND);
  /** Separates the values of a terms query: no value of these fields holds a line break (they come from log lines). */
  private static final String SEPARATOR = "\n";

  /**
   * Distinct values a facet counts exactly; past that its number is Solr's estimate. A request for
   * them brings back at most one more (about 0.6 MB for addresses).
   */
  static final int EXACT_VALUES = 10_000;
  /** Values each shard sends beyond a facet's limit, at least: the candidates refinement makes exact. */
  static final int MIN_OVERREQUEST = 100;
  /**
   * How far past {@link #EXACT_VALUES} Solr's estimate must be for the exact count not to be tried:
   * {@code hll} (HyperLogLog, 2^11 registers) errs by about 2.3 % (one standard error).
   */
  static final double HLL_MARGIN = 1.25;

  private final SolrConnection connection;
  private final Optional<String> source;
  private final int exactValues;
  private final long storyDocuments;

  /**
   * What bounds the view's answers: distinct values a facet counts exactly ({@link #EXACT_VALUES}),
   * documents a query may match for the lines of its stories to be read ({@link SolrStories#MAX_DOCUMENTS}).
   */
  record Limits(int exactValues, long storyDocuments) {
    static final Limits IN_USE = new Limits(EXACT_VALUES, SolrStories.MAX_DOCUMENTS);
  }
  private final ChunkPlaces places;
  /** The chunks {@link #lines} decoded last, by id: a page of hits mostly shares a few. */
  private final Map<String, RawChunk> recentChunks = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RawChunk> eldest) {
      return size() > 4;
    }
  };

  /** A view of every source in the collection of {@code connection}, or of {@code source} only; it closes the connection. */
  public SolrIndexView(SolrConnection connection, Optional<String> source) {
    this(connection, source, Limits.IN_USE);
  }

  /** @param limits what bounds the answers (a test's few samples pass smaller ones) */
  SolrIndexView(SolrConnection connection, Optional<String> source, Limits limits) {
    this.connection = connection;
    this.source = source;
    this.exactValues = limits.exactValues();
    this.storyDocuments = limits.storyDocuments();
    this.places = new ChunkPlaces(connection);
  }

  // ---- requests ----

  private QueryResponse send(SolrQuery q, String doing) throws IOException {
    return CursorPages.send(connection, q, doing);
  }

  /** {@code query} over the documents that are hits (of the source, when one is given). */
  private SolrQuery documents(Query query) {
    SolrQuery q = new SolrQuery(SolrQueries.toSolr(query)).addFilterQuery(DOCUMENTS);
    source.ifPresent(s -> q.addFilterQuery(sourceFilter(s)));
    return q;
  }

  private static String sourceFilter(String source) {
    return SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers are JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static NamedList<Object> facetsOf(QueryResponse response) {
    NamedList<Object> facets = (NamedList<Object>) response.getResponse().get("facets");
    return facets == null ? new NamedList<>() : facets;
  }

  @SuppressWarnings("unchecked")
  private static List<NamedList<Object>> buckets(NamedList<Object> facets, String name) {
    NamedList<Object> facet = (NamedList<Object>) facets.get(name);
    return facet == null ? List.of() : (List<NamedList<Object>>) facet.get("buckets");
  }

  // ---- counts and hits ----

  @Override
  public long count(Query query) throws IOException {
    return send(documents(query).setRows(0), "counting documents").getResults().getNumFound();
  }

  /** The hits by the sort of {@link IndexSearch#sortOf}, ties in the order written ({@code _seq}), then by id. */
  @Override
  public HitPages hitPages(Query query, String sortField, int limit, int pageSize) throws IOException {
    SolrQuery q = documents(query).setFields(SolrSchema.ID, SolrSchema.SOURCE, IndexFields.SHOWN);
    for (SortField f : IndexSearch.sortOf(sortField).getSort()) {
      SolrQuery.ORDER order = f.getReverse() ? SolrQuery.ORDER.desc : SolrQuery.ORDER.asc;
      if (f instanceof SortedSetSortField && f.getReverse() && REPEATED_KEYWORDS.contains(f.getField())) {
        throw new IllegalArgumentException("cannot sort by -" + f.getField() + " on SolrCloud: a document may hold"
            + " several values of it, and Solr places such a document by its greatest value where the local index"
            + " takes the least; sort by " + f.getField() + " (ascending), or use --index");
      }
      if (f instanceof SortedSetSortField) {
        // Lucene sorts a document without the value first (last when descending); Solr's strings sort missing last.
        q.addSort("if(exists(field(" + f.getField() + ",min)),1,0)", order);
        q.addSort(f.getField(), order);
      } else {
        q.addSort(sortKey(f.getField()), order);
      }
    }
    q.addSort(SolrSchema.ID, SolrQuery.ORDER.asc); // a cursor needs the unique key last
    return new SolrPages(query, q, count(query), limit, pageSize);
  }

  /**
   * The keyword fields a document may hold several values of (a session's commands, replies and HELO
   * names): a descending sort by them cannot be the local index's on Solr, and is refused.
   */
  static final Set<String> REPEATED_KEYWORDS = Set.of(IndexFields.COMMAND, IndexFields.ENHANCED, IndexFields.TAG,
      IndexFields.HELO);

  /**
   * What Solr sorts a number by, as Lucene's sort fields of IndexSearch do: a document by the least
   * of its values whichever the direction (Solr's own sort of a multi-valued field takes the
   * greatest descending). Strings cannot be sorted so across shards (Solr 9.10 fails to merge a
   * string function's sort values): a document holding several values of a string field is placed
   * by its greatest when descending.
   */
  private static String sortKey(String field) {
    boolean multiValued = SolrSchema.field(field).map(SolrSchema.SolrField::multiValued).orElse(false);
    return multiValued ? "field(" + field + ",min)" : field;
  }

  private final class SolrPages extends CountedPages {
    private final Query query;
    private final SolrQuery request;
    private String cursor = CursorMarkParams.CURSOR_MARK_START;

    SolrPages(Query query, SolrQuery request, long total, int limit, int pageSize) {
      super(total, limit, pageSize);
      this.query = query;
      this.request = request;
    }

    @Override
    public Set<String> kinds() throws IOException {
      Map<String, Long> counts = facet(query, IndexFields.KIND, null);
      Set<String> kinds = new LinkedHashSet<>();
      KINDS.stream().filter(counts::containsKey).forEach(kinds::add);
      return kinds;
    }

    @Override
    public List<Hit> next() throws IOException {
      int n = nextPageSize();
      List<Hit> hits = new ArrayList<>();
      while (hits.size() < n) {
        request.setRows((int) Math.min(FETCH, n - hits.size()));
        request.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
        QueryResponse response = send(request, "reading hits");
        for (SolrDocument d : response.getResults()) {
          hits.add(hit(d));
        }
        String next = response.getNextCursorMark();
        if (response.getResults().isEmpty() || next == null || next.equals(cursor)) {
          read = shown; // the collection holds fewer than it counted: nothing more to read
          return hits;
        }
        cursor = next;
      }
      read += hits.size();
      return hits;
    }
  }

  private static Hit hit(SolrDocument d) {
    Map<String, Object> values = StoredValues.shown(d);
    return new Hit(String.valueOf(values.get(IndexFields.KIND)), values, StoredValues.values(values, IndexFields.SESSION),
        d.getFirstValue(SolrSchema.ID) + " " + d.getFirstValue(SolrSchema.SOURCE));
  }

  /** The source of a hit, from its key (its id has no space: Base64url). */
  private static String sourceOf(Hit hit) {
    int space = hit.key().indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("not a hit of a Solr view: " + hit.key());
    }
    return hit.key().substring(space + 1);
  }

  private static String idOf(Hit hit) {
    return hit.key().substring(0, hit.key().indexOf(' '));
  }

  // ---- facets ----

  /**
   * Counts per value, computed by Solr over every shard, the top kept as IndexSearch keeps them: most
   * first, then by value. Every value is asked for while there are at most {@link #exactValues} (then
   * everything is exact, as in IndexSearch); past that, only the top, refined (the counts shown are
   * exact), and the number of values as Solr estimates it ({@link Facet#estimated}), so a facet on
   * {@code recipient} over a billion outcomes brings back a bounded answer. {@code limit} 0 asks for
   * every value, as the caller wants; {@code hour} and {@code day} are bounded by the time span.
   */
  @Override
  public Map<String, Facet> facets(Query query, List<String> fields, ZoneId zone, int limit) throws IOException {
    Map<String, Facet> out = new LinkedHashMap<>();
    for (String name : fields) {
      IndexField f = IndexSearch.countable(name);
      if (name.equals(IndexFields.HOUR) || name.equals(IndexFields.DAY)) {
        Map<String, Long> all = timeFacet(query, name, zone);
        out.put(name, new Facet(first(all, limit), all.size()));
      } else if (limit <= 0) {
        Map<String, Long> all = facet(query, name, f.type(), -1);
        out.put(name, new Facet(all, all.size()));
      } else {
        out.put(name, boundedFacet(query, name, f.type(), limit));
      }
    }
    return out;
  }

  /** The first {@code limit} of {@code counts} (all when 0). */
  private static Map<String, Long> first(Map<String, Long> counts, int limit) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream().limit(limit <= 0 ? Long.MAX_VALUE : limit).forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  /**
   * The top {@code limit} values of a field, in requests whose answers do not grow with the number
   * of values. First the top {@code limit}, refined (every shard counts every value shown, so the
   * counts are exact) with an overrequest, and Solr's HyperLogLog estimate of the number of values
   * ({@code hll}). When that is well past {@code exactValues}, that is the answer (the number an
   * estimate, at least one more than {@code exactValues}). Else at most {@code exactValues + 1}
   * values: each shard sends its top ones, at least that many when it has them, so fewer in all
   * means every shard sent every value it has, and the counts, their order and their number are
   * exact, as IndexSearch's. Past the threshold, values tied at the last place shown may differ from
   * IndexSearch's for numbers (Solr breaks ties by number, IndexSearch by text).
   */
  private Facet boundedFacet(Query query, String field, IndexField.Type type, int limit) throws IOException {
    Map<String, Object> terms = termsFacet(field, limit);
    terms.put("refine", true);
    terms.put("overrequest", Math.max(limit, MIN_OVERREQUEST));
    SolrQuery q = documents(query).setRows(0);
    q.set("json.facet", json(Map.of("f", terms, "n", "hll(" + field + ")")));
    NamedList<Object> facets = facetsOf(send(q, "counting by " + field));
    Map<String, Long> top = first(counted(buckets(facets, "f"), type), limit);
    long estimate = facets.get("n") instanceof Number n ? n.longValue() : 0;
    if (estimate <= exactValues * HLL_MARGIN) {
      Map<String, Long> few = facet(query, field, type, exactValues + 1);
      if (few.size() <= exactValues) {
        return new Facet(first(few, limit), few.size());
      }
    }
    return new Facet(top, Math.max(estimate, exactValues + 1L), true);
  }

  private static Map<String, Object> termsFacet(String field, int limit) {
    Map<String, Object> terms = new LinkedHashMap<>();
    terms.put("type", "terms");
    terms.put("field", field);
    terms.put("limit", limit);
    terms.put("mincount", 1);
    terms.put("sort", "count desc");
    return terms;
  }

  /** Every value of a field over the matching documents and its count, most first, then by value. */
  private Map<String, Long> facet(Query query, String field, IndexField.Type type) throws IOException {
    return facet(query, field, type, -1);
  }

  /** The values of a field (the first {@code limit} Solr sends; -1: all) and their counts, most first, then by value. */
  private Map<String, Long> facet(Query query, String field, IndexField.Type type, int limit) throws IOException {
    Map<String, Object> terms = termsFacet(field, limit);
    SolrQuery q = documents(query).setRows(0);
    q.set("json.facet", json(Map.of("f", terms)));
    return counted(buckets(facetsOf(send(q, "counting by " + field)), "f"), type);
  }

  /** Buckets of a terms facet as values named as IndexSearch names them, most first, then by value. */
  private static Map<String, Long> counted(List<NamedList<Object>> buckets, IndexField.Type type) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (NamedList<Object> b : buckets) {
      Object v = b.get("val");
      String key = v instanceof Long l && type == IndexField.Type.TIME ? Instant.ofEpochMilli(l).toString()
          : v instanceof Double d ? Double.toString(d) : String.valueOf(v);
      counts.merge(key, ((Number) b.get("count")).longValue(), Long::sum);
    }
    // IndexSearch orders ties of a keyword by its ordinals (the values' UTF-8 bytes), of a number by its text.
    Comparator<String> byValue = type == IndexField.Type.KEYWORD || type == IndexField.Type.ID
        ? (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))
        : Comparator.naturalOrder();
    return sorted(counts, byValue);
  }

  private static Map<String, Long> sorted(Map<String, Long> counts, Comparator<String> byValue) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey(byValue))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * {@code hour} or {@code day} in {@code zone}, exactly: Solr counts the documents per bucket of
   * time (an hour, or a quarter hour when the zone's offset is not whole hours), each bucket lying
   * within one hour of the zone's day (its offset does not change inside it), and the buckets are
   * named here. A zone whose offset changes off a quarter hour within the documents' time is refused.
   */
  private Map<String, Long> timeFacet(Query query, String name, ZoneId zone) throws IOException {
    SolrQuery range = documents(query).setRows(0);
    range.set("json.facet", json(Map.of("min", "min(" + IndexFields.TIME + ")", "max", "max(" + IndexFields.TIME + ")")));
    NamedList<Object> span = facetsOf(send(range, "reading the time span"));
    Map<String, Long> counts = new TreeMap<>();
    if (!(span.get("min") instanceof Number min) || !(span.get("max") instanceof Number max)) {
      return counts;
    }
    long gap = TimeBuckets.gap(zone, min.longValue(), max.longValue());
    long start = Math.floorDiv(min.longValue(), gap) * gap;
    long end = (Math.floorDiv(max.longValue(), gap) + 1) * gap;
    if ((end - start) / gap > MAX_TIME_BUCKETS) {
      throw new IllegalArgumentException("cannot count by " + name + " over "
          + Instant.ofEpochMilli(min.longValue()) + " to " + Instant.ofEpochMilli(max.longValue())
          + " on Solr: more than " + MAX_TIME_BUCKETS + " buckets of time; narrow the query by time");
    }
    Map<String, Object> buckets = new LinkedHashMap<>();
    buckets.put("type", "range");
    buckets.put("field", IndexFields.TIME);
    buckets.put("start", start);
    buckets.put("end", end);
    buckets.put("gap", gap);
    SolrQuery q = documents(query).setRows(0);
    q.set("json.facet", json(Map.of("t", buckets)));
    for (NamedList<Object> b : buckets(facetsOf(send(q, "counting by " + name)), "t")) {
      long count = ((Number) b.get("count")).longValue();
      if (count > 0) {
        var local = Instant.ofEpochMilli(((Number) b.get("val")).longValue()).atZone(zone);
        String key = name.equals(IndexFields.HOUR) ? String.format(Locale.ROOT, "%02d", local.getHour())
            : local.toLocalDate().toString();
        counts.merge(key, count, Long::sum);
      }
    }
    return sorted(counts, Comparator.naturalOrder());
  }

  // ---- stories ----

  /** Documents of {@code kind} (of {@code source}, or of any when null) whose {@code field} is one of {@code values}, in the order written. */
  private List<SolrDocument> docs(String source, String kind, String field, Set<String> values, String... fields)
      throws IOException {
    List<SolrDocument> out = new ArrayList<>();
    if (values.isEmpty()) {
      return out;
    }
    for (String v : values) {
      if (v.contains(SEPARATOR)) {
        return out; // no stored value holds a line break, so none matches
      }
    }
    SolrQuery q = new SolrQuery("*:*").addFilterQuery(IndexFields.KIND + ":" + ClientUtils.escapeQueryChars(kind))
        .addFilterQuery("{!terms f=" + field + " separator=$sep v=$values}");
    q.set("sep", SEPARATOR);
    q.set("values", String.join(SEPARATOR, values));
    if (source != null) {
      q.addFilterQuery(sourceFilter(source));
    } else {
      this.source.ifPresent(s -> q.addFilterQuery(sourceFilter(s)));
    }
    q.setFields(fields.length == 0 ? new String[] {SolrSchema.ID, SolrSchema.SOURCE, IndexFields.SHOWN, IndexFields.LINES}
        : fields);
    q.setSort(IndexFields.SEQ, SolrQuery.ORDER.asc).addSort(SolrSchema.ID, SolrQuery.ORDER.asc);
    forEachPage(q, "reading the documents of a story", out::add);
    return out;
  }

  /** Every document of a query (sorted, the id last), page by page with a cursor. */
  private void forEachPage(SolrQuery q, String doing, CursorPages.DocumentConsumer each) throws IOException {
    CursorPages.forEach(connection, q.setRows(FETCH), doing, Long.MAX_VALUE, each);
  }

  /** The message documents of the stories of {@code queueIds} in {@code source}, as IndexSearch#messagesOfStory. */
  private List<SolrDocument> messagesOfStory(String source, Set<String> queueIds) throws IOException {
    return StoryMessages.of(connection, source, queueIds);
  }

  @Override
  public Set<String> sessionsOfHit(Hit hit) throws IOException {
    Set<String> out = new LinkedHashSet<>(hit.sessions());
    Object queueId = hit.values().get(IndexFields.QUEUE_ID);
    if (queueId != null && !hit.kind().equals(IndexFields.EVENT_KIND)) {
      for (SolrDocument d : messagesOfStory(sourceOf(hit), Set.of(String.valueOf(queueId)))) {
        out.addAll(StoredValues.values(StoredValues.shown(d), IndexFields.SESSION));
      }
    }
    return out;
  }

  @Override
  public List<StoredLine> linesOfHit(Hit hit) throws IOException {
    String from = sourceOf(hit);
    Map<String, Object> values = hit.values();
    TreeSet<Long> lines = new TreeSet<>();
    docs(from, hit.kind(), SolrSchema.ID, Set.of(idOf(hit))).forEach(d -> StoredValues.addLines(d, lines));
    if (hit.kind().equals(IndexFields.EVENT_KIND)) {
      places.lineOf(from, values).ifPresent(lines::add);
    } else {
      Set<String> queueIds = new LinkedHashSet<>();
      Optional.ofNullable(values.get(IndexFields.QUEUE_ID)).ifPresent(q -> queueIds.add(String.valueOf(q)));
      messagesOfStory(from, queueIds).forEach(d -> StoredValues.addLines(d, lines));
    }
    return lines(from, lines);
  }

  /** The sources of the collection (or the one given), by name. */
  private List<String> sources() throws IOException {
    if (source.isPresent()) {
      return List.of(source.get());
    }
    SolrQuery q = new SolrQuery("*:*").setRows(0);
    q.set("json.facet", json(Map.of("s", Map.of("type", "terms", "field", SolrSchema.SOURCE, "limit", -1))));
    List<String> out = new ArrayList<>();
    for (NamedList<Object> b : buckets(facetsOf(send(q, "listing the sources")), "s")) {
      out.add(String.valueOf(b.get("val")));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The story of an id in each source, as IndexSearch#trace; the sources' lines one after another, by source. */
  @Override
  public Trace trace(String id) throws IOException {
    String key = id.strip();
    Map<String, Set<String>> queueIds = new TreeMap<>();
    if (key.indexOf('@') > 0 && !key.startsWith("<")) {
      String address = key.toLowerCase(Locale.ROOT);
      for (String field : List.of(IndexFields.RECIPIENT_FIELD, IndexFields.ORIG_RECIPIENT)) {
        for (SolrDocument d : docs(null, IndexFields.RECIPIENT, field, Set.of(address))) {
          Object q = StoredValues.shown(d).get(IndexFields.QUEUE_ID);
          if (q != null) {
            queueIds.computeIfAbsent(sourceOf(d), s -> new LinkedHashSet<>()).add(String.valueOf(q));
          }
        }
      }
      if (queueIds.isEmpty()) {
        for (SolrDocument d : docs(null, IndexFields.MESSAGE, IndexFields.SENDER, Set.of(address))) {
          queueIds.computeIfAbsent(sourceOf(d), s -> new LinkedHashSet<>())
              .add(String.valueOf(StoredValues.shown(d).get(IndexFields.QUEUE_ID)));
        }
      }
    } else {
      for (String s : sources()) {
        queueIds.computeIfAbsent(s, x -> new LinkedHashSet<>()).add(key);
      }
      String bare = key.startsWith("<") && key.endsWith(">") ? key.substring(1, key.length() - 1) : key;
      for (SolrDocument d : docs(null, IndexFields.MESSAGE, IndexFields.MESSAGE_ID, Set.of(bare, "<" + bare + ">"))) {
        queueIds.computeIfAbsent(sourceOf(d), s -> new LinkedHashSet<>())
            .add(String.valueOf(StoredValues.shown(d).get(IndexFields.QUEUE_ID)));
      }
    }
    List<Map<String, Object>> messages = new ArrayList<>();
    List<Map<String, Object>> recipients = new ArrayList<>();
    List<Map<String, Object>> sessions = new ArrayList<>();
    List<StoredLine> lines = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : queueIds.entrySet()) {
      String from = e.getKey();
      Set<String> ids = new LinkedHashSet<>();
      Set<String> sessionIds = new LinkedHashSet<>();
      TreeSet<Long> refs = new TreeSet<>();
      for (SolrDocument d : messagesOfStory(from, e.getValue())) {
        Map<String, Object> values = StoredValues.shown(d);
        messages.add(values);
        ids.add(String.valueOf(values.get(IndexFields.QUEUE_ID)));
        sessionIds.addAll(StoredValues.values(values, IndexFields.SESSION));
        StoredValues.addLines(d, refs);
      }
      for (SolrDocument d : docs(from, IndexFields.RECIPIENT, IndexFields.QUEUE_ID, ids)) {
        recipients.add(StoredValues.shown(d));
      }
      for (SolrDocument d : docs(from, IndexFields.SESSION_KIND, IndexFields.SESSION, sessionIds)) {
        sessions.add(StoredValues.shown(d));
        StoredValues.addLines(d, refs);
      }
      lines.addAll(lines(from, refs));
    }
    // As IndexSearch#trace: messages by time (the story's order among equals), the others by time then name.
    messages.sort(byTimeThen(IndexFields.QUEUE_ID));
    recipients.sort(byTimeThen(IndexFields.RECIPIENT_FIELD));
    sessions.sort(byTimeThen(IndexFields.SESSION));
    return new Trace(messages, recipients, sessions, lines);
  }

  private static String sourceOf(SolrDocument d) {
    return String.valueOf(d.getFirstValue(SolrSchema.SOURCE));
  }

  private static Comparator<Map<String, Object>> byTimeThen(String field) {
    Comparator<Map<String, Object>> byTime = Comparator.comparing(m -> String.valueOf(m.get(IndexFields.TIME)));
    return byTime.thenComparing(m -> String.valueOf(m.get(field)));
  }

  @Override
  public List<SmtpDialogue> dialogues(Set<String> ids) throws IOException {
    List<SmtpDialogue> out = new ArrayList<>();
    for (SolrDocument d : docs(null, IndexFields.SESSION_KIND, IndexFields.SESSION, ids, SolrSchema.ID,
        IndexFields.DIALOGUE)) {
      Object json = d.getFirstValue(IndexFields.DIALOGUE);
      if (json != null) {
        out.add(DialogueCodec.decode(json.toString()));
      }
    }
    // By start, then by first line: a transcript's sessions may all start at the time it was given.
    out.sort(Comparator.comparing(SmtpDialogue::start).thenComparing(d -> d.first().file())
        .thenComparingLong(d -> d.first().lineNumber()));
    return out;
  }

  @Override
  public List<StoredLine> sessionLines(String id) throws IOException {
    Map<String, TreeSet<Long>> bySource = new TreeMap<>();
    for (SolrDocument d : docs(null, IndexFields.SESSION_KIND, IndexFields.SESSION, Set.of(id))) {
      StoredValues.addLines(d, bySource.computeIfAbsent(sourceOf(d), s -> new TreeSet<>()));
    }
    List<StoredLine> out = new ArrayList<>();
    for (Map.Entry<String, TreeSet<Long>> e : bySource.entrySet()) {
      out.addAll(lines(e.getKey(), e.getValue()));
    }
    return out;
  }

  // ---- stored lines ----

  /** The bytes of a stored chunk, decoded. Safe on any thread (the client is). */
  private RawChunk load(ChunkPlace c) throws IOException {
    SolrDocument d;
    try {
      d = connection.client().getById(connection.collection(), c.id());
    } catch (Exception e) {
      throw connection.explain(e, "reading stored lines");
    }
    if (d == null || !(d.getFirstValue(IndexFields.CHUNK_DATA) instanceof byte[] bytes)) {
      throw new IOException("a stored chunk of collection " + connection.collection() + " is missing (id " + c.id() + ")");
    }
    return new IndexStore.Chunk(c.input(), c.file(), c.first(), c.last(), () -> bytes).load();
  }

  /** The text of the lines {@code refs} of {@code source}, in reading order. */
  private List<StoredLine> lines(String source, Set<Long> refs) throws IOException {
    List<StoredLine> out = new ArrayList<>();
    if (refs.isEmpty()) {
      return out;
    }
    long[] sorted = refs.stream().mapToLong(Long::longValue).sorted().toArray();
    for (ChunkPlace c : places.holdingAny(source, sorted)) {
      RawChunk raw = recentChunks.get(c.id());
      if (raw == null) {
        raw = load(c);
        recentChunks.put(c.id(), raw);
      }
      long[] wanted = c.linesIn(sorted);
      long last = wanted[wanted.length - 1];
      byte[] data = raw.data();
      long line = raw.firstLine();
      int start = 0;
      while (start < raw.length() && line <= last) {
        int end = start;
        while (end < raw.length() && data[end] != '\n') {
          end++;
        }
        if (Arrays.binarySearch(wanted, line) >= 0) {
          int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
          out.add(new StoredLine(raw.file(), line, new String(data, start, stop - start, StandardCharsets.UTF_8)));
        }
        start = end + 1;
        line++;
      }
    }
    return out;
  }

  /**
   * The lines of the stories the documents matching {@code query} belong to, per source, as
   * IndexSearch#storyLines: the matched documents' own lines and queue ids and sessions (an event's
   * line), the lines and sessions of the messages of their stories, the sessions' lines. The matched
   * documents are read to the client, so a query matching more than {@code storyDocuments} is
   * refused, as SolrStories refuses it.
   */
  private Map<String, long[]> storyLines(Query query) throws IOException {
    record Story(Set<String> queueIds, Set<String> sessions, TreeSet<Long> lines) {}
    Map<String, Story> bySource = new TreeMap<>();
    long found = count(query);
    if (found > storyDocuments) {
      throw new SolrAggregator.QueryTooBroadException(found, storyDocuments);
    }
    SolrQuery q = documents(query).setFields(SolrSchema.ID, SolrSchema.SOURCE, IndexFields.SHOWN, IndexFields.LINES)
        .setSort(SolrSchema.ID, SolrQuery.ORDER.asc);
    List<Map.Entry<String, Map<String, Object>>> events = new ArrayList<>();
    forEachPage(q, "reading the stories of the query", d -> {
      String from = sourceOf(d);
      Story story = bySource.computeIfAbsent(from, s -> new Story(new LinkedHashSet<>(), new LinkedHashSet<>(),
          new TreeSet<>()));
      Map<String, Object> values = StoredValues.shown(d);
      Optional.ofNullable(values.get(IndexFields.QUEUE_ID)).ifPresent(v -> story.queueIds().add(String.valueOf(v)));
      story.sessions().addAll(StoredValues.values(values, IndexFields.SESSION));
      StoredValues.addLines(d, story.lines());
      if (IndexFields.EVENT_KIND.equals(values.get(IndexFields.KIND))) {
        events.add(Map.entry(from, values));
      }
    });
    for (Map.Entry<String, Map<String, Object>> e : events) {
      places.lineOf(e.getKey(), e.getValue()).ifPresent(bySource.get(e.getKey()).lines()::add);
    }
    Map<String, long[]> out = new TreeMap<>();
    for (Map.Entry<String, Story> e : bySource.entrySet()) {
      Story story = e.getValue();
      for (SolrDocument d : messagesOfStory(e.getKey(), story.queueIds())) {
        StoredValues.addLines(d, story.lines());
        story.sessions().addAll(StoredValues.values(StoredValues.shown(d), IndexFields.SESSION));
      }
      for (SolrDocument d : docs(e.getKey(), IndexFields.SESSION_KIND, IndexFields.SESSION, story.sessions())) {
        StoredValues.addLines(d, story.lines());
      }
      out.put(e.getKey(), story.lines().stream().mapToLong(Long::longValue).toArray());
    }
    return out;
  }

  /**
   * The stored chunks a report reads again, source by source in reading order: all of them, listed a
   * page at a time as the report reads them, or for a query the chunks of the lines of the stories
   * it finds, only those lines.
   */
  @Override
  public Iterator<LogPipeline.Replay> replay(Query query) throws IOException {
    if (query instanceof MatchAllDocsQuery) {
      return sources().stream()
          .flatMap(from -> StreamSupport.stream(Spliterators.spliteratorUnknownSize(places.all(from), Spliterator.ORDERED),
              false))
          .map(c -> LogPipeline.Replay.all(loader(c))).iterator();
    }
    List<LogPipeline.Replay> out = new ArrayList<>();
    for (Map.Entry<String, long[]> refs : storyLines(query).entrySet()) {
      for (ChunkPlace c : places.holdingAny(refs.getKey(), refs.getValue())) {
        long[] wanted = c.linesIn(refs.getValue());
        out.add(new LogPipeline.Replay(loader(c), line -> Arrays.binarySearch(wanted, line) >= 0));
      }
    }
    return out.iterator();
  }

  private java.util.function.Supplier<RawChunk> loader(ChunkPlace c) {
    return () -> {
      try {
        return load(c);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /**
   * What the collection holds (of the source, when one is given). Its size on disk is not known
   * to a client of the collection ({@code bytesOnDisk} 0): Solr's admin pages tell it per core.
   */
  @Override
  public Stats stats() throws IOException {
    Map<String, Map<String, Long>> counts = facets(new MatchAllDocsQuery(),
        List.of(IndexFields.KIND, IndexFields.MTA, IndexFields.STATUS), ZoneId.of("UTC"));
    SolrQuery all = new SolrQuery("*:*").setRows(0);
    source.ifPresent(s -> all.addFilterQuery(sourceFilter(s)));
    all.set("json.facet", json(Map.of("min", "min(" + IndexFields.TIME + ")", "max", "max(" + IndexFields.TIME + ")",
        "chunks", Map.of("type", "query", "q", IndexFields.KIND + ":" + IndexFields.CHUNK,
            "facet", Map.of("lines", "sum(sub(" + IndexFields.CHUNK_LAST + "," + IndexFields.CHUNK_FIRST + "))")))));
    NamedList<Object> f = facetsOf(send(all, "reading what the collection holds"));
    @SuppressWarnings("unchecked")
    NamedList<Object> chunkFacet = (NamedList<Object>) f.get("chunks");
    long chunkCount = chunkFacet == null ? 0 : ((Number) chunkFacet.get("count")).longValue();
    long lines = chunkCount == 0 ? 0 : ((Number) chunkFacet.get("lines")).longValue() + chunkCount;
    long open = 0;
    SolrQuery states = new SolrQuery("*:*").addFilterQuery(IndexFields.KIND + ":" + IndexFields.STATE)
        .setFields(SolrSchema.ID, IndexFields.OPEN_KEYS).setSort(SolrSchema.ID, SolrQuery.ORDER.asc);
    source.ifPresent(s -> states.addFilterQuery(sourceFilter(s)));
    long[] openKeys = {0};
    forEachPage(states, "reading the state of the sources", d -> {
      Object keys = d.getFirstValue(IndexFields.OPEN_KEYS);
      openKeys[0] += IndexStore.OpenStories.keysOf(keys == null ? null : keys.toString()).size();
    });
    open += openKeys[0];
    Optional<Instant> first = f.get("min") instanceof Number n ? Optional.of(Instant.ofEpochMilli(n.longValue()))
        : Optional.empty();
    Optional<Instant> last = f.get("max") instanceof Number n ? Optional.of(Instant.ofEpochMilli(n.longValue()))
        : Optional.empty();
    return new Stats(count(new MatchAllDocsQuery()), new TreeMap<>(counts.get(IndexFields.KIND)), first, last, 0,
        lines, chunkCount, new TreeMap<>(counts.get(IndexFields.MTA)), new TreeMap<>(counts.get(IndexFields.STATUS)),
        open);
  }

  @Override
  public void close() {
    connection.close();
  }
}
