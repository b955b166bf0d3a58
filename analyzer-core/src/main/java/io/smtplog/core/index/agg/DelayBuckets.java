package io.smtplog.core.index.agg;

/**
 * The buckets delays are counted in once there are too many to keep ({@code DelaySketch} in the
 * reports): units of 10 ms (Postfix's delay resolution), log-spaced by 1%, so a percentile read
 * from them is within 1% of the exact one. Each index document holds the bucket of each of its
 * delays as an internal doc value ({@link io.smtplog.core.index.IndexFields#delayBucket}), so a
 * backend counts delays per bucket without sending them; the bucket is this one function of the
 * delay, whichever code computes it.
 */
public final class DelayBuckets {
  /** Up to this many delays a sketch keeps them exactly; past it, only their buckets. */
  public static final int EXACT_LIMIT = 1024;
  /** The ratio between the bounds of a bucket. */
  public static final double GAMMA = 1.01;
  private static final double LOG_GAMMA = Math.log(GAMMA);
  /** 1% buckets from 10 ms up to 1.01^1900 x 10 ms, about 18 years: beyond any queue lifetime. */
  public static final int BUCKETS = 1900;
  /** The bucket of a delay under 10 ms. */
  public static final int UNDER_10_MS = -1;
  /** What {@link #of} gives for a delay no sketch counts (negative, or not a number). */
  public static final int NONE = -2;

  private DelayBuckets() {}

  /** The bucket of {@code seconds}: 0 to {@code BUCKETS - 1}, {@link #UNDER_10_MS}, or {@link #NONE}. */
  public static int of(double seconds) {
    if (seconds < 0 || Double.isNaN(seconds)) {
      return NONE;
    }
    double centis = seconds * 100.0;
    if (centis < 1) {
      return UNDER_10_MS;
    }
    return (int) Math.min(BUCKETS - 1, Math.floor(Math.log(centis) / LOG_GAMMA));
  }

  /** The value a percentile falling in bucket {@code i} reads: its middle, in seconds. */
  public static double middle(int i) {
    return Math.pow(GAMMA, i + 0.5) / 100.0;
  }
}
