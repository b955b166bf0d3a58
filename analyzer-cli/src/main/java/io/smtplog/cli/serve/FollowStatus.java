package io.smtplog.cli.serve;

import io.smtplog.core.follow.FollowCycle;
import io.smtplog.core.follow.FollowListener;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What {@code /api/status} says while the server follows logs: kept from each round (thread-safe). */
final class FollowStatus implements FollowListener, StatusSource {
  private final List<String> inputs;
  private final AtomicLong linesRead = new AtomicLong();
  private final AtomicReference<Instant> lastCommit = new AtomicReference<>();

  FollowStatus(List<String> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public void cycle(FollowCycle cycle) {
    linesRead.addAndGet(cycle.linesRead());
    if (cycle.committed()) {
      lastCommit.set(cycle.at());
    }
  }

  @Override
  public Following now() {
    return new Following(inputs, linesRead.get(), Optional.ofNullable(lastCommit.get()));
  }
}
