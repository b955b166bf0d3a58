package io.smtplog.core.index;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.EventSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.FSDirectory;

/**
 * Searches an index written by {@link LogIndexer}, as of its last commit (an ingest running at
 * the same time does not disturb it). Queries are Lucene syntax over the fields of
 * {@link IndexFields} ({@link SmtplogQueryParser}); hits are events, read back from their stored
 * JSON. Not thread-safe; close it.
 */
public final class IndexSearch implements AutoCloseable {
  /** A query that does not parse: where, and why. */
  public static final class QueryException extends Exception {
    private final int column;

    QueryException(String message, int column) {
      super(message);
      this.column = column;
    }

    /** The 1-based column of the query where parsing failed, or 0 when unknown. */
    public int column() {
      return column;
    }
  }

  /** One hit: the event, the session it belongs to (or empty), its place in reading order. */
  public record Hit(MailEvent event, Optional<String> session, long seq) {}

  private static final Query EVENTS = new TermQuery(new Term(IndexFields.DOC, IndexFields.DOC_EVENT));
  private static final Query SESSIONS = new TermQuery(new Term(IndexFields.DOC, IndexFields.DOC_SESSION));

  private final Path dir;
  private final FSDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  private IndexSearch(Path dir, FSDirectory directory, DirectoryReader reader) {
    this.dir = dir;
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
  }

  /** Opens the index at {@code dir}; empty when there is none there yet. */
  public static Optional<IndexSearch> open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    FSDirectory directory = FSDirectory.open(dir);
    try {
      return Optional.of(new IndexSearch(dir, directory, DirectoryReader.open(directory)));
    } catch (IndexNotFoundException e) {
      directory.close();
      return Optional.empty();
    }
  }

  /** Parses a query; "*" or blank means every event. Times without an offset are in {@code zone}. */
  public static Query parse(String query, ZoneId zone, Instant now) throws QueryException {
    if (query == null || query.isBlank() || query.strip().equals("*") || query.strip().equals("*:*")) {
      return new MatchAllDocsQuery();
    }
    try {
      return new SmtplogQueryParser(zone, now).parse(query);
    } catch (ParseException e) {
      int column = columnOf(e, query);
      throw new QueryException(describe(e, query), column);
    }
  }

  /** The parser's complaint for people: what it met where, without its grammar dump. */
  private static String describe(ParseException e, String query) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ParseException p && p.currentToken != null && p.currentToken.next != null) {
      return p.currentToken.next.kind == 0
          ? "the query ends where more was expected (an unclosed bracket, parenthesis or quote?)"
          : "unexpected \"" + p.currentToken.next.image + "\"";
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    int cut = message.indexOf('\n');
    message = cut > 0 ? message.substring(0, cut) : message;
    return message.replace("Cannot parse '" + query + "': ", "");
  }

  /** Where parsing failed: the token the parser stopped at, the lexer's column, or the end of the query. */
  private static int columnOf(ParseException e, String query) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ParseException p && p.currentToken != null && p.currentToken.next != null) {
      return p.currentToken.next.kind == 0 ? query.length() + 1 : p.currentToken.next.beginColumn;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("column (\\d+)").matcher(String.valueOf(cause.getMessage()));
    if (m.find()) {
      return Integer.parseInt(m.group(1));
    }
    return String.valueOf(cause.getMessage()).contains("<EOF>") ? query.length() + 1 : 0;
  }

  private static Query events(Query query) {
    return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST).add(EVENTS, BooleanClause.Occur.FILTER)
        .build();
  }

  public long count(Query query) throws IOException {
    return searcher.count(events(query));
  }

  /**
   * The first {@code limit} events matching {@code query}, by {@code sortField} (a field name;
   * "-" first for descending; empty: reading order).
   */
  public List<Hit> hits(Query query, String sortField, int limit) throws IOException {
    Sort sort = sortOf(sortField);
    TopFieldDocs top = searcher.search(events(query), Math.max(1, limit), sort);
    StoredFields stored = searcher.storedFields();
    List<Hit> hits = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) {
      hits.add(hit(stored.document(sd.doc), sd.doc));
    }
    return hits;
  }

  private Hit hit(Document doc, int docId) throws IOException {
    MailEvent event = EventCodec.decodeEvent(doc.get(IndexFields.JSON));
    return new Hit(event, Optional.ofNullable(sessionOf(docId)), 0);
  }

  private String sessionOf(int docId) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(docId, leaves));
    SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), IndexFields.SESSION);
    if (!values.advanceExact(docId - leaf.docBase)) {
      return null;
    }
    return values.lookupOrd(values.nextOrd()).utf8ToString();
  }

  /** Fields with doc values: numbers, and the keywords of {@link IndexFields#WITH_DOC_VALUES}. */
  private static boolean sortable(String field) {
    return IndexFields.LONGS.contains(field) || field.equals(IndexFields.TIME) || field.equals(IndexFields.DELAY)
        || IndexFields.WITH_DOC_VALUES.contains(field);
  }

  static Sort sortOf(String sortField) {
    if (sortField == null || sortField.isBlank()) {
      return new Sort(new SortField(IndexFields.SEQ, SortField.Type.LONG));
    }
    boolean reverse = sortField.startsWith("-");
    String field = reverse ? sortField.substring(1) : sortField;
    if (!sortable(field)) {
      throw new IllegalArgumentException("cannot sort by '" + field + "': use time, code, size, delay, line or one of "
          + String.join(", ", new java.util.TreeSet<>(IndexFields.WITH_DOC_VALUES)));
    }
    SortField primary;
    if (IndexFields.LONGS.contains(field) || field.equals(IndexFields.TIME)) {
      primary = new SortField(field, SortField.Type.LONG, reverse);
    } else if (field.equals(IndexFields.DELAY)) {
      primary = new SortField(field, SortField.Type.DOUBLE, reverse);
    } else {
      primary = new SortedSetSortField(field, reverse);
    }
    return new Sort(primary, new SortField(IndexFields.SEQ, SortField.Type.LONG));
  }

  /** Counts per value of each field over every matching event: "domain" → {"example.org" → 12, ...}. */
  public Map<String, Map<String, Long>> facets(Query query, List<String> fields) throws IOException {
    Map<String, Map<String, Long>> out = new java.util.LinkedHashMap<>();
    for (String f : fields) {
      if (!sortable(f)) {
        throw new IllegalArgumentException("cannot count by '" + f + "': use code, size, delay, line, time or one of "
            + String.join(", ", new java.util.TreeSet<>(IndexFields.WITH_DOC_VALUES)));
      }
      out.put(f, new HashMap<>());
    }
    FacetValues values = new FacetValues(fields);
    List<Map<String, Long>> targets = new ArrayList<>();
    fields.forEach(f -> targets.add(out.get(f)));
    forEachMatch(events(query), (leaf, doc) -> {
      values.at(leaf, targets);
      for (int i = 0; i < fields.size(); i++) {
        values.count(i, doc, targets.get(i));
      }
    });
    values.finishLeaf();
    return out;
  }

  /**
   * The doc values of the counted fields in the current leaf (read forward, as doc values must
   * be). Keyword values are counted by ordinal within the leaf and named once at its end.
   */
  private static final class FacetValues {
    private final List<String> fields;
    private final Object[] iterators;
    private final long[][] ordinalCounts;
    private final List<Map<String, Long>> targets = new ArrayList<>();
    private LeafReaderContext leaf;

    FacetValues(List<String> fields) {
      this.fields = fields;
      this.iterators = new Object[fields.size()];
      this.ordinalCounts = new long[fields.size()][];
    }

    void at(LeafReaderContext context, List<Map<String, Long>> counts) throws IOException {
      if (context == leaf) {
        return;
      }
      finishLeaf();
      leaf = context;
      targets.clear();
      targets.addAll(counts);
      for (int i = 0; i < fields.size(); i++) {
        String f = fields.get(i);
        if (IndexFields.LONGS.contains(f) || f.equals(IndexFields.TIME) || f.equals(IndexFields.DELAY)) {
          iterators[i] = DocValues.getNumeric(context.reader(), f);
          ordinalCounts[i] = null;
        } else {
          SortedSetDocValues values = DocValues.getSortedSet(context.reader(), f);
          iterators[i] = values;
          ordinalCounts[i] = new long[(int) Math.min(Integer.MAX_VALUE - 8, values.getValueCount())];
        }
      }
    }

    void count(int i, int doc, Map<String, Long> counts) throws IOException {
      if (iterators[i] instanceof NumericDocValues v) {
        if (v.advanceExact(doc)) {
          String value = fields.get(i).equals(IndexFields.DELAY)
              ? Double.toString(Double.longBitsToDouble(v.longValue())) : Long.toString(v.longValue());
          counts.merge(value, 1L, Long::sum);
        }
      } else if (iterators[i] instanceof SortedSetDocValues v && v.advanceExact(doc)) {
        for (int k = 0; k < v.docValueCount(); k++) {
          ordinalCounts[i][(int) v.nextOrd()]++;
        }
      }
    }

    /** Names the ordinals counted in the leaf just read. */
    void finishLeaf() throws IOException {
      if (leaf == null) {
        return;
      }
      for (int i = 0; i < fields.size(); i++) {
        if (ordinalCounts[i] != null && iterators[i] instanceof SortedSetDocValues v) {
          long[] counts = ordinalCounts[i];
          for (int ord = 0; ord < counts.length; ord++) {
            if (counts[ord] > 0) {
              targets.get(i).merge(v.lookupOrd(ord).utf8ToString(), counts[ord], Long::sum);
            }
          }
        }
      }
    }
  }

  /** The events {@code query} matches, as an event source for reports, in the order they were read. */
  public EventSource eventSource(Query query) {
    return sink -> eventsInOrder(query, sink);
  }

  /**
   * Every matching event, in the order the logs were read (for reports from the index): the
   * documents are written by several threads, so their order is restored from {@code _seq}.
   */
  public void eventsInOrder(Query query, Consumer<MailEvent> sink) throws IOException {
    int n = 0;
    long[] seqs = new long[1024];
    int[] docs = new int[1024];
    Weight weight = searcher.createWeight(searcher.rewrite(events(query)), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : reader.leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      NumericDocValues seq = DocValues.getNumeric(leaf.reader(), IndexFields.SEQ);
      var live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if ((live == null || live.get(doc)) && seq.advanceExact(doc)) {
          if (n == seqs.length) {
            seqs = java.util.Arrays.copyOf(seqs, n * 2);
            docs = java.util.Arrays.copyOf(docs, n * 2);
          }
          seqs[n] = seq.longValue();
          docs[n] = leaf.docBase + doc;
          n++;
        }
      }
    }
    sortBySeq(seqs, docs, n);
    StoredFields stored = searcher.storedFields();
    for (int i = 0; i < n; i++) {
      sink.accept(EventCodec.decodeEvent(stored.document(docs[i]).get(IndexFields.JSON)));
    }
  }

  private static void sortBySeq(long[] seqs, int[] docs, int n) {
    new org.apache.lucene.util.IntroSorter() {
      private long pivot;

      @Override
      protected void swap(int i, int j) {
        long s = seqs[i];
        seqs[i] = seqs[j];
        seqs[j] = s;
        int d = docs[i];
        docs[i] = docs[j];
        docs[j] = d;
      }

      @Override
      protected void setPivot(int i) {
        pivot = seqs[i];
      }

      @Override
      protected int comparePivot(int j) {
        return Long.compare(pivot, seqs[j]);
      }
    }.sort(0, n);
  }

  /** The sessions of these ids, by start time; ids without a session document are left out. */
  public List<SmtpDialogue> sessions(Set<String> ids) throws IOException {
    List<SmtpDialogue> out = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    for (String id : ids) {
      Query q = new BooleanQuery.Builder().add(SESSIONS, BooleanClause.Occur.FILTER)
          .add(new TermQuery(new Term(IndexFields.SESSION, id)), BooleanClause.Occur.FILTER).build();
      for (ScoreDoc sd : searcher.search(q, 1).scoreDocs) {
        out.add(EventCodec.decodeDialogue(stored.document(sd.doc).get(IndexFields.JSON)));
      }
    }
    out.sort(Comparator.comparing(SmtpDialogue::start));
    return out;
  }

  /** The events of a session (one without a transcript: an smtpd connection), in reading order. */
  public List<MailEvent> eventsOfSession(String id) throws IOException {
    List<MailEvent> out = new ArrayList<>();
    eventsInOrder(new TermQuery(new Term(IndexFields.SESSION, id)), out::add);
    return out;
  }

  /** The session ids of the first {@code limit} matching events (in the order of {@link #hits}). */
  public Set<String> sessionIds(Query query, String sortField, int limit) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    TopFieldDocs top = searcher.search(events(query), Math.max(1, limit), sortOf(sortField));
    for (ScoreDoc sd : top.scoreDocs) {
      String id = sessionOf(sd.doc);
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** What the index holds (smtplog index stats). */
  public record Stats(long documents, long events, long sessions, Optional<Instant> first, Optional<Instant> last,
      long bytesOnDisk, Map<String, Long> byMta, Map<String, Long> byEvent) {}

  public Stats stats() throws IOException {
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (LeafReaderContext leaf : reader.leaves()) {
      PointValues points = leaf.reader().getPointValues(IndexFields.TIME);
      if (points != null && points.size() > 0) {
        minTime = Math.min(minTime, LongPoint.decodeDimension(points.getMinPackedValue(), 0));
        maxTime = Math.max(maxTime, LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
      }
    }
    long bytes = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        bytes += Files.size(f);
      }
    }
    Map<String, Map<String, Long>> counts = facets(new MatchAllDocsQuery(), List.of(IndexFields.MTA, IndexFields.EVENT));
    return new Stats(reader.numDocs(), searcher.count(EVENTS), searcher.count(SESSIONS),
        minTime == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(minTime)),
        maxTime == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(maxTime)),
        bytes, new TreeMap<>(counts.get(IndexFields.MTA)), new TreeMap<>(counts.get(IndexFields.EVENT)));
  }

  private interface DocVisitor {
    void visit(LeafReaderContext leaf, int doc) throws IOException;
  }

  /** Visits every matching document, leaf by leaf. */
  private void forEachMatch(Query query, DocVisitor visitor) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : reader.leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      var live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live == null || live.get(doc)) {
          visitor.visit(leaf, doc);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      directory.close();
    }
  }
}
