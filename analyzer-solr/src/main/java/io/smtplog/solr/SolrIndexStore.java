package io.smtplog.solr;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.LineRefs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * A SolrCloud collection as an ingest's store. Several hosts may ingest into one collection at once,
 * each under its own source name ({@link SolrSchema#SOURCE}): every document carries it, and each
 * source has its own state document (positions, file table, order, open stories), so their ingests
 * never touch each other's. Documents are sent in batches, again after a wait while the cluster
 * cannot take them ({@link Retries}); their ids derive from their content ({@link SolrDocuments}), so
 * a batch sent twice, or an ingest run again after a crash, adds nothing.
 */
public final class SolrIndexStore implements IndexStore {
  /** Documents per update request. */
  static final int BATCH_DOCUMENTS = 1000;
  /** Bytes of stored values per update request (chunks of lines are large). */
  static final long BATCH_BYTES = 8L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> STATE_TYPE = new TypeReference<>() {};
  /** Keys per delete request: well under Solr's maxBooleanClauses (1,024). */
  private static final int DELETE_KEYS = 400;

  private final SolrConnection connection;
  private final SolrClient client;
  private final String collection;
  private final String source;
  private final Retries retries;
  /** This process as a lease names it: pid@host. */
  private final String holder;
  /** Each thread its own: the converter's digest is not thread-safe. */
  private final ThreadLocal<SolrDocuments> documents;
  private final Repeats repeats = new Repeats();
  private final Object lock = new Object();
  private List<SolrInputDocument> batch = new ArrayList<>();
  private long batchBytes;
  /**
   * The failure a send gave up with: the other indexing threads fail at once with it rather than each
   * wait out the patience again (the ingest fails at its next commit anyway).
   */
  private volatile SolrAccessException gaveUp;

  /** @param source the name this ingest's documents and state go under (a host name) */
  public SolrIndexStore(SolrConnection connection, String source, Retries retries) {
    this(connection, source, retries, who());
  }

  /** @param holder how this ingest's lease names its process, pid@host (a test's stores act as two hosts') */
  SolrIndexStore(SolrConnection connection, String source, Retries retries, String holder) {
    this.holder = holder;
    this.connection = connection;
    this.client = connection.client();
    this.collection = connection.collection();
    this.source = source;
    this.retries = retries;
    this.documents = ThreadLocal.withInitial(() -> new SolrDocuments(source));
  }

  @Override
  public String describe() {
    return "collection " + collection + " on " + Clean.text(connection.target().where()) + " (source "
        + Clean.text(source) + ")";
  }

  /** The id of this source's state document. */
  private String stateId() {
    return "state/" + source;
  }

  /** The state document as it is now (real-time get), with its version (the schema shows {@code _version_}). */
  private SolrDocument readState(String doing) throws IOException {
    return send(() -> client.getById(collection, stateId()), doing);
  }

  private SolrDocument state() throws IOException {
    SolrDocument state = readState("reading the state of source " + source);
    if (lease == null) {
      takeLease(state);
      state = readState("reading the state of source " + source);
      if (state == null || !lease.equals(state.getFirstValue(SolrSchema.LEASE))) {
        lease = null;
        throw busy("it took the source at the same moment");
      }
    }
    return state;
  }

  // ---- one ingest per source at a time: a lease on the state document ----

  /**
   * A lease older than this is taken for the mark of an ingest that died: every commit (at least
   * every 30 s while an ingest reads, LogIndexer.COMMIT_INTERVAL) renews it.
   */
  static final Duration LEASE_LIFE = Duration.ofMinutes(5);
  /** This ingest's lease, "token time pid@host": null until the state document was first read. */
  private String lease;
  /** The state document's version as this ingest last wrote it: the next write expects it (optimistic concurrency). */
  private long stateVersion;

  /**
   * Marks the state document as this ingest's, unless another's live lease is on it: two ingests of
   * one source at once would interleave their positions and documents. The mark is written only if
   * the state document is still as read (its version, or still absent), so of two that start at the
   * same moment exactly one goes on; every later write of the state expects the version this ingest
   * wrote last, so a write after another's is refused too (HTTP 409).
   */
  private void takeLease(SolrDocument state) throws IOException {
    Object held = state == null ? null : state.getFirstValue(SolrSchema.LEASE);
    if (held != null) {
      String[] parts = held.toString().split(" ", 3);
      long since = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
      if (System.currentTimeMillis() - since < LEASE_LIFE.toMillis() && parts.length > 2 && alive(parts[2])) {
        throw busy("since " + java.time.Instant.ofEpochMilli(since) + " on " + Clean.text(parts[2]));
      }
    }
    String mine = java.util.UUID.randomUUID() + " " + System.currentTimeMillis() + " " + holder;
    SolrInputDocument doc = stateDocument(state);
    doc.setField(SolrSchema.LEASE, mine);
    // Conditional on what was read: -1, must not exist yet; else the version read. Of two ingests that
    // read the same state, exactly one write is taken; the other is refused (409, busy).
    writeState(doc, state == null ? -1L : versionOf(state), "taking the lease of source " + source);
    lease = mine;
  }

  /** The version of the state document as read ({@link #readState}). */
  private long versionOf(SolrDocument state) throws SolrAccessException {
    if (!(state.getFirstValue(SolrSchema.VERSION) instanceof Number version)) {
      throw new SolrAccessException("Solr at " + Clean.text(connection.target().where()) + " gave the state of source "
          + Clean.text(source) + " without its version (" + SolrSchema.VERSION + "): is the collection's schema"
          + " smtplog's? (smtplog solr configset)");
    }
    return version.longValue();
  }

  private SolrAccessException busy(String since) {
    return new SolrAccessException("another ingest into " + describe() + " is running (" + since + "): one ingest"
        + " per --source at a time; give each host its own --source, or run this one when that one has ended"
        + " (the lease of an ingest that died runs out after " + LEASE_LIFE.toMinutes() + " minutes)");
  }

  /** This process, as a lease names its holder: pid@host. */
  private static String who() {
    return ProcessHandle.current().pid() + "@" + HOST;
  }

  private static final String HOST = localHost();

  private static String localHost() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "?";
      }
    }
  }

  /**
   * Whether the holder of a lease may still be writing: on another host, it may; on this one, only a
   * live process other than this one (an earlier ingest of this process failed; a dead one died).
   */
  private static boolean alive(String holder) {
    int at = holder.indexOf('@');
    if (at < 0 || !holder.substring(at + 1).equals(HOST)) {
      return true;
    }
    try {
      long pid = Long.parseLong(holder.substring(0, at));
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** The state document as it is ({@code state}, or a new one), to write again with a change. */
  private SolrInputDocument stateDocument(SolrDocument state) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(SolrSchema.ID, stateId());
    doc.setField(IndexFields.KIND, IndexFields.STATE);
    doc.setField(SolrSchema.SOURCE, source);
    if (state != null) {
      for (String field : List.of(IndexFields.OPEN, IndexFields.OPEN_KEYS, SolrSchema.COMMITTED)) {
        Object v = state.getFirstValue(field);
        if (v != null) {
          doc.setField(field, v);
        }
      }
    }
    return doc;
  }

  /**
   * Writes the state document if its version is still {@code expected} (Solr's optimistic
   * concurrency), and keeps the version it gets; another writer's change in between refuses it.
   */
  private void writeState(SolrInputDocument doc, long expected, String doing) throws IOException {
    doc.setField(SolrSchema.VERSION, expected);
    org.apache.solr.client.solrj.request.UpdateRequest update = new org.apache.solr.client.solrj.request.UpdateRequest();
    update.add(doc);
    update.setParam("versions", "true");
    org.apache.solr.common.util.NamedList<Object> response;
    try {
      response = send(() -> update.process(client, collection).getResponse(), doing);
    } catch (SolrAccessException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.apache.solr.common.SolrException se && se.code() == 409) {
          throw busy("it wrote the state of the source meanwhile");
        }
      }
      throw e;
    }
    Object adds = response.get("adds");
    Object version = adds instanceof org.apache.solr.common.util.NamedList<?> list ? list.get(stateId()) : null;
    if (!(version instanceof Number n)) {
      throw new SolrAccessException("Solr at " + Clean.text(connection.target().where()) + " did not say which version"
          + " of the state of source " + Clean.text(source) + " it wrote (" + doing + ")");
    }
    stateVersion = n.longValue();
  }

  @Override
  public Map<String, String> committed() throws IOException {
    SolrDocument state = state();
    if (state == null) {
      return new HashMap<>();
    }
    Object json = state.getFirstValue(SolrSchema.COMMITTED);
    return json == null ? new HashMap<>() : new HashMap<>(JSON.readValue(json.toString(), STATE_TYPE));
  }

  /**
   * True when this source committed before (it has a state document). Documents of the source without
   * one are those of an ingest that failed before its first commit: they are sent again, under the
   * same ids, rather than taken for another format's (the schema's name says the format).
   */
  @Override
  public boolean hasDocuments() throws IOException {
    return state().getFirstValue(SolrSchema.COMMITTED) != null;
  }

  @Override
  public OpenStories openStories() throws IOException {
    SolrDocument state = state();
    if (state == null) {
      return OpenStories.NONE;
    }
    Object lines = state.getFirstValue(IndexFields.OPEN);
    Object keys = state.getFirstValue(IndexFields.OPEN_KEYS);
    return new OpenStories(OpenStories.keysOf(keys == null ? null : keys.toString()),
        lines == null ? new long[0] : LineRefs.decode((byte[]) lines));
  }

  @Override
  public void deleteStories(Set<String> keys) throws IOException {
    // What a run sent after its last commit and then failed (or was killed): a Lucene index never
    // commits it, but Solr's autoCommit and other sources' commits do. It goes, as a rollback would:
    // every document of this source numbered from the committed order on.
    long committedOrder = Long.parseLong(committed().getOrDefault(NEXT_ORDER, "0"));
    delete(sourceQuery() + " AND " + IndexFields.SEQ + ":[" + committedOrder + " TO *]");
    delete(sourceQuery() + " AND " + IndexFields.PROVISIONAL + ":" + IndexFields.TRUE);
    List<String> stories = new ArrayList<>(keys);
    for (int from = 0; from < stories.size(); from += DELETE_KEYS) {
      List<String> part = stories.subList(from, Math.min(stories.size(), from + DELETE_KEYS));
      StringBuilder q = new StringBuilder(sourceQuery()).append(" AND (");
      String or = "";
      for (String story : part) {
        q.append(or).append(storyQuery(story));
        or = " OR ";
      }
      delete(q.append(')').toString());
    }
  }

  /** The documents of a story ({@code IndexDocuments.storyQuery} in Solr's syntax). */
  static String storyQuery(String story) {
    String value = ClientUtils.escapeQueryChars(story.substring(2));
    if (story.startsWith("q:")) {
      return IndexFields.QUEUE_ID + ":" + value;
    }
    return "(" + IndexFields.SESSION + ":" + value + " AND " + IndexFields.SESSION_STORY + ":session)";
  }

  private void delete(String query) throws IOException {
    send(() -> client.deleteByQuery(collection, query), "deleting the documents of stories read again");
  }

  @Override
  public List<Chunk> chunksOf(long[] refs) throws IOException {
    List<Chunk> out = new ArrayList<>();
    if (refs.length == 0) {
      return out;
    }
    SolrQuery q = ChunkPlaces.holding(source, refs).setRows(ChunkPlaces.PAGE);
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      SolrQuery page = q;
      var response = send(() -> client.query(collection, page), "listing the stored lines");
      for (SolrDocument d : response.getResults()) {
        ChunkPlace c = ChunkPlace.of(d);
        if (c.holdsAny(refs)) {
          out.add(new Chunk(c.input(), c.file(), c.first(), c.last(), () -> chunkBytes(c.id())));
        }
      }
      String next = response.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return out;
      }
      cursor = next;
    }
  }

  private byte[] chunkBytes(String id) throws IOException {
    SolrDocument d = send(() -> client.getById(collection, id), "reading stored lines");
    if (d == null || d.getFirstValue(IndexFields.CHUNK_DATA) == null) {
      throw new IOException("a stored chunk of " + describe() + " is missing (id " + id + ")");
    }
    return (byte[]) d.getFirstValue(IndexFields.CHUNK_DATA);
  }

  @Override
  public void add(Document document) throws IOException {
    SolrInputDocument doc = documents.get().convert(document);
    doc.setField(SolrSchema.ID, repeats.id(doc.getFieldValue(SolrSchema.ID).toString()));
    List<SolrInputDocument> full = null;
    synchronized (lock) {
      batch.add(doc);
      batchBytes += storedBytes(doc);
      if (batch.size() >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) {
        full = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
      }
    }
    if (full != null) {
      sendAll(full);
    }
  }

  /** The bytes of a document's stored values (its chunk of lines, mostly): what makes a request large. */
  private static long storedBytes(SolrInputDocument doc) {
    long bytes = 0;
    for (var field : doc) {
      for (Object v : field.getValues()) {
        bytes += v instanceof byte[] b ? b.length : v instanceof String t ? t.length() : 8;
      }
    }
    return bytes;
  }

  private void sendAll(List<SolrInputDocument> docs) throws IOException {
    send(() -> client.add(collection, docs), "adding documents");
  }

  @Override
  public void commit(OpenStories open, Map<String, String> state) throws IOException {
    List<SolrInputDocument> rest;
    synchronized (lock) {
      rest = batch;
      batch = new ArrayList<>();
      batchBytes = 0;
    }
    if (!rest.isEmpty()) {
      sendAll(rest);
    }
    // The documents first, durable; then the state that says they are in. A crash between the two
    // sends them again next time, under the same ids.
    send(() -> client.commit(collection, true, true), "committing");
    if (lease == null) {
      state(); // a store written before it was read (a push): the lease first
    }
    SolrInputDocument doc = stateDocument(null);
    doc.setField(IndexFields.OPEN, LineRefs.encode(open.lines()));
    doc.setField(IndexFields.OPEN_KEYS, open.keysText());
    doc.setField(SolrSchema.COMMITTED, JSON.writeValueAsString(new TreeMap<>(state)));
    lease = lease.substring(0, lease.indexOf(' ')) + " " + System.currentTimeMillis() + " " + holder; // renewed
    doc.setField(SolrSchema.LEASE, lease);
    writeState(doc, stateVersion, "writing the state of source " + source);
    send(() -> client.commit(collection, true, true), "committing");
  }

  private long count(String query) throws IOException {
    return send(() -> client.query(collection, new SolrQuery(query).setRows(0)), "counting documents").getResults()
        .getNumFound();
  }

  private String sourceQuery() {
    return SolrSchema.SOURCE + ":" + ClientUtils.escapeQueryChars(source);
  }

  /** Sends {@code request} with retries; a failure becomes one line saying what it was {@code doing}. */
  private <T> T send(Retries.Request<T> request, String doing) throws SolrAccessException {
    SolrAccessException failed = gaveUp;
    if (failed != null) {
      throw failed;
    }
    try {
      return retries.send(request);
    } catch (SolrServerException | IOException | org.apache.solr.common.SolrException e) {
      // (Another RuntimeException is a bug of ours, not Solr's: it goes up as an internal error.)
      SolrAccessException line = connection.explain(e, doing);
      if (!Retries.curable(e)) {
        throw line;
      }
      gaveUp = new SolrAccessException(line.getMessage() + "; gave up after retrying for "
          + retries.patience().toSeconds() + " s (--solr-patience): run the same ingest again once the cluster is"
          + " back, it goes on from its last commit", e);
      throw gaveUp;
    }
  }

  /**
   * Gives the lease back (the state document as it is, without it), so the next ingest of the source
   * need not wait for it to run out. The connection belongs to the caller.
   */
  @Override
  public void close() {
    if (lease == null) {
      return;
    }
    try {
      SolrDocument state = readState("giving the lease back");
      if (state != null && lease.equals(state.getFirstValue(SolrSchema.LEASE))) {
        writeState(stateDocument(state), stateVersion, "giving the lease back");
        send(() -> client.commit(collection, true, true), "committing");
      }
    } catch (IOException e) {
      // The lease runs out by itself (LEASE_LIFE); nothing else depends on giving it back.
    } finally {
      lease = null;
    }
  }
}
