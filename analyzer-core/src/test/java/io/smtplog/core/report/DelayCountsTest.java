package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.agg.AggRequest;
import io.smtplog.core.index.agg.AggResult;
import io.smtplog.core.index.agg.DelayBuckets;
import io.smtplog.core.index.agg.DelayCounts;
import io.smtplog.core.index.agg.LuceneAggregator;
import io.smtplog.core.index.agg.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * A delay sketch rebuilt from what a backend counted ({@link Metric.Delays}: the exact delays up to
 * 1,024, past that per 1% bucket) is the sketch of the delays themselves: the same count, maximum
 * and every percentile a report shows, on either side of the exact limit, with delays under 10 ms
 * and negative ones (which a sketch leaves out) among them.
 */
class DelayCountsTest {
  private static final double[] PERCENTILES = {1, 25, 50, 90, 95, 99, 99.9, 100};

  @Test
  void fewDelays_keptExactly_manyByBucket_percentilesAsTheSketchOfTheDelays() throws Exception {
    Random random = new Random(42);
    Map<String, List<Double>> rows = Map.of(
        "few.example", delays(random, DelayBuckets.EXACT_LIMIT), // the most that are kept exactly
        "many.example", delays(random, DelayBuckets.EXACT_LIMIT + 1),
        "lots.example", delays(random, 20_000),
        "fast.example", List.of(0.0, 0.004, 0.009, 0.01, -1.0),
        "none.example", List.of(-2.5));
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
        int n = 0;
        for (Map.Entry<String, List<Double>> row : rows.entrySet()) {
          for (double delay : row.getValue()) {
            Document d = new Document();
            d.add(new KeywordField("kind", "recipient", Field.Store.NO));
            d.add(new SortedDocValuesField("_row", new BytesRef(row.getKey())));
            d.add(new DoubleField("delay", delay, Field.Store.NO));
            w.addDocument(d);
            if (++n % 5000 == 0) {
              w.commit(); // several segments
            }
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        AggResult result = new LuceneAggregator(new IndexSearcher(reader), q -> new MatchAllDocsQuery())
            .run(new AggRequest(new MatchAllDocsQuery(), "recipient", "_row", 0,
                Map.of("delays", new Metric.Delays("delay"))));
        assertThat(result.buckets()).hasSize(rows.size());
        List<Double> all = new ArrayList<>();
        for (AggResult.Bucket b : result.buckets()) {
          List<Double> delays = rows.get(b.key());
          all.addAll(delays);
          assertSketchOf(b.delays("delays"), delays, b.key());
        }
        assertSketchOf(result.totals().delays("delays"), all, "totals");
        assertThat(result.totals().delays("delays").exact()).isFalse();
        assertThat(result.totals().delays("delays").values()).as("past the limit only buckets travel").isEmpty();
        assertThat(bucket(result, "few.example").delays("delays").exact()).isTrue();
        assertThat(bucket(result, "many.example").delays("delays").exact()).isFalse();
        assertThat(bucket(result, "none.example").delays("delays").count()).isZero();
        assertThat(bucket(result, "fast.example").delays("delays").buckets())
            .containsEntry(DelayBuckets.UNDER_10_MS, 3L).containsEntry(0, 1L).hasSize(2);
      }
    }
  }

  private static AggResult.Bucket bucket(AggResult result, String key) {
    return result.buckets().stream().filter(b -> b.key().equals(key)).findFirst().orElseThrow();
  }

  private static void assertSketchOf(DelayCounts counts, List<Double> delays, String row) {
    DelaySketch expected = new DelaySketch();
    delays.forEach(expected::add);
    DelaySketch rebuilt = DelaySketch.of(counts);
    assertThat(rebuilt.count()).as(row).isEqualTo(expected.count()).isEqualTo(counts.count());
    assertThat(rebuilt.max()).as(row).isEqualTo(expected.max());
    for (double p : PERCENTILES) {
      // Boxed: an empty sketch's percentiles are NaN, equal as Doubles
      assertThat(Double.valueOf(rebuilt.percentile(p))).as("%s p%s", row, p)
          .isEqualTo(Double.valueOf(expected.percentile(p)));
    }
  }

  /** {@code n} delays: most of a few seconds, some of hours, some repeated, some under 10 ms. */
  private static List<Double> delays(Random random, int n) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double d = switch (i % 10) {
        case 0 -> 0.005;
        case 1 -> 0.5;
        case 2 -> 3600 + random.nextInt(86_400) / 100.0;
        default -> random.nextInt(60_000) / 100.0;
      };
      out.add(d);
    }
    return out;
  }
}
