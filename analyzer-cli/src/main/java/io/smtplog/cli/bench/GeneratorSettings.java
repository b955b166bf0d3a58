package io.smtplog.cli.bench;

/**
 * What a generated log looks like: the random seed (the same settings give the same bytes), how
 * many recipient domains the mail goes to ({@link RecipientDomains}), and how busy the server is,
 * in SMTP connections per minute (which sets how many hours a given number of lines covers, and
 * so how far the retries of deferred mail get), and whether every recipient goes to the next
 * domain in turn and every message comes from a new sender ({@code distinct}: a million distinct
 * domains and senders for memory tests, where random draws repeat the busiest).
 */
public record GeneratorSettings(long seed, int domains, double connectionsPerMinute, boolean distinct) {
  /** Domains drawn at random with the weights of {@link RecipientDomains}, senders from a pool. */
  public GeneratorSettings(long seed, int domains, double connectionsPerMinute) {
    this(seed, domains, connectionsPerMinute, false);
  }

  public GeneratorSettings {
    if (domains < 1) {
      throw new IllegalArgumentException("at least one domain, was " + domains);
    }
    if (!(connectionsPerMinute > 0) || connectionsPerMinute > 600_000) {
      throw new IllegalArgumentException("connections per minute must be in (0, 600000], was " + connectionsPerMinute);
    }
  }

  /** The mean gap between two connections, in milliseconds (at least 1). */
  long meanGapMillis() {
    return Math.max(1, Math.round(60_000 / connectionsPerMinute));
  }
}
