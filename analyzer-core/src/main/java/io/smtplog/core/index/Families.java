package io.smtplog.core.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages linked by hops and forwards (a content filter's re-injection, a {@code .forward}'s new
 * message): one story told by several queue files. Their documents wait until every one of them
 * is finished, so that a commit never holds half of such a story: the stories still open at a
 * commit are read again by the next ingest, and a story must then be whole or absent. Keys are
 * message story keys ({@link StoryLines#message}). Not thread-safe.
 */
final class Families {
  /** One family: its messages, and the outcomes waiting for all of them to be finished. */
  static final class Family {
    final Set<String> members = new LinkedHashSet<>();
    final List<Object> held = new ArrayList<>();
  }

  private final Map<String, Family> byMember = new HashMap<>();

  /** {@code a} and {@code b} are one story (a hop or forward from {@code a} to {@code b}). */
  void link(String a, String b) {
    Family fa = byMember.get(a);
    Family fb = byMember.get(b);
    if (fa != null && fa == fb) {
      return;
    }
    if (fa == null && fb == null) {
      Family f = new Family();
      add(f, a);
      add(f, b);
    } else if (fa == null) {
      add(fb, a);
    } else if (fb == null) {
      add(fa, b);
    } else {
      Family small = fa.members.size() < fb.members.size() ? fa : fb;
      Family big = small == fa ? fb : fa;
      for (String m : small.members) {
        add(big, m);
      }
      big.held.addAll(small.held);
    }
  }

  private void add(Family f, String member) {
    f.members.add(member);
    byMember.put(member, f);
  }

  /** The family of a message, or null when it is linked to no other. */
  Family of(String key) {
    return byMember.get(key);
  }

  /** The family is told: its messages leave the table. */
  void remove(Family f) {
    for (String m : f.members) {
      byMember.remove(m, f);
    }
  }

  /** The families not all told yet. */
  java.util.Collection<Family> all() {
    return new LinkedHashSet<>(byMember.values());
  }
}
