package io.smtplog.core.index;

import io.smtplog.core.index.agg.AggRequest;
import io.smtplog.core.index.agg.AggResult;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.LuceneAggregator;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.RawChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Searches an index written by {@link LogIndexer}, as of its last commit (an ingest running at
 * the same time does not disturb it). Queries are Lucene syntax over the fields of
 * {@link IndexFields} ({@link SmtplogQueryParser}); hits are recipients, messages, sessions and
 * events. The stored lines serve {@code --lines}, {@code trace} and reports: a report from the
 * index reads the stored lines again, all of them or those of the stories a query found. The
 * local {@link IndexView}: a hit's key is its document number in this reader (as of one commit,
 * so it names the same document for as long as the search is open). Its static {@link #parse}
 * gives the {@link Query} every view takes; {@link #storyLines}, {@link #messagesOfStory},
 * {@link #shownOf} and {@link #open}'s format and damage checks are the local index's own. Not
 * thread-safe; close it.
 */
public final class IndexSearch implements IndexView {
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

  /** The index has no commit yet, and an ingest holds it: it is being built. */
  public static final class BuildingException extends IOException {
    BuildingException(Path dir) {
      super("the index at " + dir + " is being built: an ingest is writing it and has not committed yet;"
          + " try again in a moment");
    }
  }

  /** The documents that are hits: recipients, messages, sessions, events. */
  private static final Query DOCUMENTS = new TermInSetQuery(IndexFields.KIND, List.of(
      new BytesRef(IndexFields.RECIPIENT), new BytesRef(IndexFields.MESSAGE), new BytesRef(IndexFields.SESSION_KIND),
      new BytesRef(IndexFields.EVENT_KIND)));

  private final Path dir;
  private final FSDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final FileTable files;
  private List<StoredChunk> chunks;
  private final Set<Integer> verifiedLeaves = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /**
   * The chunks {@link #lines} decoded last, by document: the hits of a query come in reading order,
   * so their stories' lines are mostly in the same few chunks (`query --lines` decoded a chunk of a
   * megabyte per hit). Used by the calling thread only.
   */
  private final Map<Integer, RawChunk> recentChunks = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, RawChunk> eldest) {
      return size() > 4;
    }
  };

  private IndexSearch(Path dir, FSDirectory directory, DirectoryReader reader, Optional<SearchDeadline> deadline)
      throws IOException {
    this.dir = dir;
    this.directory = directory;
    this.files = FileTable.fromUserData(userData(reader));
    this.reader = deadline.isPresent() ? ExitableDirectoryReader.wrap(reader, deadline.get()) : reader;
    this.searcher = deadline.isPresent() ? new BoundedSearcher(this.reader, deadline.get()) : new IndexSearcher(reader);
  }

  /** A searcher that throws {@link SearchDeadline.Exceeded} where Lucene would return what it found in time. */
  private static final class BoundedSearcher extends IndexSearcher {
    private final SearchDeadline deadline;

    BoundedSearcher(IndexReader reader, SearchDeadline deadline) {
      super(reader);
      this.deadline = deadline;
      setTimeout(deadline);
    }

    @Override
    protected void search(List<LeafReaderContext> leaves, Weight weight, Collector collector) throws IOException {
      deadline.check();
      super.search(leaves, weight, collector);
      if (timedOut()) {
        deadline.check();
        throw new IllegalStateException("Lucene stopped a search before its deadline");
      }
    }
  }

  private static Map<String, String> userData(DirectoryReader reader) {
    try {
      return reader.getIndexCommit().getUserData();
    } catch (IOException e) {
      return Map.of();
    }
  }

  /**
   * Opens the index at {@code dir}; empty when there is none there. An index of another format is
   * refused ({@link LogIndexer.FormatException}); one being built for the first time says so.
   */
  public static Optional<IndexSearch> open(Path dir) throws IOException {
    return open(dir, Optional.empty());
  }

  /**
   * Opens the index at {@code dir} as {@link #open(Path)} does; its searches throw
   * {@link SearchDeadline.Exceeded} once {@code timeout} (from now) is past.
   */
  public static Optional<IndexSearch> open(Path dir, Optional<Duration> timeout) throws IOException {
    Optional<SearchDeadline> deadline = timeout.map(SearchDeadline::after);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    FSDirectory directory = FSDirectory.open(dir);
    try {
      DirectoryReader reader = DirectoryReader.open(directory);
      Map<String, String> data = reader.getIndexCommit().getUserData();
      try {
        LogIndexer.checkFormat("the index at " + dir, data, reader.numDocs() > 0);
      } catch (LogIndexer.FormatException e) {
        reader.close();
        throw e;
      }
      return Optional.of(new IndexSearch(dir, directory, reader, deadline));
    } catch (IndexNotFoundException e) {
      directory.close();
      if (Files.exists(dir.resolve(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME)) && isLocked(dir)) {
        throw new BuildingException(dir);
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      directory.close();
      Optional<DamagedIndexException> damage = DamagedIndexException.of(dir, e);
      if (damage.isPresent()) {
        throw damage.get();
      }
      throw e;
    }
  }

  /**
   * The stored values, each segment's once its files passed their checksums. Lucene verifies stored
   * fields only when it merges them, so a flipped bit in a stored line would otherwise be shown as
   * if it had been read from the log. Only the segments a command reads values from are verified,
   * once per search: a query that shows 20 hits reads the segments that hold them, not the whole
   * index. Thread-safe (stored chunks are read on the parser threads).
   */
  private StoredFields storedFields() throws IOException {
    StoredFields all = searcher.storedFields();
    return new StoredFields() {
      @Override
      public void document(int docID, StoredFieldVisitor visitor) throws IOException {
        verifySegmentOf(docID);
        all.document(docID, visitor);
      }
    };
  }

  private void verifySegmentOf(int docID) throws IOException {
    int leaf = ReaderUtil.subIndex(docID, reader.leaves());
    if (verifiedLeaves.contains(leaf)) {
      return;
    }
    try {
      reader.leaves().get(leaf).reader().checkIntegrity();
    } catch (IOException | RuntimeException e) {
      Optional<DamagedIndexException> damage = DamagedIndexException.of(dir, e);
      if (damage.isPresent()) {
        throw damage.get();
      }
      throw e;
    }
    verifiedLeaves.add(leaf);
  }

  /** True when a writer holds the index's lock now. */
  private static boolean isLocked(Path dir) {
    try (FSDirectory d = FSDirectory.open(dir);
        org.apache.lucene.store.Lock lock = d.obtainLock(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME)) {
      return false;
    } catch (org.apache.lucene.store.LockObtainFailedException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Parses a query; "*" or blank means every document. Times without an offset are in {@code zone}. */
  public static Query parse(String query, ZoneId zone, Instant now) throws QueryException {
    if (query == null || query.isBlank() || query.strip().equals("*") || query.strip().equals("*:*")) {
      return new MatchAllDocsQuery();
    }
    int deepest = QueryShape.deepestParenthesis(query);
    if (deepest > 0) {
      throw new QueryException("parentheses nested more than " + QueryShape.MAX_NESTING + " deep", deepest);
    }
    try {
      return new SmtplogQueryParser(zone, now).parse(query);
    } catch (ParseException e) {
      throw new QueryException(QueryShape.cut(describe(e, query), QueryShape.MAX_MESSAGE), columnOf(e, query));
    } catch (TooComplexToDeterminizeException e) {
      // Its message quotes the whole expression: say what it is instead.
      throw new QueryException("a regular expression or wildcard too complex to search by (more than "
          + Operations.DEFAULT_DETERMINIZE_WORK_LIMIT + " automaton states): make it simpler", 0);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException(tooManyClauses(), 0);
    } catch (IllegalArgumentException e) {
      if (String.valueOf(e.getMessage()).startsWith("input automaton is too large")) {
        throw new QueryException("a wildcard or regular expression too long to search by: make it shorter", 0);
      }
      // RegExp's syntax errors ("expected ')' at position 4").
      throw new QueryException(QueryShape.cut(String.valueOf(e.getMessage()), QueryShape.MAX_MESSAGE), 0);
    } catch (StackOverflowError e) {
      // Nesting the check above does not count (brackets in a regular expression): the parser recurses per level.
      throw new QueryException("the query is nested too deeply", 0);
    }
  }

  /** The parser's complaint for people: what it met where, without its grammar dump. */
  private static String describe(ParseException e, String query) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ParseException p && p.currentToken != null && p.currentToken.next != null) {
      return p.currentToken.next.kind == 0
          ? "the query ends where more was expected (an unclosed bracket, parenthesis or quote?)"
          : "unexpected \"" + QueryShape.cut(p.currentToken.next.image) + "\"";
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (cause instanceof TokenMgrError || message.contains("Lexical error")) {
      // The lexer's own words ("Encountered: <EOF> after prefix ... (in lexical state 2)") say little.
      return message.contains("<EOF>")
          ? "the query ends inside a quoted value, a /regular expression/ or after a backslash: close it"
          : "a character the query syntax does not allow here (quote it: field:\"value\")";
    }
    if (cause instanceof IndexSearcher.TooManyClauses) {
      return tooManyClauses();
    }
    int cut = message.indexOf('\n');
    message = cut > 0 ? message.substring(0, cut) : message;
    return message.replace("Cannot parse '" + query + "': ", "");
  }

  private static String tooManyClauses() {
    return "more than " + String.format(java.util.Locale.ROOT, "%,d", IndexSearcher.getMaxClauseCount())
        + " terms or clauses: narrow the query (a range, a wildcard or a facet often says the same)";
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

  private static Query documents(Query query) {
    return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST).add(DOCUMENTS, BooleanClause.Occur.FILTER)
        .build();
  }

  @Override
  public long count(Query query) throws IOException {
    return searcher.count(documents(query));
  }

  /**
   * The hits of {@link #hits}, read {@code pageSize} at a time with Lucene's searchAfter, so that
   * millions of hits are written as they are read and never held all at once.
   */
  @Override
  public HitPages hitPages(Query query, String sortField, int limit, int pageSize) throws IOException {
    Query q = documents(query);
    return new LucenePages(q, sortOf(sortField), searcher.count(q), limit, pageSize);
  }

  /** The pages of one query's hits: ties by document, as searchAfter breaks them (the order they were written). */
  private final class LucenePages extends CountedPages {
    private final Query query;
    private final Sort sort;
    private ScoreDoc after;

    private LucenePages(Query query, Sort sort, long total, int limit, int pageSize) {
      super(total, limit, pageSize);
      this.query = query;
      this.sort = sort;
    }

    @Override
    public Set<String> kinds() throws IOException {
      Set<String> kinds = new LinkedHashSet<>();
      for (String kind : List.of(IndexFields.RECIPIENT, IndexFields.MESSAGE, IndexFields.SESSION_KIND,
          IndexFields.EVENT_KIND)) {
        Query ofKind = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(IndexFields.KIND, kind)), BooleanClause.Occur.FILTER).build();
        if (searcher.count(ofKind) > 0) {
          kinds.add(kind);
        }
      }
      return kinds;
    }

    @Override
    public List<Hit> next() throws IOException {
      int n = nextPageSize();
      if (n == 0) {
        return List.of();
      }
      TopDocs top = after == null ? searcher.search(query, n, sort) : searcher.searchAfter(after, query, n, sort);
      StoredFields stored = storedFields();
      List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        Document doc = stored.document(sd.doc, Set.of(IndexFields.SHOWN));
        Map<String, Object> values = IndexDocuments.shown(doc.getBinaryValue(IndexFields.SHOWN).bytes);
        hits.add(new Hit(String.valueOf(values.get(IndexFields.KIND)), values,
            values(values, IndexFields.SESSION), Integer.toString(sd.doc)));
      }
      read += hits.size();
      if (hits.size() < n) {
        read = shown; // the index holds fewer than it counted: nothing more to read
      } else {
        after = top.scoreDocs[top.scoreDocs.length - 1];
      }
      return hits;
    }
  }

  /**
   * The sort of a field name ("-" first for descending); reading order when blank. Public for the
   * other views, which sort as this one does.
   *
   * @throws IllegalArgumentException when the field cannot be sorted by (the message names the nearest)
   */
  public static Sort sortOf(String sortField) {
    SortField bySeq = new SortField(IndexFields.SEQ, SortField.Type.LONG);
    if (sortField == null || sortField.isBlank()) {
      return new Sort(bySeq);
    }
    boolean reverse = sortField.startsWith("-");
    String name = reverse ? sortField.substring(1) : sortField;
    IndexField f = IndexFields.field(name).filter(IndexField::docValues).orElseThrow(() -> new IllegalArgumentException(
        "cannot sort by '" + QueryShape.cut(name) + "': " + IndexFields.nearest(name, sortable(), "sorted", reverse ? "-" : "")));
    SortField primary = switch (f.type()) {
      case LONG, TIME -> new SortedNumericSortField(name, SortField.Type.LONG, reverse);
      case DOUBLE -> new SortedNumericSortField(name, SortField.Type.DOUBLE, reverse);
      default -> new SortedSetSortField(name, reverse);
    };
    return new Sort(primary, bySeq);
  }

  private static List<String> sortable() {
    return IndexFields.all().stream().filter(IndexField::docValues).map(IndexField::name).toList();
  }

  /**
   * Counts per value of each field: keyword fields by global ordinals (a field with a value per
   * sender or recipient has hundreds of thousands, and only the top ones are named), numbers by value.
   */
  @Override
  public Map<String, Facet> facets(Query query, List<String> fields, ZoneId zone, int limit) throws IOException {
    Map<String, Facet> out = new LinkedHashMap<>();
    for (String f : fields) {
      out.put(f, facet(documents(query), f, zone, limit));
    }
    return out;
  }

  private Facet facet(Query query, String name, ZoneId zone, int limit) throws IOException {
    IndexField f = countable(name);
    Map<String, Long> counts = new HashMap<>();
    if (f.type() == IndexField.Type.KEYWORD || f.type() == IndexField.Type.ID) {
      // Global ordinals: one counter per distinct value across the segments, named at the end.
      SortedSetDocValues values = MultiDocValues.getSortedSetValues(reader, name);
      if (values == null) {
        return new Facet(counts, 0);
      }
      long[] byOrd = new long[(int) Math.min(values.getValueCount(), Integer.MAX_VALUE - 8)];
      forEachMatch(query, (leaf, doc) -> {
        if (values.advanceExact(leaf.docBase + doc)) {
          for (int i = 0; i < values.docValueCount(); i++) {
            byOrd[(int) values.nextOrd()]++;
          }
        }
      });
      // Ordinals follow the values' order, so "most first, then by value" is "count down, ordinal up".
      int[] top = topOrdinals(byOrd, limit);
      Map<String, Long> out = new LinkedHashMap<>();
      for (int ord : top) {
        out.put(values.lookupOrd(ord).utf8ToString(), byOrd[ord]);
      }
      return new Facet(out, java.util.Arrays.stream(byOrd).filter(c -> c > 0).count());
    }
    Map<LeafReaderContext, SortedNumericDocValues> perLeaf = new HashMap<>();
    forEachMatch(query, (leaf, doc) -> {
      SortedNumericDocValues v = perLeaf.computeIfAbsent(leaf, l -> numeric(l, f.name()));
      if (v != null && v.advanceExact(doc)) {
        // A document counts once per value, as for keywords: a session that answered 250 three times
        // is one session with a 250 (the values come sorted, so a repeat follows its first).
        String previous = null;
        for (int i = 0; i < v.docValueCount(); i++) {
          long raw = v.nextValue();
          String key = switch (name) {
            case IndexFields.HOUR -> String.format("%02d", Instant.ofEpochMilli(raw).atZone(zone).getHour());
            case IndexFields.DAY -> Instant.ofEpochMilli(raw).atZone(zone).toLocalDate().toString();
            default -> f.type() == IndexField.Type.DOUBLE ? Double.toString(NumericUtils.sortableLongToDouble(raw))
                : f.type() == IndexField.Type.TIME ? Instant.ofEpochMilli(raw).toString() : Long.toString(raw);
          };
          if (!key.equals(previous)) {
            counts.merge(key, 1L, Long::sum);
          }
          previous = key;
        }
      }
    });
    Map<String, Long> all = sorted(counts);
    Map<String, Long> out = new LinkedHashMap<>();
    all.entrySet().stream().limit(limit <= 0 ? Long.MAX_VALUE : limit).forEach(e -> out.put(e.getKey(), e.getValue()));
    return new Facet(out, all.size());
  }

  /**
   * The field a facet counts by ({@code time} for the derived {@code hour} and {@code day}). Public
   * for the other views, which count as this one does.
   *
   * @throws IllegalArgumentException when it cannot be counted by (the message names the nearest)
   */
  public static IndexField countable(String name) {
    boolean derived = name.equals(IndexFields.HOUR) || name.equals(IndexFields.DAY);
    return derived ? IndexFields.require(IndexFields.TIME) : IndexFields.field(name)
        .filter(IndexField::docValues).orElseThrow(() -> new IllegalArgumentException("cannot count by '"
            + QueryShape.cut(name) + "': " + IndexFields.nearest(name, IndexFields.countable(), "counted", "")));
  }

  private static SortedNumericDocValues numeric(LeafReaderContext leaf, String field) {
    try {
      return DocValues.getSortedNumeric(leaf.reader(), field);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The ordinals of the {@code limit} largest counts (0: every count above 0): count down, then ordinal up. */
  static int[] topOrdinals(long[] byOrd, int limit) {
    int n = 0;
    for (long c : byOrd) {
      n += c > 0 ? 1 : 0;
    }
    int keep = limit <= 0 ? n : Math.min(limit, n);
    // A bounded heap whose head is the weakest kept: the smallest count, then the largest ordinal.
    java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(Math.max(1, keep),
        (a, b) -> byOrd[a] != byOrd[b] ? Long.compare(byOrd[a], byOrd[b]) : Integer.compare(b, a));
    for (int ord = 0; ord < byOrd.length && keep > 0; ord++) {
      if (byOrd[ord] == 0) {
        continue;
      }
      if (heap.size() < keep) {
        heap.add(ord);
      } else {
        int weakest = heap.peek();
        if (byOrd[ord] > byOrd[weakest]) { // a tie keeps the smaller ordinal, seen first
          heap.poll();
          heap.add(ord);
        }
      }
    }
    int[] out = new int[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = heap.poll();
    }
    return out;
  }

  /** Counts most first, then by value. */
  private static Map<String, Long> sorted(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey())).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Documents visited between two looks at the deadline, less one (a mask). */
  static final int DEADLINE_EVERY = 1023;

  private interface DocVisitor {
    void visit(LeafReaderContext leaf, int doc) throws IOException;
  }

  /** Visits every live matching document, leaf by leaf, in document order. */
  private void forEachMatch(Query query, DocVisitor visitor) throws IOException {
    forEachMatch(searcher, reader, query, visitor);
  }

  private static void forEachMatch(IndexSearcher searcher, IndexReader reader, Query query, DocVisitor visitor)
      throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    SearchDeadline deadline = searcher.getTimeout() instanceof SearchDeadline d ? d : null;
    for (LeafReaderContext leaf : reader.leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      var live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (deadline != null && (doc & DEADLINE_EVERY) == 0) {
          deadline.check();
        }
        if (live == null || live.get(doc)) {
          visitor.visit(leaf, doc);
        }
      }
    }
  }

  // ---- stories: the lines of what a query found ----

  /**
   * The lines of the stories the documents matching {@code query} belong to: a recipient's and a
   * message's are those of the messages of its story (the copies and originals a hop or forward
   * linked, and its bounce notifications) and of the sessions that received them; a session's its
   * own; an event's its line and its session's. Sorted.
   */
  public long[] storyLines(Query query) throws IOException {
    return story(query).lines();
  }

  /** The stories of what a query found: their messages' queue ids, their sessions, and their lines (sorted). */
  private record Story(Set<String> queueIds, Set<String> sessions, long[] lines) {}

  private Story story(Query query) throws IOException {
    Set<String> queueIds = new LinkedHashSet<>();
    Set<String> sessions = new LinkedHashSet<>();
    LineRefs lines = new LineRefs();
    StoredFields stored = storedFields();
    forEachMatch(documents(query), (leaf, doc) -> {
      Document d = stored.document(leaf.docBase + doc, Set.of(IndexFields.SHOWN, IndexFields.LINES));
      Map<String, Object> values = IndexDocuments.shown(d.getBinaryValue(IndexFields.SHOWN).bytes);
      String kind = String.valueOf(values.get(IndexFields.KIND));
      Optional.ofNullable(values.get(IndexFields.QUEUE_ID)).ifPresent(q -> queueIds.add(String.valueOf(q)));
      sessions.addAll(values(values, IndexFields.SESSION));
      BytesRef own = d.getBinaryValue(IndexFields.LINES);
      if (own != null) {
        for (long ref : LineRefs.decode(Arrays.copyOfRange(own.bytes, own.offset, own.offset + own.length))) {
          lines.add(ref);
        }
      }
      if (kind.equals(IndexFields.EVENT_KIND)) {
        lineOf(values).ifPresent(lines::add);
      }
    });
    Set<String> family = new LinkedHashSet<>(queueIds); // a refusal's queue id may have no message document
    for (int d : messagesOfStory(queueIds)) {
      lines.addAll(linesOf(d));
      Map<String, Object> shown = shownOf(d);
      sessions.addAll(values(shown, IndexFields.SESSION));
      family.addAll(values(shown, IndexFields.QUEUE_ID));
    }
    for (int d : docs(IndexFields.SESSION_KIND, IndexFields.SESSION, sessions)) {
      lines.addAll(linesOf(d));
    }
    return new Story(family, sessions, lines.sorted());
  }

  /**
   * What the aggregates of a report take for the stories {@code query} selects, the stories
   * {@link #replay} reads again: {@code documents} those of their messages (by queue id: recipients,
   * messages, events, attempts...), those of their sessions' own stories (by session), and the
   * documents the query matched itself (an event of no story: a diagnostic); {@code rcptReplies}
   * the RCPT reply documents of their lines. Every document for the query "*".
   */
  public record StoryFilter(Query documents, Query rcptReplies) {}

  public StoryFilter storyFilter(Query query) throws IOException {
    if (query instanceof MatchAllDocsQuery) {
      return new StoryFilter(query, query);
    }
    Story story = story(query);
    Query sessionStories = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexFields.SESSION_STORY, "session")), BooleanClause.Occur.FILTER)
        .add(new TermInSetQuery(IndexFields.SESSION, story.sessions().stream().map(BytesRef::new).toList()),
            BooleanClause.Occur.FILTER).build();
    // What the query matched itself, of the documents a query sees (never an internal one by a negation)
    Query matched = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
        .add(DOCUMENTS, BooleanClause.Occur.FILTER).build();
    Query documents = new BooleanQuery.Builder()
        .add(new TermInSetQuery(IndexFields.QUEUE_ID, story.queueIds().stream().map(BytesRef::new).toList()),
            BooleanClause.Occur.SHOULD)
        .add(sessionStories, BooleanClause.Occur.SHOULD).add(matched, BooleanClause.Occur.SHOULD)
        .add(new TermInSetQuery(IndexFields.REPLY_LINE, linesIn(IndexFields.REPLY_LINE, story.lines())),
            BooleanClause.Occur.SHOULD).build();
    return new StoryFilter(documents,
        new TermInSetQuery(IndexFields.RCPT_REPLY_LINE, linesIn(IndexFields.RCPT_REPLY_LINE, story.lines())));
  }

  /**
   * The values of {@code field} ({@link IndexFields#RCPT_REPLY_LINE} or {@link IndexFields#REPLY_LINE},
   * file:line) that are among {@code lines} (sorted refs).
   */
  private List<BytesRef> linesIn(String field, long[] lines) throws IOException {
    Map<String, List<Integer>> inputs = new HashMap<>();
    for (StoredChunk c : chunks()) {
      List<Integer> of = inputs.computeIfAbsent(c.file(), f -> new ArrayList<>());
      if (!of.contains(c.input())) {
        of.add(c.input());
      }
    }
    List<BytesRef> out = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      org.apache.lucene.index.TermsEnum it = terms.iterator();
      for (BytesRef t = it.next(); t != null; t = it.next()) {
        String value = t.utf8ToString();
        int colon = value.lastIndexOf(':');
        long line = Long.parseLong(value.substring(colon + 1));
        for (int input : inputs.getOrDefault(value.substring(0, colon), List.of())) {
          if (Arrays.binarySearch(lines, LineRefs.pack(input, line)) >= 0) {
            out.add(BytesRef.deepCopyOf(t));
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * Aggregations over the documents of the stories {@code query} selects ({@link #storyFilter}):
   * their documents of every kind, and their RCPT replies for {@link IndexFields#RCPT_REPLY_KIND}.
   */
  public Aggregations aggregations(Query query, ZoneId zone, Instant now) throws IOException {
    StoryFilter stories = storyFilter(query);
    return (kind, groupBy, limit, sortBy, metrics) -> aggregate(new AggRequest(
        kind.equals(IndexFields.RCPT_REPLY_KIND) ? stories.rcptReplies() : stories.documents(), kind, groupBy, limit,
        sortBy, metrics), zone, now);
  }

  /** Runs an aggregation over this index ({@link LuceneAggregator}); a sub-query in smtplog's syntax. */
  public AggResult aggregate(AggRequest request, ZoneId zone, Instant now) throws IOException {
    return new LuceneAggregator(searcher, text -> {
      try {
        return parse(text, zone, now);
      } catch (QueryException e) {
        throw new IllegalArgumentException("not a query: " + text, e);
      }
    }).run(request);
  }

  /** The values of a field a document shows (one, several, or none). */
  private static List<String> values(Map<String, Object> shown, String field) {
    Object v = shown.get(field);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  /** An event's own line, found by its file name among the inputs. */
  private Optional<Long> lineOf(Map<String, Object> values) throws IOException {
    Object file = values.get(IndexFields.FILE);
    Object line = values.get(IndexFields.LINE);
    if (file == null || !(line instanceof Number n)) {
      return Optional.empty();
    }
    for (StoredChunk c : chunks()) {
      if (c.file().equals(file) && c.first() <= n.longValue() && n.longValue() <= c.last()) {
        return Optional.of(LineRefs.pack(c.input(), n.longValue()));
      }
    }
    return Optional.empty();
  }

  /**
   * The message documents of the stories of {@code queueIds}: the messages themselves, the copies
   * made of them and the originals they were made from (over every hop and forward), and the
   * notifications that report on them.
   */
  public List<Integer> messagesOfStory(Set<String> queueIds) throws IOException {
    Set<String> ids = new LinkedHashSet<>(queueIds);
    Set<Integer> docs = new LinkedHashSet<>();
    Set<String> asked = new java.util.HashSet<>();
    while (true) {
      Set<String> fresh = new LinkedHashSet<>(ids);
      fresh.removeAll(asked);
      if (fresh.isEmpty()) {
        break;
      }
      asked.addAll(fresh);
      for (String field : List.of(IndexFields.QUEUE_ID, IndexFields.COPY_OF, IndexFields.NOTIFICATION_OF)) {
        for (int d : docs(IndexFields.MESSAGE, field, fresh)) {
          if (docs.add(d)) {
            Map<String, Object> values = shownOf(d);
            for (String link : List.of(IndexFields.QUEUE_ID, IndexFields.COPY_OF, IndexFields.NOTIFICATION_OF)) {
              Object v = values.get(link);
              if (v != null) {
                ids.add(String.valueOf(v));
              }
            }
          }
        }
      }
    }
    List<Integer> out = new ArrayList<>(docs);
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Documents of {@code kind} whose {@code field} is one of {@code values}. */
  private List<Integer> docs(String kind, String field, Set<String> values) throws IOException {
    List<Integer> out = new ArrayList<>();
    if (values.isEmpty()) {
      return out;
    }
    List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
    Query q = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexFields.KIND, kind)), BooleanClause.Occur.FILTER)
        .add(new TermInSetQuery(field, terms), BooleanClause.Occur.FILTER).build();
    forEachMatch(q, (leaf, doc) -> out.add(leaf.docBase + doc));
    return out;
  }

  /** The values a document shows. */
  public Map<String, Object> shownOf(int doc) throws IOException {
    Document d = storedFields().document(doc, Set.of(IndexFields.SHOWN));
    return IndexDocuments.shown(d.getBinaryValue(IndexFields.SHOWN).bytes);
  }

  /** The lines of a message's or session's story (none for other documents). */
  LineRefs linesOf(int doc) throws IOException {
    Document d = storedFields().document(doc, Set.of(IndexFields.LINES));
    BytesRef b = d.getBinaryValue(IndexFields.LINES);
    LineRefs refs = new LineRefs();
    if (b != null) {
      for (long ref : LineRefs.decode(Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length))) {
        refs.add(ref);
      }
    }
    return refs;
  }

  /**
   * The sessions a hit took part in ({@code query --sessions}): its own, and for a recipient or a
   * message those of its message's story (the receiving session, the delivery dialogues).
   */
  @Override
  public Set<String> sessionsOfHit(Hit hit) throws IOException {
    Set<String> out = new LinkedHashSet<>(hit.sessions());
    Object queueId = hit.values().get(IndexFields.QUEUE_ID);
    if (queueId != null && !hit.kind().equals(IndexFields.EVENT_KIND)) {
      for (int d : messagesOfStory(Set.of(String.valueOf(queueId)))) {
        out.addAll(values(shownOf(d), IndexFields.SESSION));
      }
    }
    return out;
  }

  /** The lines of a hit's story ({@code query --lines}): see {@link #storyLines}. */
  @Override
  public List<StoredLine> linesOfHit(Hit hit) throws IOException {
    Map<String, Object> values = hit.values();
    Set<String> queueIds = new LinkedHashSet<>();
    Optional.ofNullable(values.get(IndexFields.QUEUE_ID)).ifPresent(q -> queueIds.add(String.valueOf(q)));
    LineRefs lines = linesOf(hit.doc());
    if (hit.kind().equals(IndexFields.EVENT_KIND)) {
      lineOf(values).ifPresent(lines::add);
    } else {
      for (int d : messagesOfStory(queueIds)) {
        lines.addAll(linesOf(d));
      }
    }
    return lines(lines.sorted());
  }

  /** The text of the given lines (sorted refs), in reading order. */
  public List<StoredLine> lines(long[] refs) throws IOException {
    List<StoredLine> out = new ArrayList<>();
    if (refs.length == 0) {
      return out;
    }
    StoredFields stored = storedFields();
    for (StoredChunk c : chunksOf(reader, refs, chunks())) {
      RawChunk raw = recentChunks.get(c.doc());
      if (raw == null) {
        raw = ChunkStore.decode(chunkBytes(stored, c.doc()));
        recentChunks.put(c.doc(), raw);
      }
      long[] wanted = linesIn(refs, c);
      long last = wanted.length == 0 ? -1 : wanted[wanted.length - 1];
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

  /** The line numbers of {@code refs} that fall in chunk {@code c}, sorted. */
  private static long[] linesIn(long[] refs, StoredChunk c) {
    return linesIn(refs, c.input(), c.first(), c.last());
  }

  /** The line numbers of {@code refs} that fall in lines {@code first} to {@code last} of input {@code input}, sorted. */
  static long[] linesIn(long[] refs, int input, long first, long last) {
    long from = LineRefs.pack(input, first);
    long to = LineRefs.pack(input, last);
    int lo = Arrays.binarySearch(refs, from);
    lo = lo < 0 ? -lo - 1 : lo;
    int hi = lo;
    while (hi < refs.length && refs[hi] <= to) {
      hi++;
    }
    long[] out = new long[hi - lo];
    for (int i = lo; i < hi; i++) {
      out[i - lo] = LineRefs.line(refs[i]);
    }
    return out;
  }

  // ---- stored chunks ----

  /** A stored chunk: its document, input ordinal, name it was read under, lines, place in reading order. */
  record StoredChunk(int doc, int input, String file, long first, long last, long seq) {}

  private List<StoredChunk> chunks() throws IOException {
    if (chunks == null) {
      chunks = allChunks(reader);
    }
    return chunks;
  }

  /** Every chunk of the index, in reading order. */
  static List<StoredChunk> allChunks(IndexReader reader) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    List<StoredChunk> out = new ArrayList<>();
    Map<LeafReaderContext, NumericDocValues[]> values = new HashMap<>();
    Map<LeafReaderContext, SortedDocValues> files = new HashMap<>();
    forEachMatch(searcher, reader, new TermQuery(new Term(IndexFields.KIND, IndexFields.CHUNK)), (leaf, doc) -> {
      NumericDocValues[] v = values.computeIfAbsent(leaf, l -> new NumericDocValues[4]);
      if (v[0] == null) {
        v[0] = DocValues.getNumeric(leaf.reader(), IndexFields.INPUT);
        v[1] = DocValues.getNumeric(leaf.reader(), ChunkStore.FIRST);
        v[2] = DocValues.getNumeric(leaf.reader(), ChunkStore.LAST);
        v[3] = DocValues.getNumeric(leaf.reader(), IndexFields.SEQ);
        files.put(leaf, DocValues.getSorted(leaf.reader(), ChunkStore.FILE));
      }
      long[] got = new long[4];
      for (int i = 0; i < 4; i++) {
        got[i] = v[i].advanceExact(doc) ? v[i].longValue() : -1;
      }
      SortedDocValues names = files.get(leaf);
      String file = names.advanceExact(doc) ? names.lookupOrd(names.ordValue()).utf8ToString() : "?";
      out.add(new StoredChunk(leaf.docBase + doc, (int) got[0], file, got[1], got[2], got[3]));
    });
    out.sort(Comparator.comparingLong(StoredChunk::seq));
    return out;
  }

  /** The chunks holding any of the lines {@code refs} (sorted), in reading order, as a store gives them. */
  static List<IndexStore.Chunk> storedChunksOf(IndexReader reader, long[] refs) throws IOException {
    return chunksOf(reader, refs, allChunks(reader)).stream()
        .map(c -> new IndexStore.Chunk(c.input(), c.file(), c.first(), c.last(), () -> chunkBytes(reader.storedFields(),
            c.doc())))
        .toList();
  }

  private static List<StoredChunk> chunksOf(IndexReader reader, long[] refs, List<StoredChunk> all) {
    List<StoredChunk> out = new ArrayList<>();
    for (StoredChunk c : all) {
      if (linesIn(refs, c).length > 0) {
        out.add(c);
      }
    }
    return out;
  }

  static byte[] chunkBytes(StoredFields stored, int doc) throws IOException {
    BytesRef b = stored.document(doc, Set.of(IndexFields.CHUNK_DATA)).getBinaryValue(IndexFields.CHUNK_DATA);
    return Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length);
  }

  /**
   * The chunks to read again for the lines {@code refs} (sorted; null: every line), each decoded on
   * the parser thread that reads it.
   */
  static Iterator<LogPipeline.Replay> replays(List<IndexStore.Chunk> chunks, long[] refs) {
    Iterator<IndexStore.Chunk> it = chunks.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public LogPipeline.Replay next() {
        IndexStore.Chunk c = it.next();
        java.util.function.Supplier<RawChunk> load = () -> {
          try {
            return c.load();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
        if (refs == null) {
          return LogPipeline.Replay.all(load);
        }
        long[] wanted = linesIn(refs, c.input(), c.first(), c.last());
        return new LogPipeline.Replay(load, line -> Arrays.binarySearch(wanted, line) >= 0);
      }
    };
  }

  /** The stories the last commit left open (the state document). */
  static IndexStore.OpenStories openStories(IndexReader reader) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    TopFieldDocs top = searcher.search(new TermQuery(new Term(IndexFields.KIND, IndexFields.STATE)), 1, Sort.INDEXORDER);
    if (top.scoreDocs.length == 0) {
      return IndexStore.OpenStories.NONE;
    }
    Document d = reader.storedFields().document(top.scoreDocs[0].doc, Set.of(IndexFields.OPEN, IndexFields.OPEN_KEYS));
    BytesRef b = d.getBinaryValue(IndexFields.OPEN);
    String keys = d.get(IndexFields.OPEN_KEYS);
    return new IndexStore.OpenStories(IndexStore.OpenStories.keysOf(keys),
        b == null ? new long[0] : LineRefs.decode(Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length)));
  }

  /**
   * The stored chunks a report reads again: all of them, or for a query the chunks of the lines of
   * the stories it finds ({@link #storyLines}), only those lines.
   */
  @Override
  public Iterator<LogPipeline.Replay> replay(Query query) throws IOException {
    if (query instanceof MatchAllDocsQuery) {
      return bounded(replays(readable(chunks()), null));
    }
    long[] refs = storyLines(query);
    return bounded(replays(readable(chunksOf(reader, refs, chunks())), refs));
  }

  /** The replays, the deadline (if any) looked at before each chunk. */
  private Iterator<LogPipeline.Replay> bounded(Iterator<LogPipeline.Replay> replays) {
    if (!(searcher.getTimeout() instanceof SearchDeadline deadline)) {
      return replays;
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return replays.hasNext();
      }

      @Override
      public LogPipeline.Replay next() {
        deadline.check();
        return replays.next();
      }
    };
  }

  /** The chunks, each loading its bytes through the checked stored values. */
  private List<IndexStore.Chunk> readable(List<StoredChunk> chunks) {
    return chunks.stream().map(c -> new IndexStore.Chunk(c.input(), c.file(), c.first(), c.last(),
        () -> chunkBytes(storedFields(), c.doc()))).toList();
  }

  @Override
  public Trace trace(String id) throws IOException {
    String key = id.strip();
    Set<String> queueIds = new LinkedHashSet<>();
    List<Map<String, Object>> recipients = new ArrayList<>();
    if (key.indexOf('@') > 0 && !key.startsWith("<")) {
      // Mail to the address (as addressed, or as delivered); else mail from it.
      String address = key.toLowerCase(java.util.Locale.ROOT);
      for (String field : List.of(IndexFields.RECIPIENT_FIELD, IndexFields.ORIG_RECIPIENT)) {
        for (int d : docs(IndexFields.RECIPIENT, field, Set.of(address))) {
          Object q = shownOf(d).get(IndexFields.QUEUE_ID);
          if (q != null) {
            queueIds.add(String.valueOf(q));
          }
        }
      }
      if (queueIds.isEmpty()) {
        for (int d : docs(IndexFields.MESSAGE, IndexFields.SENDER, Set.of(address))) {
          queueIds.add(String.valueOf(shownOf(d).get(IndexFields.QUEUE_ID)));
        }
      }
    } else {
      queueIds.add(key);
      String bare = key.startsWith("<") && key.endsWith(">") ? key.substring(1, key.length() - 1) : key;
      for (String messageId : Set.of(bare, "<" + bare + ">")) {
        for (int d : docs(IndexFields.MESSAGE, IndexFields.MESSAGE_ID, Set.of(messageId))) {
          queueIds.add(String.valueOf(shownOf(d).get(IndexFields.QUEUE_ID)));
        }
      }
    }
    List<Map<String, Object>> messages = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    Set<String> sessionIds = new LinkedHashSet<>();
    LineRefs lines = new LineRefs();
    for (int d : messagesOfStory(queueIds)) {
      Map<String, Object> values = shownOf(d);
      messages.add(values);
      ids.add(String.valueOf(values.get(IndexFields.QUEUE_ID)));
      sessionIds.addAll(values(values, IndexFields.SESSION));
      lines.addAll(linesOf(d));
    }
    for (int d : docs(IndexFields.RECIPIENT, IndexFields.QUEUE_ID, ids)) {
      recipients.add(shownOf(d));
    }
    List<Map<String, Object>> sessions = new ArrayList<>();
    for (int d : docs(IndexFields.SESSION_KIND, IndexFields.SESSION, sessionIds)) {
      sessions.add(shownOf(d));
      lines.addAll(linesOf(d));
    }
    // Stories of one second are common (a filter's copy, an alias's recipients): among equals,
    // messages are put in order by queue id, recipients and sessions by name, so that a trace prints
    // the same order whichever segment each document landed in (several threads write them).
    messages.sort(byTimeThen(IndexFields.QUEUE_ID));
    recipients.sort(byTimeThen(IndexFields.RECIPIENT_FIELD));
    sessions.sort(byTimeThen(IndexFields.SESSION));
    return new Trace(messages, recipients, sessions, lines(lines.sorted()));
  }

  private static Comparator<Map<String, Object>> byTimeThen(String field) {
    Comparator<Map<String, Object>> byTime = Comparator.comparing(m -> String.valueOf(m.get(IndexFields.TIME)));
    return byTime.thenComparing(m -> String.valueOf(m.get(field)));
  }

  /** The dialogues of sessions by id, by start time; ids without a dialogue are left out. */
  @Override
  public List<SmtpDialogue> dialogues(Set<String> ids) throws IOException {
    List<SmtpDialogue> out = new ArrayList<>();
    StoredFields stored = storedFields();
    for (int d : docs(IndexFields.SESSION_KIND, IndexFields.SESSION, ids)) {
      String json = stored.document(d, Set.of(IndexFields.DIALOGUE)).get(IndexFields.DIALOGUE);
      if (json != null) {
        out.add(DialogueCodec.decode(json));
      }
    }
    // By start, then by first line: a transcript's sessions may all start at the time it was given.
    out.sort(Comparator.comparing(SmtpDialogue::start).thenComparing(d -> d.first().file())
        .thenComparingLong(d -> d.first().lineNumber()));
    return out;
  }

  /** The lines of sessions by id (a server's session without a dialogue), in reading order. */
  @Override
  public List<StoredLine> sessionLines(String id) throws IOException {
    LineRefs lines = new LineRefs();
    for (int d : docs(IndexFields.SESSION_KIND, IndexFields.SESSION, Set.of(id))) {
      lines.addAll(linesOf(d));
    }
    return lines(lines.sorted());
  }

  @Override
  public Stats stats() throws IOException {
    // What the index holds is only worth telling about an index that is whole: every segment is verified.
    for (LeafReaderContext leaf : reader.leaves()) {
      verifySegmentOf(leaf.docBase);
    }
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
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : (Iterable<Path>) list::iterator) {
        bytes += Files.size(f);
      }
    }
    long lines = 0;
    for (StoredChunk c : chunks()) {
      lines += c.last() - c.first() + 1;
    }
    Map<String, Map<String, Long>> counts = facets(new MatchAllDocsQuery(),
        List.of(IndexFields.KIND, IndexFields.MTA, IndexFields.STATUS), ZoneId.of("UTC"));
    return new Stats(count(new MatchAllDocsQuery()), new TreeMap<>(counts.get(IndexFields.KIND)),
        minTime == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(minTime)),
        maxTime == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(maxTime)),
        bytes, lines, chunks().size(), new TreeMap<>(counts.get(IndexFields.MTA)),
        new TreeMap<>(counts.get(IndexFields.STATUS)), openStories(reader).keys().size());
  }

  /** The name of input {@code ordinal}. */
  String fileName(int ordinal) {
    return files.name(ordinal);
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
