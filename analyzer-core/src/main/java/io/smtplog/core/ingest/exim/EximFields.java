package io.smtplog.core.ingest.exim;

import java.util.Optional;

/**
 * Scans the run of {@code TAG=value} fields and bare flags that Exim writes after an address or at
 * the start of an entry (exim-log-format reference section 5): {@code R=router T=transport
 * H=host [ip]:port X=TLS1.3:... CV=yes K C="250 OK"}. Values are a quoted string ({@code "} and
 * {@code \} escaped, as {@code string_printing} writes {@code C=}, {@code T=} and {@code DN=}), an
 * angle-bracketed address ({@code F=<a@b>}), a host ({@code H=}, see {@link EximHost}), or a word.
 * The scan stops at the first token that is neither: the free text that follows ("defer (-44)
 * ...", ": SMTP error ...", "rejected RCPT ...", "for a@b c@d") is the caller's. Not thread-safe;
 * reused per line.
 */
final class EximFields {
  private static final int MAX_FIELDS = 48;
  private static final int MAX_TAG = 8;

  private final String[] tags = new String[MAX_FIELDS];
  private final String[] values = new String[MAX_FIELDS];
  private int count;
  private int restStart;
  private final EximHost host = new EximHost();
  private boolean hasHost;

  /** Scans from {@code from}; afterwards {@link #restStart()} is where the free text begins. */
  void scan(String line, int from) {
    count = 0;
    hasHost = false;
    int n = line.length();
    int i = from;
    while (true) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        restStart = n;
        return;
      }
      int eq = tagEnd(line, i);
      if (eq < 0) {
        int word = wordEnd(line, i);
        if (isBareFlag(line, i, word)) {
          i = word;
          continue;
        }
        restStart = i;
        return;
      }
      String tag = line.substring(i, eq);
      int v = eq + 1;
      int end;
      String value;
      if (tag.equals("H") && host.parse(line, v)) {
        end = host.end();
        value = line.substring(v, end);
        hasHost = true;
      } else if (v < n && line.charAt(v) == '"') {
        int close = plainQuoteEnd(line, v);
        if (close > 0) {
          end = close + 1;
          value = line.substring(v + 1, close);
        } else {
          StringBuilder sb = new StringBuilder(n - v);
          end = readQuoted(line, v, sb);
          value = sb.toString();
        }
      } else if (v < n && line.charAt(v) == '<') {
        int close = line.indexOf('>', v);
        end = close < 0 ? wordEnd(line, v) : wordEnd(line, close);
        value = line.substring(v, end);
      } else {
        end = wordEnd(line, v);
        value = line.substring(v, end);
      }
      if (value.endsWith(":") && value.length() > 1) {
        // The colon opens the free text: "T=remote_smtp: SMTP error ..." (older releases), "X=TLS1.2:
        // ECDHE-RSA-AES256-GCM-SHA384:256: SMTP error ..." (no field value ends with a colon itself).
        put(tag, value.substring(0, value.length() - 1));
        restStart = end - 1;
        return;
      }
      put(tag, value);
      i = end;
    }
  }

  private void put(String tag, String value) {
    if (count < MAX_FIELDS) {
      tags[count] = tag;
      values[count] = value;
      count++;
    }
  }

  /** The index of "=" when a tag starts at {@code i}, else -1. Tags: letters, digits, "*", "_". */
  private static int tagEnd(String line, int i) {
    int n = line.length();
    int j = i;
    while (j < n && j - i <= MAX_TAG) {
      char c = line.charAt(j);
      if (c == '=') {
        return j > i ? j : -1;
      }
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || c == '_'
          || c == '-';
      if (!ok) {
        return -1;
      }
      j++;
    }
    return -1;
  }

  /**
   * Flags Exim writes without a value (section 5: K, L, PRDR, DS, TFO, SPF, DMARC...). The
   * pipelining flag is "L" followed by markers of what was offered and used (receive.c writes
   * "L", then "*" when pipelining was used, "." when early pipelining was offered and "*" when it
   * was used, and releases differ: "L-", "L.", "L*", "L.-", "L*.*" are all seen), so any run of those
   * markers after "L" is the flag.
   */
  private static boolean isBareFlag(String line, int from, int to) {
    if (line.charAt(from) == 'L' && to - from <= 5) {
      boolean markers = true;
      for (int i = from + 1; i < to; i++) {
        char c = line.charAt(i);
        markers &= c == '.' || c == '-' || c == '*';
      }
      if (markers) {
        return true;
      }
    }
    return switch (line.substring(from, to)) {
      case "K", "L", "L-", "L.", "L*", "PRDR", "DS", "TFO", "TFO*", "SPF", "DMARC", "ARC", "DKIM", "*" -> true;
      default -> false;
    };
  }

  static int wordEnd(String line, int from) {
    int end = line.indexOf(' ', from);
    return end < 0 ? line.length() : end;
  }

  /**
   * The closing quote of the quoted string at {@code from} when nothing in it is escaped (nearly
   * every C= reply and T= subject): its value is then the text between the quotes. -1 otherwise.
   */
  private static int plainQuoteEnd(String line, int from) {
    int n = line.length();
    for (int i = from + 1; i < n; i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /** Reads a quoted string at {@code from} (the opening quote) into {@code out}; returns the index after it. */
  static int readQuoted(String line, int from, StringBuilder out) {
    int n = line.length();
    int i = from + 1;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < n) {
        out.append(line.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '"') {
        return i + 1;
      }
      out.append(c);
      i++;
    }
    return n; // an unterminated quote runs to the end of the line
  }

  int restStart() {
    return restStart;
  }

  /** The value of the first field with this tag. */
  String get(String tag) {
    for (int i = 0; i < count; i++) {
      if (tags[i].equals(tag)) {
        return values[i];
      }
    }
    return null;
  }

  Optional<String> optional(String tag) {
    return Optional.ofNullable(get(tag));
  }

  boolean hasHost() {
    return hasHost;
  }

  /** The parsed {@code H=} field; valid when {@link #hasHost()}. */
  EximHost host() {
    return host;
  }
}
