package io.smtplog.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names nearest to a mistyped one, for "did you mean" (issue 12): {@code stauts} → status,
 * {@code cvs} → csv, {@code domian} → domain. Only near ones count (a third of the letters edited at
 * most, at least one), so a word nothing resembles suggests nothing rather than a guess. A
 * difference in case is no edit ({@code STATUS} → status). Stateless.
 */
public final class NearNames {
  /** Beyond three, a list of near names is guessing, not a suggestion. */
  public static final int MAX_SUGGESTIONS = 3;

  private NearNames() {}

  /**
   * The names of {@code candidates} nearest to {@code typed} (fewest edits, ties in the candidates'
   * order, at most {@link #MAX_SUGGESTIONS}); empty when none is near or {@code typed} is one of them
   * exactly.
   */
  public static List<String> nearest(String typed, Collection<String> candidates) {
    String word = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, word.length() / 3);
    List<String> nearest = new ArrayList<>();
    int best = Integer.MAX_VALUE;
    for (String name : candidates) {
      if (Math.abs(name.length() - word.length()) > limit) {
        continue; // too far whatever the letters (and a megabyte of typing is never aligned)
      }
      if (name.equals(typed)) {
        return List.of();
      }
      // 0 for a name that differs only in case (STATUS for status): the nearest there is
      int d = distance(word, name.toLowerCase(Locale.ROOT));
      if (d > limit || d > best || nearest.contains(name)) {
        continue;
      }
      if (d < best) {
        nearest.clear();
        best = d;
      }
      if (nearest.size() < MAX_SUGGESTIONS) {
        nearest.add(name);
      }
    }
    return List.copyOf(nearest);
  }

  /** "did you mean a or b?" for the nearest names, or empty when there are none. */
  public static String didYouMean(List<String> nearest) {
    return nearest.isEmpty() ? "" : "did you mean " + String.join(" or ", nearest) + "?";
  }

  /** Edits (insert, delete, replace, swap two neighbours) from {@code a} to {@code b}: optimal string alignment. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
