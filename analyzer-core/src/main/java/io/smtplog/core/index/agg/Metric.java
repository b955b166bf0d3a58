package io.smtplog.core.index.agg;

import java.util.Map;
import java.util.Objects;

/**
 * What is computed per bucket, besides its document count. Every metric is exact and merges across
 * shards by addition, minimum, maximum or union of counts: in Solr's JSON Facet API, {@link Sum} is
 * {@code sum(field)}, {@link Min} {@code min(field)}, {@link Max} {@code max(field)}, {@link Where} a
 * {@code query} facet and {@link Terms} a {@code terms} facet with {@code limit:-1}.
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
