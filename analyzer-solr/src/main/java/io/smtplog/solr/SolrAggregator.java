package io.smtplog.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.agg.AggRequest;
import io.smtplog.core.index.agg.AggResult;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.Metric;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Runs {@link AggRequest}s on a SolrCloud collection, each as one JSON Facet API request computed
 * by the shards and merged by the node that received it, so only the buckets travel to the client:
 * <pre>
 * buckets        terms facet on groupBy, sort count desc (limit -1: every bucket; with a limit, refine:true)
 * Sum, Min, Max  sum(field), min(field), max(field)
 * Where          query facet (the text parsed by smtplog, then {@link SolrQueries#toSolr})
 * Terms          terms facet, limit -1 (or its limit with refine:true), mincount 1
 * First          terms facet on the field, sort by min(order) asc, limit 1, refine:true
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
  private static final String VAL = "val";
  private static final String LEAST = "least";
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
        request.limit(), request.metrics());
  }

  /**
   * Aggregations over the documents of the stories {@code query} selects, as the local index's
   * {@link IndexSearch#aggregations} selects them ({@link SolrStories}); every document for "*".
   */
  public Aggregations aggregations(Query query) throws IOException {
    if (query instanceof MatchAllDocsQuery) {
      SolrFilter all = new SolrFilter(SolrQueries.EVERYTHING, Map.of());
      return (kind, groupBy, metrics) -> run(all, kind, groupBy, 0, metrics);
    }
    SolrStories.Filters stories = new SolrStories(connection).filters(query);
    return (kind, groupBy, metrics) -> run(
        kind.equals(IndexFields.RCPT_REPLY_KIND) ? stories.rcptReplies() : stories.recipients(), kind, groupBy, 0, metrics);
  }

  AggResult run(SolrFilter filter, String kind, String groupBy, int limit, Map<String, Metric> metrics) throws IOException {
    List<Spec> specs = compile(metrics);
    ObjectNode facet = JSON.createObjectNode();
    addMetrics(facet, specs);
    ObjectNode groups = terms(groupBy, limit);
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
    buckets.sort(Comparator.comparingLong(AggResult.Bucket::count).reversed().thenComparing(AggResult.Bucket::key));
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
