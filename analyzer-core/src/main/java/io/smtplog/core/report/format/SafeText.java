package io.smtplog.core.report.format;

/**
 * Neutralises attacker-controlled text (HELO names, addresses, reply texts) before it reaches a
 * terminal or a spreadsheet. Stateless.
 */
public final class SafeText {
  private SafeText() {}

  /**
   * Replaces C0/C1 control characters (ESC starts terminal escape sequences), DEL and Unicode line
   * and bidi-override characters with U+FFFD, so text cannot move the cursor, recolour or reorder
   * a terminal, or break a table row.
   */
  public static String stripControls(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bad = isUnsafe(c);
      if (bad && out == null) {
        out = new StringBuilder(text.length());
        out.append(text, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** True for the characters {@link #stripControls} replaces. */
  public static boolean isUnsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  /**
   * For CSV cells: a cell that starts with =, +, -, @, tab or CR is a formula to Excel, LibreOffice
   * and Google Sheets (OWASP "CSV injection"); prefix it with an apostrophe so it stays text.
   */
  public static String neutralizeFormula(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell == null ? "" : cell;
    }
    char c = cell.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
  }
}
