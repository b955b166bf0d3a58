package io.smtplog.core.classify;

/**
 * Makes reason texts comparable, so that "550 5.1.1 &lt;bob@example.com&gt;: User unknown" and the
 * same for carol count as one reason: addresses in angle brackets become {@code <address>}, runs
 * of four or more digits become {@code N} (ports, sizes, queue ids are no reason), brackets of
 * hosts {@code [203.0.113.5]} become {@code [ip]}, white space is collapsed and the text is cut at
 * 160 characters. Stateless.
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
