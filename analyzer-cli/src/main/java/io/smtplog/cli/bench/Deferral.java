package io.smtplog.cli.bench;

import java.util.SplittableRandom;

/**
 * Why a remote server defers a recipient, and what becomes of it on later attempts: the retry
 * model both generators share. {@code recoversAfter} and {@code failsAfter} count milliseconds
 * from the first deferral ({@link #NEVER} if it does not happen); whichever comes first decides
 * the attempt after it, and a recipient that neither recovers nor fails before the server's retry
 * limit expires. Greylisting clears within minutes, a busy mailbox within hours, a full mailbox
 * often never; an MX that refuses connections may come back, and a dead domain's never does.
 */
record Deferral(Trouble trouble, long recoversAfter, long failsAfter) {
  static final long NEVER = Long.MAX_VALUE;
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  /** The kinds of temporary trouble, with the reply the remote server gives (RFC 3463 codes). */
  enum Trouble {
    GREYLISTED("451 4.7.1 Greylisted, please try again later", null),
    BUSY("450 4.2.1 Mailbox busy, try again later", "550 5.1.1 User unknown"),
    MAILBOX_FULL("452 4.2.2 Mailbox full", "552 5.2.2 Mailbox full and over quota for too long"),
    /** No SMTP reply: the MX refuses the TCP connection. */
    HOST_DOWN(null, null);

    private final String deferReply;
    private final String failReply;

    Trouble(String deferReply, String failReply) {
      this.deferReply = deferReply;
      this.failReply = failReply;
    }

    /** The 4xx reply to RCPT TO, or null when there was no connection. */
    String deferReply() {
      return deferReply;
    }

    /** The 5xx reply to RCPT TO when the trouble turns permanent, or null if it never does. */
    String failReply() {
      return failReply;
    }
  }

  /** What an attempt gives. */
  enum Result { DELIVERED, FAILED, DEFERRED }

  /** Draws the trouble of a recipient deferred at its first attempt. */
  static Deferral draw(SplittableRandom random, boolean deadDomain) {
    if (deadDomain) {
      return new Deferral(Trouble.HOST_DOWN, NEVER, NEVER);
    }
    int kind = random.nextInt(100);
    int fate = random.nextInt(100);
    if (kind < 35) {
      return new Deferral(Trouble.GREYLISTED, between(random, 5 * MINUTE, 25 * MINUTE), NEVER);
    }
    if (kind < 65) {
      return fate < 95 ? new Deferral(Trouble.BUSY, between(random, 20 * MINUTE, 4 * HOUR), NEVER)
          : new Deferral(Trouble.BUSY, NEVER, between(random, HOUR, 3 * HOUR));
    }
    if (kind < 85) {
      if (fate < 35) {
        return new Deferral(Trouble.MAILBOX_FULL, between(random, HOUR, 7 * HOUR), NEVER);
      }
      return fate < 80 ? new Deferral(Trouble.MAILBOX_FULL, NEVER, NEVER)
          : new Deferral(Trouble.MAILBOX_FULL, NEVER, between(random, 2 * HOUR, 6 * HOUR));
    }
    return fate < 70 ? new Deferral(Trouble.HOST_DOWN, between(random, 30 * MINUTE, 5 * HOUR), NEVER)
        : new Deferral(Trouble.HOST_DOWN, NEVER, NEVER);
  }

  /** The result of an attempt {@code elapsed} milliseconds after the first deferral. */
  Result at(long elapsed) {
    if (elapsed >= failsAfter && failsAfter <= recoversAfter) {
      return Result.FAILED;
    }
    return elapsed >= recoversAfter ? Result.DELIVERED : Result.DEFERRED;
  }

  private static long between(SplittableRandom random, long from, long to) {
    return random.nextLong(from, to);
  }
}
