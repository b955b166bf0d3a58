package io.smtplog.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.agg.AggRequest;
import io.smtplog.core.index.agg.AggResult;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.DelayBuckets;
import io.smtplog.core.index.agg.DelayCounts;
import io.smtplog.core.index.agg.Metric;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;

/**
 * Runs {@link AggRequest}s on a SolrCloud collection, each as one JSON Facet API request (a top list
 * by count as two) computed by the shards and merged by the node that received it, so only the
 * buckets travel to the client:
 * <pre>
 * First          terms facet on the field, sort by min(order) asc, limit 1, refine:true
 * buckets        terms facet on groupBy, sort count desc, limit -1 (a top list: two requests, see run())
 * Sum, Min, Max  sum(field), min(field), max(field)
 * Where          query facet (the text parsed by smtplog, then {@link SolrQueries#toSolr})
 * Terms          terms facet, limit -1 (or its limit with refine:true), mincount 1
 * Distinct       terms facet, limit 65,537, its buckets counted (exact to 65,536 values), and hll(field) past that
 * sortBy         the groups' terms facet sorted by that sum, desc
 * Delays         terms facets on the delay's bucket (every one) and on the delay (1,024 at most), max(field)
 * totals         the same metrics at the top level, the count the facets' own
 * </pre>
 * The buckets and terms are sorted again here into the model's order (most counted first, then by
 * value), which is Solr's for ASCII values but not for every Unicode one.
 *
 * <p>Exactness: counts, minima and maxima are exact across shards (a limit of -1 makes every shard
 * send every bucket). A sum is a double in Solr (its {@code sum()} adds doubles even over a long
 * field), exact while it stays below 2^53; a larger one is refused rather than rounded. The relay
 * report's sums (deferrals, hops, relayed-through) stay far below that. A {@link Metric.First} is
 * exact too: the value of the document with the least order is its shard's first by that sort, so
 * every shard's candidates hold it, and no other value has a smaller least order on any shard.
 */
public final class SolrAggregator {
  /** Past this, a sum of whole numbers read as a double may have lost its last digits. */
  static final double EXACT_DOUBLE = 0x1p53;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUPS = "groups";
  private static final String COUNT = "count";
  private static final String BUCKETS = "buckets";
  /** The suffix of a {@link Metric.Distinct}'s estimate beside its counted values. */
  private static final String LEAST = "least";
  private static final String ESTIMATE = "_hll";
  private static final String VAL = "val";
  private static final String DELAY_BUCKETS = "b";
  private static final String DELAY_VALUES = "v";
  private static final String DELAY_MAX = "x";
  private static final Comparator<Map.Entry<Object, Long>> BY_COUNT = Map.Entry.<Object, Long>comparingByValue(
      Comparator.reverseOrder()).thenComparing(Map.Entry::getKey, SolrAggregator::compareKeys);

  /** A query matching too many documents for the stories they belong to to be read. */
  public static final class QueryTooBroadException extends IOException {
    private static final long serialVersionUID = 1L;

    QueryTooBroadException(long found, long max) {
      super(String.format(java.util.Locale.ROOT, "the query matches %,d documents; over Solr a report reads the"
          + " stories of at most %,d: narrow the query, or leave --query out for the whole collection", found, max));
    }
  }

  private final SolrConnection connection;
  private final ZoneId zone;
  private final Instant now;

  /** @param zone and {@code now}: how a {@link Metric.Where}'s times are read, as the local index reads them */
  public SolrAggregator(SolrConnection connection, ZoneId zone, Instant now) {
    this.connection = connection;
    this.zone = zone;
    this.now = now;
  }

  /** Runs {@code request} over the whole collection (every source), its filter translated for Solr. */
  public AggResult run(AggRequest request) throws IOException {
    return run(new SolrFilter(SolrQueries.toSolr(request.filter()), Map.of()), request.kind(), request.groupBy(),
        request.limit(), request.sortBy(), request.metrics());
  }

  /**
   * Aggregations over the documents of the stories {@code query} selects, as the local index's
   * {@link IndexSearch#aggregations} selects them ({@link SolrStories}); every document for "*".
   */
  public Aggregations aggregations(Query query) throws IOException {
    if (query instanceof MatchAllDocsQuery) {
      SolrFilter all = new SolrFilter(SolrQueries.EVERYTHING, Map.of());
      return (kind, groupBy, limit, sortBy, metrics) -> run(all, kind, groupBy, limit, sortBy, metrics);
    }
    SolrStories.Filters stories = new SolrStories(connection).filters(query);
    return (kind, groupBy, limit, sortBy, metrics) -> run(
        kind.equals(IndexFields.RCPT_REPLY_KIND) ? stories.rcptReplies() : stories.documents(), kind, groupBy, limit,
        sortBy, metrics);
  }

  AggResult run(SolrFilter filter, String kind, String groupBy, int limit, Map<String, Metric> metrics) throws IOException {
    return run(filter, kind, groupBy, limit, null, metrics);
  }

  /**
   * The buckets an {@link AggRequest} asks for, exactly. Solr's top {@code limit} with refine:true
   * takes the candidates from each shard's own top (and its over-request), so a value spread over
   * the shards may be missed; hence a top by count is asked twice: the {@code limit} most counted
   * (their counts exact, refined), then every value counted at least as often as the last of them
   * (mincount: each shard sends its buckets, the node that merges them keeps those that reach it),
   * which holds the true top. A top by a sum is taken from every bucket (no bound on a sum can be
   * put to the shards). Either way cut here to {@code limit}, in the model's order.
   */
  AggResult run(SolrFilter filter, String kind, String groupBy, int limit, String sortBy, Map<String, Metric> metrics)
      throws IOException {
    if (limit == 0) {
      return request(filter, kind, groupBy, 0, 1, sortBy, metrics);
    }
    if (sortBy != null) {
      return cut(request(filter, kind, groupBy, 0, 1, sortBy, metrics), limit);
    }
    AggResult first = request(filter, kind, groupBy, limit, 1, null, metrics);
    if (first.buckets().size() < limit) {
      return first; // fewer values than the limit: every one of them
    }
    long reached = first.buckets().get(limit - 1).count();
    return cut(request(filter, kind, groupBy, 0, reached, null, metrics), limit);
  }

  private static AggResult cut(AggResult result, int limit) {
    List<AggResult.Bucket> buckets = result.buckets();
    return buckets.size() <= limit ? result : new AggResult(buckets.subList(0, limit), result.totals());
  }

  private AggResult request(SolrFilter filter, String kind, String groupBy, int limit, long mincount, String sortBy,
      Map<String, Metric> metrics) throws IOException {
    List<Spec> specs = compile(metrics);
    ObjectNode facet = JSON.createObjectNode();
    addMetrics(facet, specs);
    ObjectNode groups = terms(groupBy, limit);
    groups.put("mincount", mincount);
    if (sortBy != null) {
      groups.put("sort", specs.stream().filter(s -> s.name().equals(sortBy)).findFirst().orElseThrow().key() + " desc");
    }
    addMetrics(groups.putObject("facet"), specs);
    facet.set(GROUPS, groups);
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", SolrQueries.EVERYTHING);
    params.add("fq", IndexFields.KIND + ":" + ClientUtils.escapeQueryChars(kind));
    params.add("fq", filter.query());
    filter.params().forEach(params::set);
    params.set("q.op", "OR"); // every clause the translation writes has its operator; this only makes sure
    params.set("rows", 0);
    params.set("json.facet", JSON.writeValueAsString(facet));
    QueryResponse response;
    try {
      response = new QueryRequest(params, SolrRequest.METHOD.POST).process(connection.client(), connection.collection());
    } catch (Exception e) {
      throw connection.explain(e, "computing aggregates");
    }
    NamedList<?> facets = (NamedList<?>) response.getResponse().get("facets");
    AggResult.Bucket totals = bucket("", facets, specs);
    List<AggResult.Bucket> buckets = new ArrayList<>();
    NamedList<?> grouped = facets == null ? null : (NamedList<?>) facets.get(GROUPS);
    if (grouped != null) {
      for (Object b : (List<?>) grouped.get(BUCKETS)) {
        NamedList<?> nl = (NamedList<?>) b;
        buckets.add(bucket(String.valueOf(nl.get(VAL)), nl, specs));
      }
    }
    buckets.sort(Comparator.comparingLong((AggResult.Bucket b) -> sortBy == null ? b.count() : b.sum(sortBy)).reversed()
        .thenComparing(AggResult.Bucket::key));
    return new AggResult(buckets, totals);
  }

  /** A filter in Solr's syntax with the parameters it refers to ({@code $name}). */
  record SolrFilter(String query, Map<String, String> params) {}

  /** A metric with the key its facet has in the request (metric names are free text; keys are m0, m1...). */
  private record Spec(String name, String key, Metric metric, List<Spec> children) {}

  private List<Spec> compile(Map<String, Metric> metrics) throws IOException {
    List<Spec> out = new ArrayList<>();
    for (Map.Entry<String, Metric> e : new TreeMap<>(metrics).entrySet()) {
      List<Spec> children = e.getValue() instanceof Metric.Where w ? compile(w.metrics()) : List.of();
      out.add(new Spec(e.getKey(), "m" + out.size(), e.getValue(), children));
    }
    return out;
  }

  private void addMetrics(ObjectNode facet, List<Spec> specs) throws IOException {
    for (Spec s : specs) {
      Metric m = s.metric();
      if (m instanceof Metric.Sum sum) {
        facet.put(s.key(), "sum(" + sum.field() + ")");
      } else if (m instanceof Metric.Min min) {
        facet.put(s.key(), "min(" + min.field() + ")");
      } else if (m instanceof Metric.Max max) {
        facet.put(s.key(), "max(" + max.field() + ")");
      } else if (m instanceof Metric.Terms t) {
        facet.set(s.key(), terms(t.field(), t.limit()));
      } else if (m instanceof Metric.First f) {
        facet.set(s.key(), first(f));
      } else if (m instanceof Metric.Distinct d) {
        ObjectNode values = facet.putObject(s.key());
        values.put("type", "terms");
        values.put("field", d.field());
        values.put("limit", Metric.DISTINCT_EXACT + 1); // every shard sends all its values while they are few
        values.put("mincount", 1);
        facet.put(s.key() + ESTIMATE, "hll(" + d.field() + ")");
      } else if (m instanceof Metric.Delays d) {
        addDelays(facet, s.key(), d.field());
      } else {
        Metric.Where w = (Metric.Where) m;
        ObjectNode query = facet.putObject(s.key());
        query.put("type", "query");
        query.put("q", SolrQueries.toSolr(parse(w.query())));
        addMetrics(query.putObject("facet"), s.children());
      }
    }
  }

  private Query parse(String text) throws IOException {
    try {
      return IndexSearch.parse(text, zone, now);
    } catch (IndexSearch.QueryException e) {
      throw new IllegalArgumentException("not a query: " + text, e);
    }
  }

  /**
   * A {@link Metric.Delays} as three facets under {@code key}: the delays per bucket (at most
   * {@link DelayBuckets#BUCKETS} + 1 values), the distinct delays up to the exact limit (every one
   * when there are no more: each shard then sends all it has), and the greatest.
   */
  private static void addDelays(ObjectNode facet, String key, String field) {
    facet.set(key + DELAY_BUCKETS, terms(IndexFields.delayBucket(field), 0));
    ObjectNode exact = JSON.createObjectNode();
    exact.put("type", "terms");
    exact.put("field", field);
    exact.put("limit", DelayBuckets.EXACT_LIMIT);
    exact.put("mincount", 1);
    exact.put("sort", "count desc");
    exact.putObject("domain").put("filter", field + ":[0 TO *]"); // what a sketch takes: no negative delay
    facet.set(key + DELAY_VALUES, exact);
    facet.put(key + DELAY_MAX, "max(" + field + ")");
  }

  private static DelayCounts delays(NamedList<?> nl, String key) {
    Map<Integer, Long> buckets = new HashMap<>();
    long count = 0;
    NamedList<?> perBucket = nl == null ? null : (NamedList<?>) nl.get(key + DELAY_BUCKETS);
    if (perBucket != null) {
      for (Object b : (List<?>) perBucket.get(BUCKETS)) {
        NamedList<?> bucket = (NamedList<?>) b;
        long n = ((Number) bucket.get(COUNT)).longValue();
        buckets.put(((Number) bucket.get(VAL)).intValue(), n);
        count += n;
      }
    }
    if (count == 0) {
      return new DelayCounts(0, 0, Map.of(), Map.of());
    }
    Map<Double, Long> exact = new HashMap<>();
    if (count <= DelayBuckets.EXACT_LIMIT) {
      for (Object b : (List<?>) ((NamedList<?>) nl.get(key + DELAY_VALUES)).get(BUCKETS)) {
        NamedList<?> value = (NamedList<?>) b;
        exact.put(((Number) value.get(VAL)).doubleValue(), ((Number) value.get(COUNT)).longValue());
      }
    }
    return new DelayCounts(count, ((Number) nl.get(key + DELAY_MAX)).doubleValue(), exact, buckets);
  }

  /** A terms facet: every value (limit -1), or the {@code limit} most counted refined across shards. */
  private static ObjectNode terms(String field, int limit) {
    ObjectNode terms = JSON.createObjectNode();
    terms.put("type", "terms");
    terms.put("field", field);
    terms.put("limit", limit == 0 ? -1 : limit);
    terms.put("mincount", 1);
    terms.put("sort", "count desc");
    if (limit > 0) {
      terms.put("refine", true); // each shard's top would miss a value counted on several
    }
    return terms;
  }

  /** The value of the least order: a terms facet sorted by it, its first bucket. */
  private static ObjectNode first(Metric.First f) {
    ObjectNode terms = JSON.createObjectNode();
    terms.put("type", "terms");
    terms.put("field", f.field());
    terms.put("limit", 1);
    terms.put("mincount", 1);
    terms.put("sort", LEAST + " asc");
    terms.put("refine", true);
    terms.putObject("facet").put(LEAST, "min(" + f.order() + ")");
    return terms;
  }

  /** A bucket's figures from its part of the response: Solr leaves out what no document had. */
  private static AggResult.Bucket bucket(String key, NamedList<?> nl, List<Spec> specs) throws IOException {
    long count = nl == null || nl.get(COUNT) == null ? 0 : ((Number) nl.get(COUNT)).longValue();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Spec s : specs) {
      Object v = nl == null ? null : nl.get(s.key());
      Metric m = s.metric();
      if (m instanceof Metric.Sum) {
        values.put(s.name(), v == null ? 0L : whole((Number) v, s.name()));
      } else if (m instanceof Metric.Min || m instanceof Metric.Max) {
        values.put(s.name(), v == null ? null : whole((Number) v, s.name()));
      } else if (m instanceof Metric.Terms t) {
        values.put(s.name(), termCounts((NamedList<?>) v, t));
      } else if (m instanceof Metric.First) {
        List<?> first = v == null ? List.of() : (List<?>) ((NamedList<?>) v).get(BUCKETS);
        values.put(s.name(), first.isEmpty() ? null : String.valueOf(((NamedList<?>) first.get(0)).get(VAL)));
      } else if (m instanceof Metric.Distinct) {
        List<?> counted = v == null ? List.of() : (List<?>) ((NamedList<?>) v).get(BUCKETS);
        values.put(s.name(), counted.size() <= Metric.DISTINCT_EXACT ? (long) counted.size()
            : ((Number) nl.get(s.key() + ESTIMATE)).longValue());
      } else if (m instanceof Metric.Delays) {
        values.put(s.name(), delays(nl, s.key()));
      } else {
        values.put(s.name(), bucket("", (NamedList<?>) v, s.children()));
      }
    }
    return new AggResult.Bucket(key, count, values);
  }

  /** A whole number Solr may send as a double (a sum): exact below 2^53, refused above. */
  static long whole(Number n, String metric) throws IOException {
    if (n instanceof Long || n instanceof Integer) {
      return n.longValue();
    }
    double d = n.doubleValue();
    if (Math.abs(d) >= EXACT_DOUBLE || d != Math.rint(d)) {
      throw new IOException("Solr's " + metric + " is " + d + ", not a whole number it can give exactly (sums are"
          + " doubles in Solr, exact below 2^53)");
    }
    return (long) d;
  }

  private static Map<Object, Long> termCounts(NamedList<?> nl, Metric.Terms t) {
    List<Map.Entry<Object, Long>> entries = new ArrayList<>();
    if (nl != null) {
      for (Object b : (List<?>) nl.get(BUCKETS)) {
        NamedList<?> bucket = (NamedList<?>) b;
        entries.add(Map.entry(value(bucket.get(VAL), t.type()), ((Number) bucket.get(COUNT)).longValue()));
      }
    }
    entries.sort(BY_COUNT);
    Map<Object, Long> out = new LinkedHashMap<>();
    for (Map.Entry<Object, Long> e : entries) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static Object value(Object val, Metric.ValueType type) {
    return switch (type) {
      case TEXT -> String.valueOf(val);
      case LONG -> ((Number) val).longValue();
      case DOUBLE -> ((Number) val).doubleValue();
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }
}
