package io.smtplog.core.ingest.transcript;

/**
 * Undoes Python's {@code repr()} of a str or bytes value as smtplib's debug output prints it
 * ({@code 'ehlo x\r\n'}, {@code b'250 Ok\r\n'}, {@code "it's"}): the quotes, an optional
 * {@code b} prefix, and the escapes {@code \r \n \t \\ \' \" \xNN}. Stateless.
 */
final class PythonRepr {
  private PythonRepr() {}

  /** The value of the literal starting at {@code from}, or null when there is none. */
  static String unquote(String line, int from) {
    int i = from;
    if (i < line.length() && line.charAt(i) == 'b') {
      i++;
    }
    if (i >= line.length()) {
      return null;
    }
    char quote = line.charAt(i);
    if (quote != '\'' && quote != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder(line.length() - i);
    for (int j = i + 1; j < line.length(); j++) {
      char c = line.charAt(j);
      if (c == quote) {
        return out.toString();
      }
      if (c != '\\' || j + 1 >= line.length()) {
        out.append(c);
        continue;
      }
      char e = line.charAt(++j);
      switch (e) {
        case 'r' -> out.append('\r');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'x' -> {
          if (j + 2 < line.length()) {
            try {
              out.append((char) Integer.parseInt(line, j + 1, j + 3, 16));
              j += 2;
            } catch (NumberFormatException bad) {
              out.append("\\x");
            }
          }
        }
        default -> out.append(e);
      }
    }
    return out.toString(); // cut off: keep what there is
  }
}
