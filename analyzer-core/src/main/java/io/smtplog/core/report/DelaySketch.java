package io.smtplog.core.report;

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
  static final int EXACT_LIMIT = 1024;
  private static final double GAMMA = 1.01;
  private static final double LOG_GAMMA = Math.log(GAMMA);
  /** 1% buckets from 10 ms up to 1.01^1900 x 10 ms, about 18 years: beyond any queue lifetime. */
  private static final int BUCKETS = 1900;

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
        return Math.min(max, Math.pow(GAMMA, i + 0.5) / 100.0);
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

  /** Buckets are in units of 10 ms (Postfix's default delay resolution), log-spaced by 1%. */
  private void bucket(double seconds) {
    double centis = seconds * 100.0;
    if (centis < 1) {
      zeros++;
      return;
    }
    int i = (int) Math.min(BUCKETS - 1, Math.floor(Math.log(centis) / LOG_GAMMA));
    histogram[i]++;
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
