package io.smtplog.core.ingest.transcript;

/**
 * One line of Exim debug output ({@code exim -d}, transcript-formats reference section 5):
 * {@code [HH:MM:SS ][pid ]SMTP<< TEXT} as the server, the same indented by two spaces as a client
 * (transport or callout), and continuation lines of a multi-line reply indented instead of
 * prefixed. Parsed into public-for-the-package fields; not thread-safe, reused per line.
 */
final class EximDebugLine {
  /** What the line is. */
  enum Kind { COMMAND, REPLY, CONTINUATION, CLOSE, OTHER }

  Kind kind;
  /** True when Exim is the client on this line (indented), false when it is the server. */
  boolean client;
  long pid;
  String text;

  /** True for a line with an "SMTP" transfer prefix, the signature of this notation. */
  static boolean isSmtpLine(String line) {
    EximDebugLine l = new EximDebugLine();
    return l.parse(line) && (l.kind == Kind.COMMAND || l.kind == Kind.REPLY || l.kind == Kind.CLOSE);
  }

  boolean parse(String line) {
    int n = line.length();
    int i = 0;
    if (n >= 9 && Character.isDigit(line.charAt(0)) && line.charAt(2) == ':' && line.charAt(5) == ':'
        && line.charAt(8) == ' ') {
      i = 9; // +timestamp
    }
    int spaces = i;
    while (spaces < n && line.charAt(spaces) == ' ') {
      spaces++;
    }
    int digits = spaces;
    while (digits < n && Character.isDigit(line.charAt(digits))) {
      digits++;
    }
    pid = -1;
    int afterPid = -1;
    if (digits > spaces && digits < n && line.charAt(digits) == ' ' && digits - spaces <= 10) {
      afterPid = digits + 1;
    }
    if (afterPid > 0 && prefixed(line, afterPid)) {
      pid = Long.parseLong(line, spaces, digits, 10);
      return true;
    }
    if (prefixed(line, i)) {
      return true;
    }
    // A continuation of a multi-line reply: "      250-SIZE 52428800", perhaps after a pid.
    int start = afterPid > 0 && TranscriptLineParser.isReplyLine(line, skipSpaces(line, afterPid))
        ? skipSpaces(line, afterPid) : spaces;
    if (start > i && TranscriptLineParser.isReplyLine(line, start)) {
      boolean afterAPid = afterPid > 0 && start == skipSpaces(line, afterPid);
      if (afterAPid) {
        pid = Long.parseLong(line, spaces, digits, 10);
      }
      kind = Kind.CONTINUATION;
      client = start - (afterAPid ? afterPid : i) >= 8;
      text = line.substring(start);
      return true;
    }
    kind = Kind.OTHER;
    return false;
  }

  /** Reads "SMTP..." at {@code from} after any indentation; sets kind, client and text. */
  private boolean prefixed(String line, int from) {
    int at = skipSpaces(line, from);
    if (!line.startsWith("SMTP", at)) {
      return false;
    }
    client = at - from >= 2;
    int p = at + 4;
    if (line.startsWith("(close", p) || line.startsWith("(closed)", p) || line.startsWith(">>(close", p)
        || line.startsWith("(TLS shutdown)", p)) {
      kind = Kind.CLOSE;
      text = line.substring(at);
      return true;
    }
    if (p + 3 > line.length() || line.charAt(p + 2) != ' ') {
      return false;
    }
    String arrows = line.substring(p, p + 2);
    text = line.substring(p + 3);
    boolean received = arrows.equals("<<");
    boolean sent = arrows.equals(">>") || arrows.equals(">|") || arrows.equals("|>") || arrows.equals("+>");
    if (!received && !sent) {
      kind = Kind.OTHER; // "SMTP>- ◀flush▶" and the like
      return true;
    }
    // The server receives commands and sends replies; a client the other way round.
    boolean isCommand = client ? sent : received;
    kind = isCommand ? Kind.COMMAND : Kind.REPLY;
    if (isCommand && text.startsWith("(")) {
      kind = Kind.OTHER; // "SMTP>> (writing message)": the body, not a command
    } else if (!isCommand && !TranscriptLineParser.isReplyLine(text, 0)) {
      kind = Kind.OTHER; // "SMTP>> (writing message)", "SMTP(drain ...)"
    }
    return true;
  }

  private static int skipSpaces(String line, int from) {
    int i = from;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
