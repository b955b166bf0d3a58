package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.index.IndexViewContract;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read contract on a real 2-node SolrCloud: the samples ingested into a 2-shard collection
 * ({@link SolrIndexStore}) read through {@link SolrIndexView} give the local index's figures; and
 * what the contract does not reach: a time zone with summer time, the stored lines a report reads
 * again, what the collection holds, a second source beside the first.
 */
@ExtendWith(SolrCloudExtension.class)
class SolrIndexViewTest extends IndexViewContract {
  private static final String COLLECTION = "view";
  private final SolrCloud cloud;
  private IndexSearch local;

  /** The cluster comes before the contract's {@code @BeforeAll} opens the view (one instance per class). */
  SolrIndexViewTest(SolrCloud cloud) {
    this.cloud = cloud;
  }

  @Override
  protected IndexView open(List<LogInput> inputs, ReadOptions options, Path work) throws IOException {
    try {
      cloud.createCollection(COLLECTION, SolrConfigset.NAME);
    } catch (Exception e) {
      throw new IOException("cannot create the test collection: " + e, e);
    }
    try (SolrConnection ingest = connect()) {
      LogIndexer.ingest(new SolrIndexStore(ingest, "mx1", new Retries(Duration.ofSeconds(30), (f, a, w) -> { })),
          inputs, options, bytes -> { });
    }
    LogIndexer.ingest(work.resolve("local"), inputs, options, bytes -> { });
    local = IndexSearch.open(work.resolve("local")).orElseThrow();
    return new SolrIndexView(connect(), Optional.empty());
  }

  private SolrConnection connect() throws SolrAccessException {
    return SolrConnection.open(SolrTarget.parse("zk://" + cloud.zkAddress() + "/" + COLLECTION), Optional.empty(),
        Optional.empty());
  }

  @org.junit.jupiter.api.AfterAll
  void closeLocal() throws IOException {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void dayAndHourInAZoneWithSummerTime_areTheLocalIndexs() throws Exception {
    for (String zone : List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe")) {
      ZoneId z = ZoneId.of(zone);
      assertThat(view().facets(query("*"), List.of("day", "hour"), z, 0))
          .as(zone).isEqualTo(local.facets(query("*"), List.of("day", "hour"), z, 0));
    }
  }

  @Test
  void facetsOfNumbersTimesAndManyValues_areTheLocalIndexs() throws Exception {
    List<String> fields = List.of("time", "size", "recipient", "sender", "relay", "duration", "helo");
    assertThat(view().facets(query("*"), fields, ZoneId.of("UTC"), 5))
        .isEqualTo(local.facets(query("*"), fields, ZoneId.of("UTC"), 5));
    assertThat(view().facets(query("kind:recipient OR kind:message"), List.of("code"), ZoneId.of("UTC"), 0))
        .isEqualTo(local.facets(query("kind:recipient OR kind:message"), List.of("code"), ZoneId.of("UTC"), 0));
  }

  /**
   * A facet past the number of values counted exactly (10 here, {@link SolrIndexView#EXACT_VALUES}
   * in use): the top values and their counts are still the local index's, exactly (refined), and
   * the number of values is Solr's estimate, flagged as one; below it, everything is exact.
   */
  @Test
  void pastTheExactThreshold_theTopCountsStayExact_andTheNumberOfValuesIsAnEstimate() throws Exception {
    ZoneId utc = ZoneId.of("UTC");
    SolrIndexView.Limits limits = new SolrIndexView.Limits(10, SolrStories.MAX_DOCUMENTS);
    try (SolrIndexView view = new SolrIndexView(connect(), Optional.empty(), limits)) {
      List<String> many = new ArrayList<>();
      for (String field : List.of("recipient", "sender", "domain", "relay", "client_ip", "helo")) {
        IndexView.Facet exact = local.facets(query("*"), List.of(field), utc, 5).get(field);
        if (exact.values() <= 10) {
          assertThat(view.facets(query("*"), List.of(field), utc, 5).get(field)).as(field).isEqualTo(exact);
          continue;
        }
        many.add(field);
        IndexView.Facet solr = view.facets(query("*"), List.of(field), utc, 5).get(field);
        assertThat(solr.top()).as(field).containsExactlyEntriesOf(exact.top()).hasSize(5);
        assertThat(solr.estimated()).as(field).isTrue();
        assertThat(solr.values()).as(field).isCloseTo(exact.values(), org.assertj.core.data.Percentage.withPercentage(5));
      }
      assertThat(many).contains("recipient", "sender");
      // Numbers: the counts shown are exact (a tie at the last place may name another value than
      // IndexSearch, which breaks ties by text).
      IndexView.Facet size = view.facets(query("*"), List.of("size"), utc, 5).get("size");
      Map<String, Long> sizes = local.facets(query("*"), List.of("size"), utc, 0).get("size").top();
      assertThat(sizes.size()).isGreaterThan(10);
      assertThat(size.estimated()).isTrue();
      size.top().forEach((value, n) -> assertThat(n).as(value).isEqualTo(sizes.get(value)));
      assertThat(size.top().values()).containsExactlyElementsOf(sizes.values().stream().limit(5).toList());
      // Few values: exact, as ever.
      IndexView.Facet status = view.facets(query("*"), List.of("status"), utc, 2).get("status");
      assertThat(status.estimated()).isFalse();
      assertThat(status).isEqualTo(local.facets(query("*"), List.of("status"), utc, 2).get("status"));
    }
  }

  /**
   * A document counts once per value it holds, in both: a session whose replies are 250, 250, 250
   * counts once under 250 (only {@code code} repeats a number in a document).
   */
  @Test
  void aNumberRepeatedInADocument_countsOnce() throws Exception {
    long sessions = view().count(query("kind:session AND code:250"));
    assertThat(sessions).isGreaterThan(10);
    assertThat(view().facets(query("kind:session"), List.of("code"), ZoneId.of("UTC"), 0).get("code").top())
        .containsEntry("250", sessions);
    assertThat(local.facets(query("kind:session"), List.of("code"), ZoneId.of("UTC"), 0).get("code").top())
        .containsEntry("250", sessions);
  }

  @Test
  void everyHitInEveryOrder_isTheLocalIndexs() throws Exception {
    for (String sort : List.of("", "-time", "size", "-domain", "recipient", "-recipient", "code", "-code", "-duration")) {
      assertThat(values(view().hits(query("*"), sort, 0)))
          .as(sort).isEqualTo(values(local.hits(query("*"), sort, 0)));
    }
  }

  @Test
  void aDescendingSortByAKeywordADocumentHoldsSeveralOf_isRefused_ascendingIsTheLocalIndexs() throws Exception {
    for (String field : List.of("command", "tag", "enhanced", "helo")) {
      assertThatThrownBy(() -> view().hits(query("kind:session"), "-" + field, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot sort by -" + field + " on SolrCloud");
      assertThat(values(view().hits(query("kind:session"), field, 0))).as(field)
          .isEqualTo(values(local.hits(query("kind:session"), field, 0))).isNotEmpty();
    }
  }

  private static List<Map<String, Object>> values(IndexView.Hits hits) {
    return hits.hits().stream().map(IndexView.Hit::values).toList();
  }

  @Test
  void replay_readsTheSameLinesAsTheLocalIndex() throws Exception {
    for (String q : List.of("*", "status:bounced", "kind:event AND mta:exim", "helo:client.smtplog.test")) {
      assertThat(replayed(view().replay(query(q)))).as(q).isEqualTo(replayed(local.replay(query(q))))
          .isNotEmpty();
    }
  }

  /** Each chunk's file, and the numbers of the lines it hands on. */
  private static List<String> replayed(Iterator<LogPipeline.Replay> replays) {
    List<String> out = new ArrayList<>();
    replays.forEachRemaining(r -> {
      var chunk = r.chunk().get();
      for (long line = chunk.firstLine(); line < chunk.firstLine() + chunk.lineCount(); line++) {
        if (r.lines().test(line)) {
          out.add(chunk.file() + ":" + line);
        }
      }
    });
    return out;
  }

  /**
   * The stored chunks are listed a page at a time (a cursor), never whole: two places a page give
   * every chunk of the source in reading order, as one request would; the chunks holding some lines
   * are found by their inputs' spans.
   */
  @Test
  void chunks_areListedAPageAtATime_andFoundByTheLinesTheyHold() throws Exception {
    try (SolrConnection c = connect()) {
      List<ChunkPlace> whole = new ArrayList<>();
      new ChunkPlaces(c).all("mx1").forEachRemaining(whole::add);
      List<ChunkPlace> paged = new ArrayList<>();
      new ChunkPlaces(c, 2).all("mx1").forEachRemaining(paged::add);
      assertThat(whole).hasSize(5); // one a sample file: three pages of two
      assertThat(paged).isEqualTo(whole);
      List<ChunkPlace> every = new ArrayList<>();
      new ChunkPlaces(c, 3).everySource().forEachRemaining(every::add);
      assertThat(every).isEqualTo(whole);
      ChunkPlace third = whole.get(2);
      long[] refs = {io.smtplog.core.index.LineRefs.pack(third.input(), third.first()),
          io.smtplog.core.index.LineRefs.pack(third.input(), third.last())};
      assertThat(new ChunkPlaces(c, 2).holdingAny("mx1", refs)).containsExactly(third);
      assertThat(new ChunkPlaces(c).fileOf("mx1", third.input())).hasValue(third.file());
      assertThat(new ChunkPlaces(c).fileOf("mx1", 9999)).isEmpty();
    }
  }

  /** The lines of a query's stories are read to the client: past a bound, the query is refused in one line. */
  @Test
  void aReplayOfAQueryMatchingTooMany_isRefusedInOneLine() throws Exception {
    try (SolrIndexView view = new SolrIndexView(connect(), Optional.empty(), new SolrIndexView.Limits(
        SolrIndexView.EXACT_VALUES, 100))) {
      assertThatThrownBy(() -> view.replay(query("kind:recipient")))
          .isInstanceOf(SolrAggregator.QueryTooBroadException.class)
          .hasMessage("the query matches 181 documents; over Solr a report reads the stories of at most 100: narrow"
              + " the query, or leave --query out for the whole collection");
      assertThat(replayed(view.replay(query("status:bounced")))).isEqualTo(replayed(local.replay(query("status:bounced"))))
          .isNotEmpty();
    }
  }

  @Test
  void stats_areTheLocalIndexs_butTheSizeOnDisk() throws Exception {
    IndexView.Stats solr = view().stats();
    IndexView.Stats lucene = local.stats();
    assertThat(solr.byKind()).containsExactly(entry("event", 66L), entry("message", 164L), entry("recipient", 181L),
        entry("session", 167L)).isEqualTo(lucene.byKind());
    assertThat(solr).usingRecursiveComparison().ignoringFields("bytesOnDisk").isEqualTo(lucene);
    assertThat(solr.bytesOnDisk()).isZero();
  }

  @Test
  void aSecondSource_isCountedBeside_andEachSourceAlone() throws Exception {
    try (SolrConnection c = connect();
        SolrIndexView mx1 = new SolrIndexView(connect(), Optional.of("mx1"));
        SolrIndexView none = new SolrIndexView(connect(), Optional.of("mx2"))) {
      assertThat(mx1.count(query("*"))).isEqualTo(578);
      assertThat(none.count(query("*"))).isZero();
      assertThat(none.trace("4596220C66D").isEmpty()).isTrue();
      assertThat(c.collection()).isEqualTo(COLLECTION);
    }
  }

  @Test
  void aHitOfAnotherView_isRefused() {
    IndexView.Hit foreign = new IndexView.Hit("message", Map.of(), List.of(), "12");
    assertThatThrownBy(() -> view().linesOfHit(foreign)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a hit of a Solr view");
  }
}
