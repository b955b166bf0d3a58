package io.smtplog.core.classify;

/**
 * Makes reason texts comparable, so that "550 5.1.1 &lt;bob@example.com&gt;: User unknown" and the
 * same for carol count as one reason: addresses in angle brackets become {@code <address>}, runs
 * of four or more digits become {@code N} (ports, sizes, queue ids are no reason), brackets of
 * hosts {@code [203.0.113.5]} become {@code [ip]}, white space is collapsed and the text is cut at
 * 160 characters. Pseudonyms ({@code u} or {@code d} and 10 hex digits, see
 * io.smtplog.core.report.Pseudonymizer) stay whole, so that a reason shows the same pseudonym as
 * every other section. Stateless.
 */
public final class Normalizer {
  private Normalizer() {}

  public static String text(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
    int n = text.length();
    int i = 0;
    while (i < n && out.length() < 160) {
      char c = text.charAt(i);
      if (c == '<') {
        int close = text.indexOf('>', i);
        if (close > i && text.substring(i, close).indexOf('@') > 0) {
          out.append("<address>");
          i = close + 1;
          continue;
        }
      }
      if (c == '[') {
        int close = text.indexOf(']', i);
        if (close > i && close - i <= 46 && isAddress(text, i + 1, close)) {
          out.append("[ip]");
          i = close + 1;
          continue;
        }
      }
      if ((c == 'u' || c == 'd') && isPseudonym(text, i)) {
        out.append(text, i, i + PSEUDONYM_LENGTH);
        i += PSEUDONYM_LENGTH;
        continue;
      }
      if (Character.isDigit(c)) {
        int j = i;
        while (j < n && Character.isDigit(text.charAt(j))) {
          j++;
        }
        out.append(j - i >= 4 ? "N" : text.substring(i, j));
        i = j;
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
        i++;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString().strip();
  }

  private static final int PSEUDONYM_LENGTH = 11;

  /** True when a pseudonym starts at {@code i}: u or d, 10 lower-case hex digits, no letter or digit around. */
  private static boolean isPseudonym(String text, int i) {
    int end = i + PSEUDONYM_LENGTH;
    if (end > text.length() || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))
        || (end < text.length() && Character.isLetterOrDigit(text.charAt(end)))) {
      return false;
    }
    for (int j = i + 1; j < end; j++) {
      char c = text.charAt(j);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAddress(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(Character.isDigit(c) || c == '.' || c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return to > from;
  }
}
