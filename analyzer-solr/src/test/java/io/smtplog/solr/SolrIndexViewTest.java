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
