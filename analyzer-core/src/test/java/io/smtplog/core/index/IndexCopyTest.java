package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smtplog index push}: a local index sent to another store holds the documents an ingest of
 * the same inputs into that store writes, and its positions, so that an ingest there goes on where
 * the local index stopped.
 */
class IndexCopyTest {

  private static List<LogInput> samples() {
    return List.of(SampleLogs.input(SampleLogs.path("postfix/loopback-relay.log")),
        SampleLogs.input(SampleLogs.path("postfix/content-filter.log")),
        SampleLogs.input(SampleLogs.path("exim/relay-mainlog.log")),
        SampleLogs.input(SampleLogs.path("transcripts/swaks-sink.transcript")));
  }

  private static ReadOptions options() throws Exception {
    return SampleLogs.options(SampleLogs.path("postfix/loopback-relay.log"), 2);
  }

  @Test
  void aCopy_holdsTheDocumentsAndPositionsOfAnIngestOfTheSameInputs(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("index");
    LogIndexer.Result ingested = LogIndexer.ingest(local, samples(), options(), b -> { });
    RecordingStore direct = new RecordingStore();
    LogIndexer.ingest(direct, samples(), options(), b -> { });
    RecordingStore copied = new RecordingStore();
    LogIndexer.Result copy = LogIndexer.copy(local, copied, options());

    assertThat(copied.sorted()).hasSize(direct.documents.size()).isEqualTo(direct.sorted());
    assertThat(copy.recipients()).isEqualTo(ingested.recipients()).isGreaterThan(100);
    assertThat(copy.messages()).isEqualTo(ingested.messages());
    assertThat(copy.sessions()).isEqualTo(ingested.sessions());
    assertThat(copy.events()).isEqualTo(ingested.events());
    assertThat(kinds(copied)).isEqualTo(kinds(direct));
    // The positions and the file table go with the documents; only the document order differs.
    assertThat(withoutOrder(copied.committed)).isEqualTo(withoutOrder(direct.committed)).isNotEmpty();
    assertThat(copied.open.keys()).isEqualTo(direct.open.keys());
    assertThat(copied.open.lines()).isEqualTo(direct.open.lines());
    assertThat(copied.commits).isEqualTo(1);
  }

  @Test
  void aStoreWithPositionsAlready_isRefused(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("index");
    LogIndexer.ingest(local, samples().subList(0, 1), options(), b -> { });
    RecordingStore target = new RecordingStore();
    LogIndexer.ingest(target, samples().subList(1, 2), options(), b -> { });
    assertThatThrownBy(() -> LogIndexer.copy(local, target, options()))
        .hasMessage("a recording store already holds an ingest's positions: push into an empty collection, or under"
            + " another source name");
  }

  @Test
  void anIndexOfAnotherFormat_isRefused(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("none"));
    assertThatThrownBy(() -> LogIndexer.copy(empty, new RecordingStore(), options()))
        .isInstanceOf(java.io.IOException.class);
  }

  /** Documents per kind. */
  private static Map<String, Long> kinds(RecordingStore store) {
    Map<String, Long> counts = new TreeMap<>();
    for (String doc : store.documents) {
      String kind = doc.lines().filter(l -> l.startsWith(IndexFields.KIND + "=")).findFirst().orElse("kind=?");
      counts.merge(kind, 1L, Long::sum);
    }
    return counts;
  }

  private static Map<String, String> withoutOrder(Map<String, String> state) {
    Map<String, String> copy = new TreeMap<>(state);
    copy.remove(Checkpoints.SEQ_KEY);
    return copy;
  }

}
