package io.smtplog.core.index.agg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The local executor of aggregations: buckets ranked by count then key, totals over every match
 * (also those in no bucket), sums, minima and maxima (null when no value), query facets nested,
 * term counts of several values per document, the kind filter, and deleted documents left out.
 */
class LuceneAggregatorTest {
  private static Document doc(String kind, String row, String status, long n, double delay, String... tags) {
    Document d = new Document();
    d.add(new KeywordField("kind", kind, Field.Store.NO));
    if (row != null) {
      d.add(new SortedDocValuesField("_row", new BytesRef(row)));
    }
    d.add(new KeywordField("status", status, Field.Store.NO));
    d.add(new KeywordField("id", row + status + n + delay, Field.Store.NO));
    if (n >= 0) {
      d.add(new LongField("n", n, Field.Store.NO));
    }
    d.add(new DoubleField("delay", delay, Field.Store.NO));
    for (String t : tags) {
      d.add(new SortedSetDocValuesField("_tags", new BytesRef(t)));
    }
    return d;
  }

  @Test
  void bucketsTotalsAndEveryMetric_exactly() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
        w.addDocument(doc("recipient", "b.example", "delivered", 3, 0.5, "x", "y"));
        w.addDocument(doc("recipient", "b.example", "bounced", -1, 2.0, "x"));
        w.commit(); // two segments: buckets and sub-queries span them
        w.addDocument(doc("recipient", "a.example", "delivered", 7, 0.5));
        w.addDocument(doc("recipient", "a.example", "delivered", 1, 1.25, "y"));
        w.addDocument(doc("recipient", "c.example", "delivered", 2, 0.5));
        w.addDocument(doc("recipient", null, "delivered", 100, 9.0));
        w.addDocument(doc("other", "a.example", "delivered", 1000, 0.5));
        w.addDocument(doc("recipient", "a.example", "deferred", 50, 0.5));
        w.deleteDocuments(new Term("id", "a.exampledeferred500.5"));
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        LuceneAggregator aggregator = new LuceneAggregator(searcher, q -> new TermQuery(new Term("status", q)));
        Map<String, Metric> metrics = Map.of("sum", new Metric.Sum("n"), "min", new Metric.Min("n"),
            "max", new Metric.Max("n"), "tags", new Metric.Terms("_tags", Metric.ValueType.TEXT, 0),
            "delivered", new Metric.Where("delivered", Map.of(
                "delays", new Metric.Terms("delay", Metric.ValueType.DOUBLE, 0), "sum", new Metric.Sum("n"))));
        AggResult all = aggregator.run(new AggRequest(new MatchAllDocsQuery(), "recipient", "_row", 0, metrics));

        assertThat(all.buckets()).extracting(AggResult.Bucket::key).containsExactly("a.example", "b.example",
            "c.example");
        AggResult.Bucket a = all.buckets().get(0);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.sum("sum")).isEqualTo(8);
        assertThat(a.extreme("min")).isEqualTo(1);
        assertThat(a.extreme("max")).isEqualTo(7);
        assertThat(a.terms("tags")).containsExactly(entry("y", 1L));
        assertThat(a.where("delivered").count()).isEqualTo(2);
        assertThat(a.where("delivered").terms("delays")).containsExactly(entry(0.5, 1L), entry(1.25, 1L));

        AggResult.Bucket b = all.buckets().get(1);
        assertThat(b.count()).isEqualTo(2);
        assertThat(b.sum("sum")).isEqualTo(3);
        assertThat(b.terms("tags")).containsExactly(entry("x", 2L), entry("y", 1L));
        assertThat(b.where("delivered").count()).isEqualTo(1);
        assertThat(b.where("delivered").sum("sum")).isEqualTo(3);

        AggResult.Bucket c = all.buckets().get(2);
        assertThat(c.terms("tags")).isEmpty();

        assertThat(all.totals().count()).isEqualTo(6); // the document without a row is in the totals alone
        assertThat(all.totals().sum("sum")).isEqualTo(113);
        assertThat(all.totals().extreme("max")).isEqualTo(100);
        assertThat(all.totals().where("delivered").terms("delays"))
            .containsExactly(entry(0.5, 3L), entry(1.25, 1L), entry(9.0, 1L));

        AggResult top = aggregator.run(new AggRequest(new TermQuery(new Term("status", "bounced")), "recipient", "_row",
            1, Map.of("min", new Metric.Min("n"))));
        assertThat(top.buckets()).hasSize(1);
        assertThat(top.buckets().get(0).key()).isEqualTo("b.example");
        assertThat(top.buckets().get(0).extreme("min")).isNull();
        assertThat(aggregator.run(new AggRequest(new MatchAllDocsQuery(), "recipient", "_row", 2, Map.of()))
            .buckets()).extracting(AggResult.Bucket::key).isEqualTo(List.of("a.example", "b.example"));
      }
    }
  }

  /**
   * A top list: the {@code limit} largest by count or by a sum, ties by value; distinct values
   * counted exactly to 65,536, and past that estimated within 2%.
   */
  @Test
  void topBySumAndDistinct() throws Exception {
    int many = Metric.DISTINCT_EXACT + 20_000;
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
        w.addDocument(doc("recipient", "a.example", "delivered", 1, 0.5, "x"));
        w.addDocument(doc("recipient", "a.example", "bounced", 1, 0.5, "x", "y"));
        w.addDocument(doc("recipient", "a.example", "delivered", 2, 0.5, "z"));
        w.addDocument(doc("recipient", "b.example", "delivered", 50, 0.5));
        w.addDocument(doc("recipient", "c.example", "delivered", 50, 0.5));
        for (int i = 0; i < many; i++) {
          w.addDocument(doc("many", "d.example", "delivered", i, 0.5, "v" + i));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        LuceneAggregator aggregator = new LuceneAggregator(new IndexSearcher(reader),
            q -> new TermQuery(new Term("status", q)));
        Map<String, Metric> metrics = Map.of("sum", new Metric.Sum("n"), "tags", new Metric.Distinct("_tags"));
        AggResult byCount = aggregator.run(new AggRequest(new MatchAllDocsQuery(), "recipient", "_row", 2, metrics));
        assertThat(byCount.buckets()).extracting(AggResult.Bucket::key).containsExactly("a.example", "b.example");
        assertThat(byCount.buckets().get(0).distinct("tags")).isEqualTo(3);
        assertThat(byCount.totals().distinct("tags")).isEqualTo(3);
        AggResult bySum = aggregator.run(new AggRequest(new MatchAllDocsQuery(), "recipient", "_row", 2, "sum",
            metrics));
        assertThat(bySum.buckets()).extracting(AggResult.Bucket::key).containsExactly("b.example", "c.example");
        assertThat(bySum.buckets().get(1).distinct("tags")).isZero();
        AggResult estimated = aggregator.run(new AggRequest(new MatchAllDocsQuery(), "many", "_row", 0, metrics));
        assertThat((double) estimated.totals().distinct("tags")).isCloseTo(many, org.assertj.core.data.Percentage
            .withPercentage(2));
        assertThat(estimated.totals().distinct("tags")).isNotEqualTo(many);
      }
    }
  }

  /**
   * {@link Metric.First}: the value of the least order per bucket and in the totals, whatever the
   * documents' order in the index and across segments; null where no document has both fields; a
   * document deleted is not first.
   */
  @Test
  void first_isTheValueOfTheLeastOrder() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
        w.addDocument(reply("250", 30, "250 later"));
        w.addDocument(reply("250", 20, "250 first"));
        w.addDocument(reply("550", 5, "550 deleted"));
        w.commit();
        w.addDocument(reply("250", 25, "250 middle"));
        w.addDocument(reply("550", 40, "550 only"));
        w.addDocument(reply("421", -1, null));
        w.deleteDocuments(new Term("id", "550 deleted"));
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        LuceneAggregator aggregator = new LuceneAggregator(new IndexSearcher(reader), q -> new MatchAllDocsQuery());
        AggResult result = aggregator.run(new AggRequest(new MatchAllDocsQuery(), "reply", "_row", 0,
            Map.of("first", new Metric.First("_example", "_order"))));
        assertThat(result.buckets()).extracting(AggResult.Bucket::key).containsExactly("250", "421", "550");
        assertThat(result.buckets()).extracting(b -> b.first("first")).containsExactly("250 first", null, "550 only");
        assertThat(result.totals().first("first")).isEqualTo("250 first");
      }
    }
  }

  private static Document reply(String row, long order, String example) {
    Document d = new Document();
    d.add(new KeywordField("kind", "reply", Field.Store.NO));
    d.add(new SortedDocValuesField("_row", new BytesRef(row)));
    if (example != null) {
      d.add(new KeywordField("id", example, Field.Store.NO));
      d.add(new SortedDocValuesField("_example", new BytesRef(example)));
      d.add(new org.apache.lucene.document.NumericDocValuesField("_order", order));
    }
    return d;
  }
}
