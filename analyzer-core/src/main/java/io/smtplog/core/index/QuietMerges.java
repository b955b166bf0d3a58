package io.smtplog.core.index;

import org.apache.lucene.index.ConcurrentMergeScheduler;

/**
 * Lucene's background merges, without their failure printed as a stack trace from the merge
 * thread (Lucene rethrows it there, and the JVM prints it to standard error). A merge that fails
 * (a damaged segment, a full disk) leaves the segments as they were; the same cause meets the
 * ingest's own writes and commit, which report it in one line.
 */
final class QuietMerges extends ConcurrentMergeScheduler {
  @Override
  protected void handleMergeException(Throwable exc) {
    // Not rethrown: see the class comment.
  }
}
