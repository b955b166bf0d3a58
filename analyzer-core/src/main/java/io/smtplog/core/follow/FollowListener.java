package io.smtplog.core.follow;

/** Told what each round of following read (live counters, progress); called on the follower's thread. */
@FunctionalInterface
public interface FollowListener {
  void cycle(FollowCycle cycle);

  /** A listener that ignores every round. */
  static FollowListener none() {
    return cycle -> { };
  }
}
