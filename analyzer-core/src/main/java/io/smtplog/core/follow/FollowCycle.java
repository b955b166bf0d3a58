package io.smtplog.core.follow;

import io.smtplog.core.ingest.ProblemKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What one round of following read: told to a {@link FollowListener} after each round, whether it
 * read anything or not (so that a listener can tell a quiet log from a stalled follower).
 *
 * @param at when the round ended (wall clock)
 * @param linesRead lines read in this round (not counting lines of open stories read again)
 * @param bytesRead bytes read in this round
 * @param problems this round's problems by kind (lines that looked like events but could not be read)
 * @param lastLogged the time stamp of the last line read in this round, when it had one
 * @param committed true when the index was committed at the end of this round
 * @param lagBytes bytes of the followed inputs not read yet (0 when caught up)
 * @param inputsPresent how many of the followed inputs exist now (a rotated-away file may be missing)
 */
public record FollowCycle(Instant at, long linesRead, long bytesRead, Map<ProblemKind, Long> problems,
    Optional<Instant> lastLogged, boolean committed, long lagBytes, int inputsPresent) {

  public FollowCycle {
    problems = Map.copyOf(problems);
  }
}
