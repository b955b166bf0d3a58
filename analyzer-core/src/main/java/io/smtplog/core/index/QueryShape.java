package io.smtplog.core.index;

/**
 * Limits on what a query may look like before Lucene's parser sees it: the parser recurses once per
 * parenthesis, and ten thousand nested ones overflow the stack. Stateless.
 */
final class QueryShape {
  /** Deeper nesting is refused; a real query nests a handful of levels. */
  static final int MAX_NESTING = 100;
  /** Quoted pieces of a query (a token, a value) in messages are cut to this many characters. */
  static final int MAX_QUOTED = 60;

  private QueryShape() {}

  /**
   * The 1-based column of the parenthesis that opens level {@link #MAX_NESTING} + 1, or 0 when the
   * query nests no deeper. Quoted phrases, regular expressions ({@code /.../}) and escaped
   * characters are not counted (the parser's syntax, Lucene's classic QueryParser).
   */
  static int deepestParenthesis(String query) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\') {
        i++;
      } else if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || (c == '/' && (i == 0 || ": (".indexOf(query.charAt(i - 1)) >= 0))) {
        quote = c;
      } else if (c == '(' && ++depth > MAX_NESTING) {
        return i + 1;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      }
    }
    return 0;
  }

  /** A message about a query is cut to this many characters (it may quote a megabyte of query). */
  static final int MAX_MESSAGE = 1000;

  /** {@code text} cut to {@link #MAX_QUOTED} characters, an ellipsis marking the cut. */
  static String cut(String text) {
    return cut(text, MAX_QUOTED);
  }

  /** {@code text} cut to {@code max} characters, an ellipsis marking the cut. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
