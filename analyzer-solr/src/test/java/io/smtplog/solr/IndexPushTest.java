package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code smtplog index push} on a real 2-node SolrCloud: a local index sent to a collection holds
 * exactly what an ingest of the same logs with --solr writes (ids included), and its positions, so an
 * ingest into the collection afterwards reads nothing again.
 */
@ExtendWith(SolrCloudExtension.class)
class IndexPushTest {
  private static final String NOT_STATE = "-" + IndexFields.KIND + ":" + IndexFields.STATE;
  /**
   * Documents of complete stories. Those of stories still open at the end ({@code provisional}) are
   * compared by number: made again from the stored lines in one stream, a few see the end of the
   * input otherwise than the ingest that read the files one by one (an Exim session whose refusal is
   * in the reject log, a message's session), and the next ingest replaces them anyway.
   */
  private static final String COMPLETE = NOT_STATE + " -" + IndexFields.PROVISIONAL + ":" + IndexFields.TRUE;
  private static final String PROVISIONAL = IndexFields.PROVISIONAL + ":" + IndexFields.TRUE;
  private static SolrCloud cloud;
  private static ReadOptions options;

  @BeforeAll
  static void start(SolrCloud solrCloud) throws Exception {
    cloud = solrCloud;
    options = SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2);
  }

  private static SolrConnection open(String collection) throws SolrAccessException {
    return SolrConnection.open(SolrTarget.parse("zk://" + cloud.zkAddress() + "/" + collection), Optional.empty(),
        Optional.empty());
  }

  private static SolrIndexStore store(SolrConnection c) {
    return new SolrIndexStore(c, "mx1", new Retries(Duration.ofSeconds(60), (e, a, w) -> { }));
  }

  private static List<LogInput> samples() throws Exception {
    List<LogInput> inputs = new ArrayList<>();
    for (String folder : List.of("postfix", "exim", "transcripts")) {
      SampleLogs.logsUnder(folder).forEach(p -> inputs.add(SampleLogs.input(p)));
    }
    return inputs;
  }

  @Test
  void aPushedIndex_holdsWhatAnIngestWithSolrWrites_andItsPositions() throws Exception {
    Path local = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "push").resolve("index");
    LogIndexer.Result indexed = LogIndexer.ingest(local, samples(), options, b -> { });
    cloud.createCollection("pushed", SolrConfigset.NAME);
    cloud.createCollection("ingested", SolrConfigset.NAME);
    LogIndexer.Result pushed;
    try (SolrConnection c = open("pushed"); SolrIndexStore store = store(c)) {
      pushed = LogIndexer.copy(local, store, options);
    }
    try (SolrConnection c = open("ingested"); SolrIndexStore store = store(c)) {
      LogIndexer.ingest(store, samples(), options, b -> { });
    }

    List<String> expected = CollectionContents.read(cloud.cluster().getSolrClient(), "ingested", COMPLETE);
    assertThat(expected).hasSizeGreaterThan(1000);
    assertThat(CollectionContents.read(cloud.cluster().getSolrClient(), "pushed", COMPLETE))
        .containsExactlyElementsOf(expected);
    long open = CollectionContents.read(cloud.cluster().getSolrClient(), "ingested", PROVISIONAL).size();
    assertThat(CollectionContents.read(cloud.cluster().getSolrClient(), "pushed", PROVISIONAL)).hasSize((int) open);
    assertThat(open).isGreaterThan(0);
    assertThat(pushed.recipients()).isEqualTo(indexed.recipients()).isGreaterThan(400);

    // The positions went too: the same logs again read nothing, and add nothing.
    try (SolrConnection c = open("pushed"); SolrIndexStore store = store(c)) {
      LogIndexer.Result again = LogIndexer.ingest(store, samples(), options, b -> { });
      assertThat(again.ingest().linesRead()).isZero();
      assertThat(again.skippedBytes()).isGreaterThan(500_000);
    }
    assertThat(CollectionContents.read(cloud.cluster().getSolrClient(), "pushed", COMPLETE))
        .containsExactlyElementsOf(expected);

    // A second push of the same source would mix two histories.
    try (SolrConnection c = open("pushed"); SolrIndexStore store = store(c)) {
      assertThatThrownBy(() -> LogIndexer.copy(local, store, options))
          .hasMessage("collection pushed on zk://" + cloud.zkAddress() + " (source mx1) already holds an ingest's"
              + " positions: push into an empty collection, or under another source name");
    }
  }
}
