package io.smtplog.core.index.agg;

import io.smtplog.core.index.SearchDeadline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.NumericUtils;

/**
 * Runs {@link AggRequest}s over a local index from doc values, in one pass over the documents the
 * filter matches: each metric's value is read once per document and added to its bucket and to the
 * totals. Memory: the buckets, and per bucket the distinct values its {@link Metric.Terms} met.
 * Not thread-safe.
 */
public final class LuceneAggregator {
  /** Parses a {@link Metric.Where}'s query text as smtplog's query parser does. */
  @FunctionalInterface
  public interface QueryParser {
    Query parse(String query) throws IOException;
  }

  private static final String KIND = "kind";
  private static final Comparator<Map.Entry<Object, Long>> BY_COUNT =
      Map.Entry.<Object, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(e -> e.getKey(),
          LuceneAggregator::compareKeys);

  /** Documents counted between two looks at the search's deadline, less one (a mask). */
  private static final int DEADLINE_EVERY = 1023;
  private final IndexSearcher searcher;
  private final QueryParser parser;

  public LuceneAggregator(IndexSearcher searcher, QueryParser parser) {
    this.searcher = searcher;
    this.parser = parser;
  }

  public AggResult run(AggRequest request) throws IOException {
    Query filter = new BooleanQuery.Builder().add(request.filter(), BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(KIND, request.kind())), BooleanClause.Occur.FILTER).build();
    Weight weight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1);
    Group metrics = new Group(compile(request.metrics()));
    Map<String, State> buckets = new HashMap<>();
    State totals = metrics.state();
    SearchDeadline deadline = searcher.getTimeout() instanceof SearchDeadline d ? d : null;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      SortedSetDocValues groups = DocValues.getSortedSet(leaf.reader(), request.groupBy());
      metrics.leaf(leaf);
      Bits live = leaf.reader().getLiveDocs(); // a provisional story replaced by a later ingest is deleted
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (deadline != null && (doc & DEADLINE_EVERY) == 0) {
          deadline.check();
        }
        if (live != null && !live.get(doc)) {
          continue;
        }
        metrics.read(doc);
        metrics.add(totals);
        if (groups.advanceExact(doc)) {
          for (int i = 0; i < groups.docValueCount(); i++) {
            String key = groups.lookupOrd(groups.nextOrd()).utf8ToString();
            metrics.add(buckets.computeIfAbsent(key, k -> metrics.state()));
          }
        }
      }
    }
    List<AggResult.Bucket> out = new ArrayList<>(buckets.size());
    buckets.forEach((key, state) -> out.add(metrics.result(key, state)));
    String sortBy = request.sortBy();
    out.sort(Comparator.comparingLong((AggResult.Bucket b) -> sortBy == null ? b.count() : b.sum(sortBy)).reversed()
        .thenComparing(AggResult.Bucket::key));
    List<AggResult.Bucket> kept = request.limit() == 0 || out.size() <= request.limit() ? out
        : out.subList(0, request.limit());
    return new AggResult(kept, metrics.result("", totals));
  }

  private Map<String, Node> compile(Map<String, Metric> metrics) throws IOException {
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (Map.Entry<String, Metric> e : new java.util.TreeMap<>(metrics).entrySet()) {
      nodes.put(e.getKey(), node(e.getValue()));
    }
    return nodes;
  }

  private Node node(Metric metric) throws IOException {
    if (metric instanceof Metric.Sum s) {
      return new Numbers(s.field(), Numbers.SUM);
    } else if (metric instanceof Metric.Min m) {
      return new Numbers(m.field(), Numbers.MIN);
    } else if (metric instanceof Metric.Max m) {
      return new Numbers(m.field(), Numbers.MAX);
    } else if (metric instanceof Metric.First f) {
      return new First(f);
    } else if (metric instanceof Metric.Terms t) {
      return new Values(t);
    } else if (metric instanceof Metric.Delays d) {
      return new Delays(d.field());
    } else if (metric instanceof Metric.Distinct d) {
      return new Distinct(d.field());
    }
    Metric.Where w = (Metric.Where) metric;
    Query query = searcher.rewrite(parser.parse(w.query()));
    return new Matching(searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1), new Group(compile(w.metrics())));
  }

  /** Adds every text value of {@code doc} to {@code read}. */
  private static void readTexts(SortedSetDocValues texts, int doc, List<? super String> read) throws IOException {
    if (texts.advanceExact(doc)) {
      for (int i = 0; i < texts.docValueCount(); i++) {
        read.add(texts.lookupOrd(texts.nextOrd()).utf8ToString());
      }
    }
  }

  /** Texts by their natural order, numbers by value (a terms facet's tie order). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** A bucket's running figures: its count and each metric's state, by the metrics' order. */
  private static final class State {
    long count;
    final Object[] metrics;

    State(int size) {
      metrics = new Object[size];
    }
  }

  /** One compiled metric: reads a document's value once, then adds it to any number of buckets. */
  private interface Node {
    void leaf(LeafReaderContext leaf) throws IOException;

    void read(int doc) throws IOException;

    Object state();

    /** Adds the value read last to {@code state}; returns it (a new state may replace a null one). */
    Object add(Object state);

    Object result(Object state);
  }

  /** Metrics side by side: a bucket's, or a query facet's. */
  private static final class Group {
    final List<String> names;
    final List<Node> nodes;

    Group(Map<String, Node> nodes) {
      this.names = List.copyOf(nodes.keySet());
      this.nodes = List.copyOf(nodes.values());
    }

    void leaf(LeafReaderContext leaf) throws IOException {
      for (Node n : nodes) {
        n.leaf(leaf);
      }
    }

    void read(int doc) throws IOException {
      for (Node n : nodes) {
        n.read(doc);
      }
    }

    State state() {
      State s = new State(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        s.metrics[i] = nodes.get(i).state();
      }
      return s;
    }

    void add(State s) {
      s.count++;
      for (int i = 0; i < nodes.size(); i++) {
        s.metrics[i] = nodes.get(i).add(s.metrics[i]);
      }
    }

    AggResult.Bucket result(String key, State s) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        values.put(names.get(i), nodes.get(i).result(s.metrics[i]));
      }
      return new AggResult.Bucket(key, s.count, values);
    }
  }

  /** Sum, least or greatest of a whole-number field (every value of a document with several). */
  private static final class Numbers implements Node {
    static final int SUM = 0;
    static final int MIN = 1;
    static final int MAX = 2;
    private final String field;
    private final int op;
    private SortedNumericDocValues values;
    private final List<Long> read = new ArrayList<>(2);

    Numbers(String field, int op) {
      this.field = field;
      this.op = op;
    }

    @Override
    public void leaf(LeafReaderContext leaf) throws IOException {
      values = DocValues.getSortedNumeric(leaf.reader(), field);
    }

    @Override
    public void read(int doc) throws IOException {
      read.clear();
      if (values.advanceExact(doc)) {
        for (int i = 0; i < values.docValueCount(); i++) {
          read.add(values.nextValue());
        }
      }
    }

    @Override
    public Object state() {
      return op == SUM ? Long.valueOf(0) : null;
    }

    @Override
    public Object add(Object state) {
      Long v = (Long) state;
      for (long x : read) {
        v = v == null ? x : op == SUM ? v + x : op == MIN ? Math.min(v, x) : Math.max(v, x);
      }
      return v;
    }

    @Override
    public Object result(Object state) {
      return state;
    }
  }

  /** Distinct values of a field with their document counts. */
  private static final class Values implements Node {
    private final Metric.Terms terms;
    private SortedSetDocValues texts;
    private SortedNumericDocValues numbers;
    private final List<Object> read = new ArrayList<>(2);

    Values(Metric.Terms terms) {
      this.terms = terms;
    }

    @Override
    public void leaf(LeafReaderContext leaf) throws IOException {
      if (terms.type() == Metric.ValueType.TEXT) {
        texts = DocValues.getSortedSet(leaf.reader(), terms.field());
      } else {
        numbers = DocValues.getSortedNumeric(leaf.reader(), terms.field());
      }
    }

    @Override
    public void read(int doc) throws IOException {
      read.clear();
      if (texts != null) {
        readTexts(texts, doc, read);
      } else if (numbers.advanceExact(doc)) {
        for (int i = 0; i < numbers.docValueCount(); i++) {
          long v = numbers.nextValue();
          read.add(terms.type() == Metric.ValueType.LONG ? (Object) v : (Object) NumericUtils.sortableLongToDouble(v));
        }
      }
    }

    @Override
    public Object state() {
      return null; // most buckets of most terms metrics have no value at all
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object add(Object state) {
      if (read.isEmpty()) {
        return state;
      }
      Map<Object, long[]> counts = state == null ? new HashMap<>() : (Map<Object, long[]>) state;
      for (Object v : read) {
        counts.computeIfAbsent(v, k -> new long[1])[0]++;
      }
      return counts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object result(Object state) {
      List<Map.Entry<Object, Long>> entries = new ArrayList<>();
      if (state != null) {
        ((Map<Object, long[]>) state).forEach((k, n) -> entries.add(Map.entry(k, n[0])));
      }
      entries.sort(BY_COUNT);
      Map<Object, Long> out = new LinkedHashMap<>();
      for (Map.Entry<Object, Long> e : entries) {
        if (terms.limit() > 0 && out.size() == terms.limit()) {
          break;
        }
        out.put(e.getKey(), e.getValue());
      }
      return out;
    }
  }

  /** The delays of a decimal field, exact up to {@link DelayBuckets#EXACT_LIMIT}, and per bucket. */
  private static final class Delays implements Node {
    private final String field;
    private SortedNumericDocValues values;
    private final List<Double> read = new ArrayList<>(1);

    Delays(String field) {
      this.field = field;
    }

    /** One bucket's delays so far. */
    private static final class Counts {
      long count;
      double max;
      Map<Double, long[]> values = new HashMap<>();
      final Map<Integer, long[]> buckets = new HashMap<>();
    }

    @Override
    public void leaf(LeafReaderContext leaf) throws IOException {
      values = DocValues.getSortedNumeric(leaf.reader(), field);
    }

    @Override
    public void read(int doc) throws IOException {
      read.clear();
      if (values.advanceExact(doc)) {
        for (int i = 0; i < values.docValueCount(); i++) {
          read.add(NumericUtils.sortableLongToDouble(values.nextValue()));
        }
      }
    }

    @Override
    public Object state() {
      return null;
    }

    @Override
    public Object add(Object state) {
      Counts c = (Counts) state;
      for (double seconds : read) {
        int bucket = DelayBuckets.of(seconds);
        if (bucket == DelayBuckets.NONE) {
          continue;
        }
        if (c == null) {
          c = new Counts();
        }
        c.count++;
        c.max = Math.max(c.max, seconds);
        c.buckets.computeIfAbsent(bucket, b -> new long[1])[0]++;
        if (c.values != null) {
          c.values.computeIfAbsent(seconds, v -> new long[1])[0]++;
          if (c.count > DelayBuckets.EXACT_LIMIT) {
            c.values = null; // past the limit only the buckets count, as in Solr's answer
          }
        }
      }
      return c;
    }

    @Override
    public Object result(Object state) {
      Counts c = (Counts) state;
      if (c == null) {
        return new DelayCounts(0, 0, Map.of(), Map.of());
      }
      Map<Double, Long> exact = new HashMap<>();
      if (c.values != null) {
        c.values.forEach((v, n) -> exact.put(v, n[0]));
      }
      Map<Integer, Long> buckets = new HashMap<>();
      c.buckets.forEach((b, n) -> buckets.put(b, n[0]));
      return new DelayCounts(c.count, c.max, exact, buckets);
    }
  }

  /**
   * The number of distinct values of a text field: exact while at most {@link Metric#DISTINCT_EXACT}
   * (a set of the values), past that estimated from the smallest of their 64-bit hashes, as many
   * (a K-minimum-values sketch: Bar-Yossef et al., "Counting distinct elements in a data stream", 2002).
   */
  private static final class Distinct implements Node {
    private final String field;
    private SortedSetDocValues texts;
    private final List<String> read = new ArrayList<>(2);

    Distinct(String field) {
      this.field = field;
    }

    @Override
    public void leaf(LeafReaderContext leaf) throws IOException {
      texts = DocValues.getSortedSet(leaf.reader(), field);
    }

    @Override
    public void read(int doc) throws IOException {
      read.clear();
      readTexts(texts, doc, read);
    }

    @Override
    public Object state() {
      return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object add(Object state) {
      if (read.isEmpty()) {
        return state;
      }
      if (state instanceof java.util.TreeSet<?> sketch) {
        for (String v : read) {
          ((java.util.TreeSet<Long>) sketch).add(hash(v));
          if (sketch.size() > Metric.DISTINCT_EXACT) {
            sketch.pollLast();
          }
        }
        return sketch;
      }
      java.util.Set<String> values = state == null ? new java.util.HashSet<>() : (java.util.Set<String>) state;
      values.addAll(read);
      if (values.size() <= Metric.DISTINCT_EXACT) {
        return values;
      }
      java.util.TreeSet<Long> sketch = new java.util.TreeSet<>();
      for (String v : values) {
        sketch.add(hash(v));
        if (sketch.size() > Metric.DISTINCT_EXACT) {
          sketch.pollLast();
        }
      }
      return sketch;
    }

    @Override
    public Object result(Object state) {
      if (state == null) {
        return 0L;
      }
      if (state instanceof java.util.TreeSet<?> sketch) {
        // The k-th smallest of k hashes spread evenly over [0, 2^63): about k distinct values below it.
        double kth = (Long) sketch.last() / 0x1p63;
        return Math.round((sketch.size() - 1) / kth);
      }
      return (long) ((java.util.Set<?>) state).size();
    }

    /** FNV-1a over the UTF-8 bytes, then a murmur3 finaliser, made non-negative. */
    private static long hash(String value) {
      long h = 0xcbf29ce484222325L;
      for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      h *= 0xc4ceb93fe53a87d5L;
      h ^= h >>> 33;
      return h >>> 1;
    }
  }

  /** The text value of the document with the least order; the first document read wins a tie. */
  private static final class First implements Node {
    private final Metric.First first;
    private SortedSetDocValues texts;
    private SortedNumericDocValues orders;
    private String value;
    private long order;

    First(Metric.First first) {
      this.first = first;
    }

    /** The least order met so far, and the value of its document. */
    private static final class Least {
      long order;
      String value;

      Least(long order, String value) {
        this.order = order;
        this.value = value;
      }
    }

    @Override
    public void leaf(LeafReaderContext leaf) throws IOException {
      texts = DocValues.getSortedSet(leaf.reader(), first.field());
      orders = DocValues.getSortedNumeric(leaf.reader(), first.order());
    }

    @Override
    public void read(int doc) throws IOException {
      value = null;
      if (texts.advanceExact(doc) && orders.advanceExact(doc)) {
        value = texts.lookupOrd(texts.nextOrd()).utf8ToString();
        order = orders.nextValue();
      }
    }

    @Override
    public Object state() {
      return null;
    }

    @Override
    public Object add(Object state) {
      Least least = (Least) state;
      if (value == null) {
        return least;
      }
      if (least == null) {
        return new Least(order, value);
      }
      if (order < least.order) {
        least.order = order;
        least.value = value;
      }
      return least;
    }

    @Override
    public Object result(Object state) {
      return state == null ? null : ((Least) state).value;
    }
  }

  /** A query facet: the documents that also match a query, with metrics of their own. */
  private static final class Matching implements Node {
    private final Weight weight;
    private final Group metrics;
    private DocIdSetIterator matches;
    private boolean matched;

    Matching(Weight weight, Group metrics) {
      this.weight = weight;
      this.metrics = metrics;
    }

    @Override
    public void leaf(LeafReaderContext leaf) throws IOException {
      Scorer scorer = weight.scorer(leaf);
      matches = scorer == null ? DocIdSetIterator.empty() : scorer.iterator();
      metrics.leaf(leaf);
    }

    @Override
    public void read(int doc) throws IOException {
      int at = matches.docID();
      if (at < doc) {
        at = matches.advance(doc);
      }
      matched = at == doc;
      if (matched) {
        metrics.read(doc);
      }
    }

    @Override
    public Object state() {
      return metrics.state();
    }

    @Override
    public Object add(Object state) {
      if (matched) {
        metrics.add((State) state);
      }
      return state;
    }

    @Override
    public Object result(Object state) {
      return metrics.result("", (State) state);
    }
  }
}
