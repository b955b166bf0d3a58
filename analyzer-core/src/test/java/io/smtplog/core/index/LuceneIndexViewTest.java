package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read contract on the local index: {@link LogIndexer} writes it, {@link IndexSearch} reads it. */
class LuceneIndexViewTest extends IndexViewContract {
  @Override
  protected IndexView open(List<LogInput> inputs, ReadOptions options, Path work) throws IOException {
    LogIndexer.ingest(work, inputs, options, bytes -> { });
    return IndexSearch.open(work).orElseThrow();
  }

  @Test
  void aHitsKey_isOpaqueToCallers_butNamesItsDocumentAgain() throws Exception {
    IndexView.Hit hit = view().hits(query("queue_id:4596220C66D"), "", 1).hits().get(0);
    IndexSearch search = (IndexSearch) view();
    assertThat(search.shownOf(hit.doc())).isEqualTo(hit.values());
  }
}
