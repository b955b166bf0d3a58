package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.index.RecordingStore;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.client.solrj.response.FacetField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --solr} end to end on a real 2-node SolrCloud (SolrIndexStore under LogIndexer, as
 * the command runs it): the documents the local index would get, re-runs that add nothing, a file
 * that grows with a story open across the two runs, two sources at once, and a node killed during
 * an ingest. Each test its own 2-shard collection.
 */
@ExtendWith(SolrCloudExtension.class)
class SolrIngestTest {
  /** Not a document: what the comparisons leave out (chunks differ when a file is read in two runs). */
  private static final String NOT_STATE = "-" + IndexFields.KIND + ":" + IndexFields.STATE;
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** Messages of the generated log: 7 lines and about 4 documents each, a dozen batches. */
  private static final int GENERATED_MESSAGES = 3000;

  private static SolrCloud cloud;
  private static ReadOptions options;
  /** The generated log and what a clean ingest of it into a fresh collection holds (made once). */
  private static Path generated;
  private static List<String> generatedClean;

  @BeforeAll
  static void start(SolrCloud solrCloud) throws IOException {
    cloud = solrCloud;
    options = SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2);
  }

  private static SolrConnection open(String collection) throws SolrAccessException {
    return SolrConnection.open(SolrTarget.parse("zk://" + cloud.zkAddress() + "/" + collection), Optional.empty(),
        Optional.empty());
  }

  private static LogIndexer.Result ingest(String collection, String source, List<LogInput> inputs) throws IOException {
    return ingest(collection, source, inputs, new Retries(PATIENCE, (e, a, w) -> {}), s -> s);
  }

  private static LogIndexer.Result ingest(String collection, String source, List<LogInput> inputs, Retries retries,
      java.util.function.UnaryOperator<IndexStore> wrap) throws IOException {
    try (SolrConnection c = open(collection); IndexStore store = wrap.apply(new SolrIndexStore(c, source, retries))) {
      return LogIndexer.ingest(store, inputs, options, bytes -> {});
    }
  }

  /** The documents a local ingest of {@code inputs} writes, as a collection would take them from {@code source}. */
  private static List<org.apache.solr.common.SolrInputDocument> local(List<LogInput> inputs, String source)
      throws IOException {
    RecordingStore recording = new RecordingStore();
    LogIndexer.ingest(recording, inputs, options, bytes -> {});
    SolrDocuments converter = new SolrDocuments(source);
    Repeats repeats = new Repeats();
    return recording.received().stream().map(converter::convert).peek(d -> d.setField(SolrSchema.ID,
        repeats.id(d.getFieldValue(SolrSchema.ID).toString()))).toList();
  }

  private static List<LogInput> samples(String... folders) throws IOException {
    List<LogInput> inputs = new ArrayList<>();
    for (String folder : folders) {
      SampleLogs.logsUnder(folder).forEach(p -> inputs.add(SampleLogs.input(p)));
    }
    return inputs;
  }

  private static List<String> contents(String collection, String query) throws Exception {
    return CollectionContents.read(cloud.cluster().getSolrClient(), collection, query);
  }

  private static long count(String collection, String query) throws Exception {
    return cloud.cluster().getSolrClient().query(collection, new SolrQuery(query).setRows(0)).getResults().getNumFound();
  }

  /** Documents per kind, as Solr counts them. */
  private static Map<String, Long> kinds(String collection) throws Exception {
    SolrQuery q = new SolrQuery("*:*").setRows(0).setFacet(true).addFacetField(IndexFields.KIND).setFacetMinCount(1);
    Map<String, Long> out = new TreeMap<>();
    for (FacetField.Count c : cloud.cluster().getSolrClient().query(collection, q).getFacetField(IndexFields.KIND)
        .getValues()) {
      out.put(c.getName(), c.getCount());
    }
    return out;
  }

  /** Documents per kind among those a store received. */
  private static Map<String, Long> kinds(List<org.apache.solr.common.SolrInputDocument> documents) {
    Map<String, Long> out = new TreeMap<>();
    documents.forEach(d -> out.merge(d.getFieldValue(IndexFields.KIND).toString(), 1L, Long::sum));
    return out;
  }

  @Test
  void aSourceLeasedByAnIngestElsewhere_isRefused_untilTheLeaseRunsOut() throws Exception {
    cloud.createCollection("leased", SolrConfigset.NAME);
    List<LogInput> inputs = List.of(SampleLogs.input(SampleLogs.path("exim/relay-mainlog.log")));
    org.apache.solr.common.SolrInputDocument state = new org.apache.solr.common.SolrInputDocument();
    state.setField(SolrSchema.ID, "state/mx1");
    state.setField(IndexFields.KIND, IndexFields.STATE);
    state.setField(SolrSchema.SOURCE, "mx1");
    long now = System.currentTimeMillis();
    state.setField(SolrSchema.LEASE, "token " + now + " 4242@mx1.example.net");
    cloud.cluster().getSolrClient().add("leased", state);
    cloud.cluster().getSolrClient().commit("leased");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingest("leased", "mx1", inputs))
        .isInstanceOf(SolrAccessException.class)
        .hasMessage("another ingest into collection leased on zk://" + cloud.zkAddress() + " (source mx1) is running"
            + " (since " + java.time.Instant.ofEpochMilli(now) + " on 4242@mx1.example.net): one ingest per --source at"
            + " a time; give each host its own --source, or run this one when that one has ended (the lease of an"
            + " ingest that died runs out after 5 minutes)");
    assertThat(count("leased", "kind:recipient")).isZero();

    long old = now - SolrIndexStore.LEASE_LIFE.toMillis() - 1000;
    state.setField(SolrSchema.LEASE, "token " + old + " 4242@mx1.example.net");
    cloud.cluster().getSolrClient().add("leased", state);
    cloud.cluster().getSolrClient().commit("leased");
    LogIndexer.Result result = ingest("leased", "mx1", inputs);
    assertThat(count("leased", "kind:recipient")).isEqualTo(result.recipients()).isGreaterThan(40);
    // Given back at the end: the next ingest of the source goes at once, and reads nothing again.
    assertThat(ingest("leased", "mx1", inputs).ingest().linesRead()).isZero();
  }

  /**
   * Two ingests of one source on two hosts start at the same moment, many times: each writes its
   * lease only if the state document is still as it read it (absent, or the version read), so
   * exactly one takes the source and the other is refused in one line, whether no state document
   * existed yet (even rounds) or the last winner's was there without a lease (odd rounds). The
   * winner then writes its state: the loser left nothing in its way.
   */
  @Test
  void twoIngestsRacingForOneSource_exactlyOneTakesIt_everyRound() throws Exception {
    cloud.createCollection("race", SolrConfigset.NAME);
    int rounds = 40;
    Retries retries = new Retries(PATIENCE, (e, a, w) -> {});
    String refused = "another ingest into collection race on zk://" + cloud.zkAddress() + " (source ";
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try (SolrConnection a = open("race"); SolrConnection b = open("race")) {
      for (int round = 0; round < rounds; round++) {
        String source = "mx" + round / 2;
        List<SolrIndexStore> stores = List.of(new SolrIndexStore(a, source, retries, "101@host-a.example"),
            new SolrIndexStore(b, source, retries, "202@host-b.example"));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
        for (SolrIndexStore store : stores) {
          outcomes.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            try {
              store.committed(); // the first read of the state takes the lease
              return "took it";
            } catch (SolrAccessException e) {
              return e.getMessage();
            }
          }));
        }
        List<String> said = new ArrayList<>();
        for (var outcome : outcomes) {
          said.add(outcome.get(60, TimeUnit.SECONDS));
        }
        assertThat(said).as("round %d", round).filteredOn("took it"::equals).hasSize(1);
        String loser = said.get(said.indexOf("took it") == 0 ? 1 : 0);
        assertThat(loser).as("round %d", round).startsWith(refused + source + ") is running (")
            .endsWith("one ingest per --source at a time; give each host its own --source, or run this one when"
                + " that one has ended (the lease of an ingest that died runs out after 5 minutes)");
        SolrIndexStore winner = stores.get(said.indexOf("took it"));
        winner.commit(IndexStore.OpenStories.NONE, Map.of("round", Integer.toString(round)));
        assertThat(winner.committed()).containsEntry("round", Integer.toString(round));
        for (SolrIndexStore store : stores) {
          store.close(); // the winner gives the lease back; the loser holds none
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("race", IndexFields.KIND + ":" + IndexFields.STATE)).isEqualTo(rounds / 2);
  }

  @Test
  void samples_giveExactlyTheDocumentsOfTheLocalIngest() throws Exception {
    List<LogInput> inputs = samples("postfix", "exim", "transcripts");
    List<org.apache.solr.common.SolrInputDocument> local = local(inputs, "mx1");
    cloud.createCollection("same_docs", SolrConfigset.NAME);
    LogIndexer.Result result = ingest("same_docs", "mx1", inputs);

    List<String> expected = CollectionContents.of(local);
    assertThat(expected).hasSizeGreaterThan(1000);
    assertThat(expected.stream().map(CollectionContents::id).distinct().count()).as("no two documents share an id")
        .isEqualTo(expected.size());
    assertThat(expected.stream().map(CollectionContents::id).filter(id -> id.contains("."))).as("identical documents"
        + " (header-checks.log: one refusal line, several recipients), numbered").hasSizeGreaterThan(5);
    assertThat(contents("same_docs", NOT_STATE)).containsExactlyElementsOf(expected);
    Map<String, Long> kinds = kinds(local);
    kinds.put(IndexFields.STATE, 1L);
    assertThat(kinds(("same_docs"))).isEqualTo(kinds);
    assertThat(count("same_docs", "kind:recipient")).isEqualTo(result.recipients()).isGreaterThan(200);
    assertThat(count("same_docs", "kind:recipient AND status:bounced AND code:[500 TO 599]"))
        .isEqualTo(local.stream().filter(d -> "recipient".equals(d.getFieldValue(IndexFields.KIND))
            && "bounced".equals(d.getFieldValue(IndexFields.STATUS)) && d.getFieldValues(IndexFields.CODE) != null
            && d.getFieldValues(IndexFields.CODE).stream().anyMatch(c -> ((Long) c) >= 500 && ((Long) c) <= 599)).count())
        .isGreaterThan(0);
  }

  @Test
  void secondRun_addsNothing_andAGrownFile_isReadOnFromWhereItStopped(@TempDir Path tmp) throws Exception {
    List<String> lines = Files.readAllLines(SampleLogs.path("postfix/loopback-relay.log"), StandardCharsets.UTF_8);
    // Split just after a message was queued: its delivery (a local mailbox) and its removal come in the
    // part appended later.
    String queueId = "C982620C18F";
    int split = 1;
    while (!lines.get(split - 1).contains(queueId + ": from=<")) {
      split++;
    }
    assertThat(lines.subList(split, lines.size())).anyMatch(l -> l.contains(queueId + ": to=<"));
    Path whole = Files.write(Files.createDirectories(tmp.resolve("whole")).resolve("mail.log"), lines);
    Path growing = Files.createDirectories(tmp.resolve("growing")).resolve("mail.log");
    Files.write(growing, lines.subList(0, split));
    List<LogInput> input = List.of(new LogInput("mail.log", Optional.of(growing)));
    cloud.createCollection("growing", SolrConfigset.NAME);

    LogIndexer.Result first = ingest("growing", "mx1", input);
    assertThat(first.ingest().linesRead()).isEqualTo(split);
    Map<String, Long> afterFirst = kinds("growing");
    assertThat(count("growing", "provisional:true")).as("the open message, written as it stands").isPositive();
    try (SolrConnection c = open("growing")) {
      IndexStore.OpenStories open = new SolrIndexStore(c, "mx1", new Retries(PATIENCE, (e, a, w) -> {})).openStories();
      assertThat(open.keys()).contains("q:" + queueId);
    }

    LogIndexer.Result again = ingest("growing", "mx1", input);
    assertThat(again.ingest().linesRead()).isZero();
    assertThat(again.skippedBytes()).as("every byte was read before").isEqualTo(Files.size(growing));
    assertThat(kinds("growing")).isEqualTo(afterFirst);

    Files.write(growing, lines.subList(split, lines.size()), java.nio.file.StandardOpenOption.APPEND);
    LogIndexer.Result grown = ingest("growing", "mx1", input);
    assertThat(grown.ingest().linesRead()).isEqualTo(lines.size() - split);
    assertThat(grown.replayedLines()).isPositive();

    cloud.createCollection("whole", SolrConfigset.NAME);
    ingest("whole", "mx1", List.of(new LogInput("mail.log", Optional.of(whole))));
    String stories = NOT_STATE + " -kind:" + IndexFields.CHUNK;
    // Complete stories: the same documents, ids included.
    List<String> once = contents("whole", stories + " -provisional:true");
    assertThat(once).hasSizeGreaterThan(150);
    assertThat(contents("growing", stories + " -provisional:true")).containsExactlyElementsOf(once);
    // The message split across the runs: its recipient delivered, once, as in the one-shot ingest (ids
    // included; the message stays provisional in both, as LogIndexer holds a family of linked messages
    // open to the end).
    assertThat(count("growing", "kind:recipient AND status:delivered AND queue_id:" + queueId)).isEqualTo(1);
    assertThat(contents("growing", "queue_id:" + queueId)).hasSize(2).isEqualTo(contents("whole", "queue_id:" + queueId));
    // Stories still open at the end (messages linked to a next hop's queue id the log does not hold):
    // as many, none doubled. Their stored lines may differ: a message read again from the stored
    // chunks no longer sees the first line of its session, closed in an earlier run (LogIndexer's resume).
    assertThat(count("growing", "provisional:true")).isEqualTo(count("whole", "provisional:true")).isPositive();
    Map<String, Long> grownKinds = kinds("growing");
    Map<String, Long> wholeKinds = kinds("whole");
    grownKinds.remove(IndexFields.CHUNK); // the lines, stored in other chunks when read in two runs
    wholeKinds.remove(IndexFields.CHUNK);
    assertThat(grownKinds).isEqualTo(wholeKinds);
  }

  @Test
  void twoSources_atOnce_eachWithItsOwnState() throws Exception {
    List<LogInput> postfix = samples("postfix");
    List<LogInput> exim = samples("exim");
    List<String> expected1 = CollectionContents.of(local(postfix, "mx1"));
    List<String> expected2 = CollectionContents.of(local(exim, "mx2"));
    cloud.createCollection("two_sources", SolrConfigset.NAME);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        ingest("two_sources", "mx2", exim);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    other.start();
    ingest("two_sources", "mx1", postfix);
    other.join();
    assertThat(failure.get()).isNull();

    assertThat(contents("two_sources", "_source:mx1 " + NOT_STATE)).containsExactlyElementsOf(expected1);
    assertThat(contents("two_sources", "_source:mx2 " + NOT_STATE)).containsExactlyElementsOf(expected2);
    assertThat(count("two_sources", NOT_STATE)).isEqualTo(expected1.size() + expected2.size());
    assertThat(contents("two_sources", "kind:state").stream().map(CollectionContents::id))
        .containsExactly("state/mx1", "state/mx2");
  }

  /** The generated log, and what a clean ingest of it holds (documents and chunks). */
  private static synchronized List<String> generatedClean() throws Exception {
    if (generatedClean == null) {
      Path dir = Files.createDirectories(Path.of("target", "solr-ingest-test"));
      generated = GeneratedLog.write(dir.resolve("generated.log"), GENERATED_MESSAGES);
      cloud.createCollection("generated_clean", SolrConfigset.NAME);
      ingest("generated_clean", "mx1", generatedInput());
      generatedClean = contents("generated_clean", NOT_STATE);
    }
    return generatedClean;
  }

  private static List<LogInput> generatedInput() {
    return List.of(new LogInput("generated.log", Optional.of(generated)));
  }

  @Test
  void nodeKilledDuringAnIngest_backWithinThePatience_nothingLostOrDoubled() throws Exception {
    List<String> clean = generatedClean();
    assertThat(clean).hasSizeGreaterThan(4 * SolrIndexStore.BATCH_DOCUMENTS);
    cloud.createCollection("node_back", SolrConfigset.NAME);
    AtomicInteger retried = new AtomicInteger();
    Retries retries = new Retries(PATIENCE, (e, attempt, wait) -> retried.incrementAndGet());
    NodeKiller killer = new NodeKiller("node_back", Duration.ofSeconds(3));
    ingest("node_back", "mx1", generatedInput(), retries, store -> new AfterAdds(store, 2L * SolrIndexStore.BATCH_DOCUMENTS,
        killer::start));
    killer.join();
    assertThat(killer.stopped).as("the node was stopped during the ingest").isTrue();
    assertThat(retried.get()).as("sends were retried while the node was down").isPositive();
    assertThat(contents("node_back", NOT_STATE)).containsExactlyElementsOf(clean);
  }

  @Test
  void nodeDownLongerThanThePatience_failsInOneLine_andTheReRunCompletes() throws Exception {
    List<String> clean = generatedClean();
    cloud.createCollection("node_down", SolrConfigset.NAME);
    NodeKiller killer = new NodeKiller("node_down", null);
    Retries impatient = new Retries(Duration.ofSeconds(2), (e, attempt, wait) -> {});
    try {
      assertThatThrownBy(() -> ingest("node_down", "mx1", generatedInput(), impatient,
          store -> new AfterAdds(store, 2L * SolrIndexStore.BATCH_DOCUMENTS, killer::start)))
          .satisfies(e -> {
            Throwable t = e;
            while (!(t instanceof SolrAccessException) && t.getCause() != null) {
              t = t.getCause();
            }
            assertThat(t).isInstanceOf(SolrAccessException.class);
            assertThat(t.getMessage()).doesNotContain("\n").contains("gave up after retrying for 2 s (--solr-patience)");
          });
    } finally {
      killer.join();
      killer.restart();
    }
    ingest("node_down", "mx1", generatedInput());
    assertThat(contents("node_down", NOT_STATE)).containsExactlyElementsOf(clean);
  }

  /** Stops a node from another thread, and starts it again (on its port) after {@code down}, or when told. */
  private static final class NodeKiller {
    private final String collection;
    private final Duration down;
    private final Thread thread;
    private volatile JettySolrRunner jetty;
    volatile boolean stopped;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    NodeKiller(String collection, Duration down) {
      this.collection = collection;
      this.down = down;
      this.thread = new Thread(this::run, "node-killer");
    }

    void start() {
      thread.start();
    }

    private void run() {
      try {
        jetty = cloud.cluster().stopJettySolrRunner(1);
        cloud.cluster().waitForJettyToStop(jetty);
        stopped = true;
        if (down != null) {
          Thread.sleep(down.toMillis());
          restart();
        }
      } catch (Exception e) {
        failure.set(e);
      }
    }

    void restart() throws Exception {
      if (jetty != null) {
        cloud.cluster().startJettySolrRunner(jetty, true);
        cloud.cluster().waitForActiveCollection(collection, 30, TimeUnit.SECONDS, 2, 2);
        jetty = null;
      }
    }

    void join() throws Exception {
      if (thread.getState() != Thread.State.NEW) {
        thread.join();
      }
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }

  /** A store that runs {@code action} once, when it has been given {@code after} documents. */
  private static final class AfterAdds implements IndexStore {
    private final IndexStore store;
    private final long after;
    private final Runnable action;
    private final AtomicLong added = new AtomicLong();

    AfterAdds(IndexStore store, long after, Runnable action) {
      this.store = store;
      this.after = after;
      this.action = action;
    }

    @Override
    public void add(Document document) throws IOException {
      store.add(document);
      if (added.incrementAndGet() == after) {
        action.run();
      }
    }

    @Override
    public String describe() {
      return store.describe();
    }

    @Override
    public Map<String, String> committed() throws IOException {
      return store.committed();
    }

    @Override
    public boolean hasDocuments() throws IOException {
      return store.hasDocuments();
    }

    @Override
    public OpenStories openStories() throws IOException {
      return store.openStories();
    }

    @Override
    public void deleteStories(Set<String> keys) throws IOException {
      store.deleteStories(keys);
    }

    @Override
    public List<Chunk> chunksOf(long[] refs) throws IOException {
      return store.chunksOf(refs);
    }

    @Override
    public void commit(OpenStories open, Map<String, String> state) throws IOException {
      store.commit(open, state);
    }

    @Override
    public void close() throws IOException {
      store.close();
    }
  }
}
