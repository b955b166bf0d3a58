package io.smtplog.core.index.agg;

import java.util.Map;
import java.util.Objects;

/**
 * What is computed per bucket, besides its document count. Every metric is exact and merges across
 * shards by addition, minimum, maximum or union of counts: in Solr's JSON Facet API, {@link Sum} is
 * {@code sum(field)}, {@link Min} {@code min(field)}, {@link Max} {@code max(field)}, {@link Where} a
 * {@code query} facet, {@link Terms} a {@code terms} facet with {@code limit:-1}, {@link Distinct}
 * a terms facet counted (exact to {@link #DISTINCT_EXACT} values, then {@code hll()}).
 */
public sealed interface Metric {
  /** The sum of a whole-number field over the bucket's documents (0 when none has it). */
  record Sum(String field) implements Metric {
    public Sum {
      Objects.requireNonNull(field, "field");
    }
  }

  /** The least value of a whole-number field, null when no document of the bucket has it. */
  record Min(String field) implements Metric {
    public Min {
      Objects.requireNonNull(field, "field");
    }
  }

  /** The greatest value of a whole-number field, null when no document of the bucket has it. */
  record Max(String field) implements Metric {
    public Max {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * The bucket's documents that also match {@code query} (smtplog's query syntax, which Solr's
   * standard parser reads the same), their count and {@code metrics} over them.
   */
  record Where(String query, Map<String, Metric> metrics) implements Metric {
    public Where {
      Objects.requireNonNull(query, "query");
      metrics = Map.copyOf(metrics);
    }

    public Where(String query) {
      this(query, Map.of());
    }
  }

  /**
   * Every distinct value of {@code field} among the bucket's documents with the number of documents
   * holding it (a document with several values counts once for each), most counted first, then by
   * value; at most {@code limit} of them (0: all; a report that ranks them itself asks for all).
   */
  record Terms(String field, ValueType type, int limit) implements Metric {
    public Terms {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(type, "type");
      if (limit < 0) {
        throw new IllegalArgumentException("limit " + limit);
      }
    }
  }

  /**
   * The delays (seconds) of a decimal field among the bucket's documents, as a delay sketch takes
   * them ({@link DelayCounts}): exact while there are at most {@link DelayBuckets#EXACT_LIMIT},
   * else per 1% bucket, so the answer stays bounded whatever the number of documents. In Solr: a
   * terms facet on the field's bucket ({@link io.smtplog.core.index.IndexFields#delayBucket}, at
   * most {@link DelayBuckets#BUCKETS} + 1 values), a terms facet on the field limited to
   * {@link DelayBuckets#EXACT_LIMIT} values, and {@code max(field)}.
   */
  record Delays(String field) implements Metric {
    public Delays {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * How many distinct values the text field {@code field} has among the bucket's documents: exact
   * up to {@link #DISTINCT_EXACT} values, an estimate past that (locally a K-minimum-values sketch
   * of that many hashes; in Solr its {@code hll()}, HyperLogLog), as the replayed report's counts are.
   */
  record Distinct(String field) implements Metric {
    public Distinct {
      Objects.requireNonNull(field, "field");
    }
  }

  /** The distinct values counted exactly (the summary collector's DistinctCount counts as many exactly). */
  int DISTINCT_EXACT = 1 << 16;

  /**
   * The value of the text field {@code field} on the bucket's document with the least value of the
   * whole-number field {@code order} (a row's first reply), null when no document has both. Exact
   * when no two documents of a bucket share their least order. In Solr, a terms facet on
   * {@code field} sorted by {@code min(order)} ascending, limit 1, refined: the shard holding the
   * least order ranks its value first, so it is among every shard's candidates.
   */
  record First(String field, String order) implements Metric {
    public First {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(order, "order");
    }
  }

  /** How a field's values are read: text, whole numbers, or decimals. */
  enum ValueType {
    TEXT, LONG, DOUBLE
  }
}
