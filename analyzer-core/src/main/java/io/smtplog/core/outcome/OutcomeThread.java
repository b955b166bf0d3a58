package io.smtplog.core.outcome;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a listener on a thread of its own: the correlating thread hands it the outcome stream in
 * batches and goes on correlating, so report collection is a pipeline stage rather than work on
 * the busiest thread. The listener sees the same outcomes in the same order as it would on the
 * correlating thread, so what it builds is the same; it must not share state with the producer.
 *
 * <p>Use: give this to the correlator in the listener's place, then call {@link #close()} after the
 * correlator's last outcome; {@code close} waits for the listener to take everything and rethrows
 * what it threw. If the listener fails earlier, the next {@link #accept} throws. One producer thread.
 */
public final class OutcomeThread implements OutcomeListener, AutoCloseable {
  private static final int BATCH = 1024;
  private static final Outcome[] END = new Outcome[0];

  private final OutcomeListener listener;
  private final BlockingQueue<Outcome[]> queue = new ArrayBlockingQueue<>(8);
  private final Thread thread;
  private Outcome[] batch = new Outcome[BATCH];
  private int size;
  private volatile Throwable failure;
  private boolean closed;

  /** Starts the thread, named {@code name}, that feeds {@code listener}. */
  public OutcomeThread(OutcomeListener listener, String name) {
    this.listener = listener;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        Outcome[] outcomes = queue.take();
        if (outcomes == END) {
          return;
        }
        for (Outcome o : outcomes) {
          if (o == null) {
            break;
          }
          listener.accept(o);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      queue.clear(); // unblock the producer; it sees the failure at its next hand-over
    }
  }

  @Override
  public void accept(Outcome outcome) {
    batch[size++] = outcome;
    if (size == BATCH) {
      handOver();
    }
  }

  private void handOver() {
    rethrow();
    Outcome[] full = batch;
    if (size < BATCH) {
      full[size] = null; // the end of a short batch
    }
    batch = new Outcome[BATCH];
    size = 0;
    put(full);
  }

  private void put(Outcome[] outcomes) {
    try {
      while (!queue.offer(outcomes, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        rethrow();
        if (!thread.isAlive()) {
          throw new IllegalStateException("the outcome thread stopped");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing outcomes over", e);
    }
  }

  private void rethrow() {
    Throwable t = failure;
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  /** Hands over what is left and waits until the listener has taken every outcome. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (size > 0) {
      handOver();
    }
    put(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the outcome thread", e);
    }
    rethrow();
  }

  @Override
  public boolean wantsDialogues() {
    return listener.wantsDialogues();
  }

  @Override
  public boolean wants(Class<? extends Outcome> kind) {
    return listener.wants(kind);
  }
}
