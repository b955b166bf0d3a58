package io.smtplog.cli.bench;

import java.util.SplittableRandom;

/**
 * The remote domains of a generated log: a few large mailbox providers that take about half the
 * mail, and a long tail of {@code d<N>.example} domains, some much busier than others (half the
 * tail's mail goes to a cubic-skewed head of the tail, the other half evenly to all of it). About
 * one tail domain in a hundred is dead: its MX refuses connections for as long as the log lasts,
 * so every message to it is deferred until the retry limit. Each domain has one MX host and
 * address, as DNS would give. Immutable.
 */
final class RecipientDomains {
  private static final String[] LARGE = {"gmail.com", "outlook.com", "yahoo.com", "example.com", "example.net",
      "example.org", "icloud.com", "gmx.de", "web.de", "yandex.ru"};
  /** Share of recipients, in percent, at the large providers (when there is a tail). */
  private static final int LARGE_SHARE = 50;

  private final String[] names;
  private final int large;
  private final boolean inTurn;
  private int next;

  /** {@code count} domains in all (at least 1): the large providers first, then the tail. */
  RecipientDomains(int count) {
    this(count, false);
  }

  /** As above; {@code inTurn}: {@link #pick} gives every domain in turn instead of drawing one. */
  RecipientDomains(int count, boolean inTurn) {
    this.inTurn = inTurn;
    if (count < 1) {
      throw new IllegalArgumentException("at least one domain, was " + count);
    }
    large = Math.min(count, LARGE.length);
    names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = i < large ? LARGE[i] : "d" + (i - large) + ".example";
    }
  }

  int count() {
    return names.length;
  }

  /** A recipient domain's index, drawn with the weights described above. */
  int pick(SplittableRandom random) {
    if (inTurn) {
      next = next == names.length - 1 ? 0 : next + 1;
      return next;
    }
    int tail = names.length - large;
    if (tail == 0 || random.nextInt(100) < LARGE_SHARE) {
      // The first providers are the busiest: min of two draws favours low indexes.
      return Math.min(random.nextInt(large), random.nextInt(large));
    }
    int t = random.nextBoolean() ? random.nextInt(tail) : (int) (tail * Math.pow(random.nextDouble(), 3));
    return large + t;
  }

  /** A domain for a sender (and so for the bounces that go back to it): never a dead one. */
  int pickLive(SplittableRandom random) {
    int d = pick(random);
    return isDead(d) ? d - 1 : d;
  }

  /** True for the tail domains whose MX never answers. */
  boolean isDead(int index) {
    return index >= large && (index - large) % 97 == 13;
  }

  String name(int index) {
    return names[index];
  }

  /** The domain's MX host (made when asked: a million domains need no table of them). */
  String mxHost(int index) {
    return "mx" + (1 + hash(index) % 3) + "." + names[index];
  }

  String mxAddress(int index) {
    int h = hash(index);
    return "203.0." + (113 + (h >> 2) % 7) + "." + (1 + (h >> 5) % 254);
  }

  /** Non-negative for any index (a million domains passes an int's range). */
  private static int hash(int index) {
    return (int) ((index * 7919L + 13) & Integer.MAX_VALUE);
  }
}
