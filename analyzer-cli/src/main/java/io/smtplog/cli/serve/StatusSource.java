package io.smtplog.cli.serve;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What {@code /api/status} says of following: the inputs followed, lines read, the last commit. */
@FunctionalInterface
public interface StatusSource {
  /** A server that does not follow: nothing followed, nothing read. */
  StatusSource NOT_FOLLOWING = () -> new Following(List.of(), 0, Optional.empty());

  Following now();

  /** The inputs followed, the lines read since start, when the index was last committed (if known). */
  record Following(List<String> inputs, long linesRead, Optional<Instant> lastCommit) {}
}
