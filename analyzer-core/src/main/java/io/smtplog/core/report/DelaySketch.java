package io.smtplog.core.report;

import io.smtplog.core.index.agg.DelayBuckets;
import io.smtplog.core.index.agg.DelayCounts;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Percentiles of delays in bounded memory (at most about 8 KB per domain): exact (nearest rank) up
 * to {@value #EXACT_LIMIT} values, then a log-bucketed histogram with 1% relative error. The
 * maximum is always exact.
 * Not thread-safe.
 */
public final class DelaySketch {
  static final int EXACT_LIMIT = DelayBuckets.EXACT_LIMIT;
  private static final int BUCKETS = DelayBuckets.BUCKETS;

  private double[] values = new double[8];
  private int stored;
  private int[] histogram;
  private long zeros;
  private long count;
  private double max;

  public void add(double seconds) {
    if (seconds < 0 || Double.isNaN(seconds)) {
      return;
    }
    count++;
    max = Math.max(max, seconds);
    if (histogram == null && stored == values.length) {
      if (values.length >= EXACT_LIMIT) {
        toHistogram();
      } else {
        values = Arrays.copyOf(values, values.length * 2);
      }
    }
    if (histogram == null) {
      values[stored++] = seconds;
    } else {
      bucket(seconds);
    }
  }

  public void addAll(DelaySketch other) {
    if (other.histogram == null) {
      for (int i = 0; i < other.stored; i++) {
        add(other.values[i]);
      }
      return;
    }
    if (histogram == null) {
      toHistogram();
    }
    for (int i = 0; i < BUCKETS; i++) {
      histogram[i] += other.histogram[i];
    }
    zeros += other.zeros;
    count += other.count;
    max = Math.max(max, other.max);
  }

  public long count() {
    return count;
  }

  public double max() {
    return max;
  }

  /** The nearest-rank percentile {@code p} in (0, 100]; NaN when empty. */
  public double percentile(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
    if (histogram == null) {
      double[] sorted = Arrays.copyOf(values, stored);
      Arrays.sort(sorted);
      return sorted[(int) rank - 1];
    }
    if (rank <= zeros) {
      return 0;
    }
    long seen = zeros;
    for (int i = 0; i < BUCKETS; i++) {
      seen += histogram[i];
      if (seen >= rank) {
        return Math.min(max, DelayBuckets.middle(i));
      }
    }
    return max;
  }

  private void toHistogram() {
    histogram = new int[BUCKETS];
    for (int i = 0; i < stored; i++) {
      bucket(values[i]);
    }
    values = null;
    stored = 0;
  }

  /** Buckets are in units of 10 ms (Postfix's default delay resolution), log-spaced by 1% ({@link DelayBuckets}). */
  private void bucket(double seconds) {
    int i = DelayBuckets.of(seconds);
    if (i == DelayBuckets.UNDER_10_MS) {
      zeros++;
    } else {
      histogram[i]++;
    }
  }

  /**
   * The sketch of the delays a backend counted ({@link io.smtplog.core.index.agg.Metric.Delays}):
   * the same as adding each of them, since a sketch past its exact limit keeps only the buckets.
   */
  public static DelaySketch of(DelayCounts counts) {
    DelaySketch sketch = new DelaySketch();
    if (counts.count() == 0) {
      return sketch;
    }
    if (counts.exact()) {
      counts.values().forEach((seconds, n) -> {
        for (long i = 0; i < n; i++) {
          sketch.add(seconds);
        }
      });
      if (sketch.count != counts.count()) {
        throw new IllegalStateException("delays: " + sketch.count + " values for a count of " + counts.count());
      }
      return sketch;
    }
    sketch.toHistogram();
    sketch.count = counts.count();
    sketch.max = counts.max();
    counts.buckets().forEach((bucket, n) -> {
      if (bucket == DelayBuckets.UNDER_10_MS) {
        sketch.zeros += n;
      } else {
        sketch.histogram[bucket] = Math.toIntExact(sketch.histogram[bucket] + n);
      }
    });
    return sketch;
  }

  /** Writes the sketch for {@link #readFrom}: the exact values, or the histogram's non-empty buckets. */
  void writeTo(DataOutput out) throws IOException {
    SortedRuns.writeCount(out, count);
    if (count == 0) {
      return;
    }
    out.writeDouble(max);
    out.writeBoolean(histogram != null);
    if (histogram == null) {
      for (int i = 0; i < stored; i++) {
        out.writeDouble(values[i]);
      }
      return;
    }
    SortedRuns.writeCount(out, zeros);
    int used = 0;
    for (int n : histogram) {
      used += n == 0 ? 0 : 1;
    }
    SortedRuns.writeCount(out, used);
    for (int i = 0; i < BUCKETS; i++) {
      if (histogram[i] != 0) {
        SortedRuns.writeCount(out, i);
        SortedRuns.writeCount(out, histogram[i]);
      }
    }
  }

  /** The sketch {@link #writeTo} wrote. */
  static DelaySketch readFrom(DataInput in) throws IOException {
    DelaySketch sketch = new DelaySketch();
    long n = SortedRuns.readCount(in);
    if (n == 0) {
      return sketch;
    }
    double max = in.readDouble();
    if (!in.readBoolean()) {
      for (long i = 0; i < n; i++) {
        sketch.add(in.readDouble());
      }
      return sketch;
    }
    sketch.toHistogram();
    sketch.count = n;
    sketch.max = max;
    sketch.zeros = SortedRuns.readCount(in);
    long used = SortedRuns.readCount(in);
    for (long k = 0; k < used; k++) {
      int bucket = (int) SortedRuns.readCount(in);
      sketch.histogram[bucket] = (int) SortedRuns.readCount(in);
    }
    return sketch;
  }
}
