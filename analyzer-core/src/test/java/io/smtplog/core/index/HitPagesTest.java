package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.report.format.HitsWriter;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, section 2: `smtplog query --limit 0` reads its hits a page at a time (searchAfter) and
 * writes each page as it comes; paging through a sample's index with tiny pages gives the same
 * hits, in the same order, and the same output as one page.
 */
class HitPagesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  @TempDir static Path dir;

  @BeforeAll
  static void index() throws IOException {
    Path relay = SampleLogs.path("postfix/loopback-relay.log");
    Path exim = SampleLogs.path("exim/relay-mainlog.log");
    LogIndexer.ingest(dir, List.of(SampleLogs.input(relay), SampleLogs.input(exim)), SampleLogs.options(relay, 2),
        b -> { });
  }

  private static Query query(String text) throws Exception {
    return IndexSearch.parse(text, ZoneOffset.UTC, NOW);
  }

  private static List<Integer> docs(List<IndexSearch.Hit> hits) {
    return hits.stream().map(IndexSearch.Hit::doc).toList();
  }

  @ParameterizedTest(name = "{0} sorted by \"{1}\", limit {2}")
  @CsvSource({"'*', '', 0", "'*', '', 50", "'kind:recipient', '-deferrals', 0", "'kind:recipient', 'domain', 0",
      "'kind:recipient', 'time', 33", "'status:bounced', '', 0"})
  void tinyPages_giveTheHitsOfOnePage_inTheSameOrder(String text, String sort, int limit) throws Exception {
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      IndexSearch.Hits all = index.hits(query(text), sort, limit);
      IndexSearch.HitPages pages = index.hitPages(query(text), sort, limit, 3);
      List<IndexSearch.Hit> paged = new ArrayList<>();
      int pageCount = 0;
      for (List<IndexSearch.Hit> page = pages.next(); !page.isEmpty(); page = pages.next()) {
        assertThat(page.size()).isLessThanOrEqualTo(3);
        paged.addAll(page);
        pageCount++;
      }
      assertThat(all.hits()).isNotEmpty();
      assertThat(pageCount).isEqualTo((all.hits().size() + 2) / 3);
      assertThat(pages.total()).isEqualTo(all.total());
      assertThat(pages.shown()).isEqualTo(all.hits().size());
      assertThat(docs(paged)).isEqualTo(docs(all.hits()));
      assertThat(paged).isEqualTo(all.hits());
      if (limit == 0) {
        assertThat(all.hits()).hasSize((int) all.total());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"csv", "json", "ndjson"})
  void pagedOutput_equalsOnePage(HitsWriter.Format format) throws Exception {
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      HitsWriter writer = new HitsWriter(ZoneOffset.UTC);
      StringWriter whole = new StringWriter();
      writer.write(index.hits(query("*"), "", 0), format, whole, Integer.MAX_VALUE);
      StringWriter paged = new StringWriter();
      long written = writer.write(index.hitPages(query("*"), "", 0, 4), format, paged, Integer.MAX_VALUE);
      assertThat(written).isEqualTo(index.count(query("*"))).isGreaterThan(100);
      assertThat(paged.toString()).isEqualTo(whole.toString());
    }
  }

  @Test
  void pagedTable_keepsTheFirstPagesWidths_andWritesEveryHit() throws Exception {
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      StringWriter out = new StringWriter();
      long written = new HitsWriter(ZoneOffset.UTC).write(index.hitPages(query("kind:recipient"), "", 0, 5),
          HitsWriter.Format.table, out, Integer.MAX_VALUE);
      String[] lines = out.toString().split("\n");
      assertThat(written).isEqualTo(index.count(query("kind:recipient")));
      assertThat(lines).hasSize((int) written + 1);
      assertThat(lines[0]).startsWith("time").contains("recipient");
      int statusColumn = lines[0].indexOf("status");
      for (String line : lines) {
        assertThat(line.length()).isGreaterThan(statusColumn);
      }
    }
  }
}
