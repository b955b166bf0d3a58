package io.smtplog.core.ingest.syslog;

/**
 * The prefix a container runtime writes before each line it captured from a container's output:
 * <ul>
 *   <li>{@code docker logs --timestamps}: {@code 2024-06-01T12:00:00.123456789Z LINE} (RFC 3339
 *       with nanoseconds, UTC, one space);
 *   <li>the CRI log format of containerd and CRI-O (Kubernetes node logs under /var/log/pods):
 *       {@code 2024-06-01T12:00:00.123456789Z stdout F LINE}, where the stream is {@code stdout}
 *       or {@code stderr} and the tag is {@code F} (a full line) or {@code P} (a partial line: the
 *       runtime cut a line longer than its buffer, 16 KiB by default, and the rest follows in the
 *       next records of the same stream; see the Kubernetes CRI logging design, "Log format").
 * </ul>
 * {@code innerStart} is where the captured line begins in the raw line. Recognised by content
 * only: the caller still requires the inner line to be a syslog line before it believes a docker
 * prefix, because an rsyslog RFC 3339 line starts the same way.
 */
record ContainerPrefix(int innerStart, boolean cri, boolean partial) {
  private static final String STDOUT = "stdout ";
  private static final String STDERR = "stderr ";

  /** The prefix of {@code line}, or null when it does not start with one. */
  static ContainerPrefix of(String line) {
    int end = stampEnd(line);
    if (end < 0 || end >= line.length() || line.charAt(end) != ' ') {
      return null;
    }
    int i = end + 1;
    if (line.startsWith(STDOUT, i) || line.startsWith(STDERR, i)) {
      int flag = i + STDOUT.length();
      if (flag + 1 <= line.length() && (line.charAt(flag) == 'F' || line.charAt(flag) == 'P')
          && (flag + 1 == line.length() || line.charAt(flag + 1) == ' ')) {
        return new ContainerPrefix(Math.min(flag + 2, line.length()), true, line.charAt(flag) == 'P');
      }
    }
    return new ContainerPrefix(i, false, false);
  }

  /**
   * The end of a leading RFC 3339 date-time with a zone ({@code Z} or {@code +hh:mm}), as both
   * runtimes write it (RFC 3339 section 5.6), or -1. A stamp without a zone is no runtime's.
   */
  private static int stampEnd(String s) {
    int n = s.length();
    if (n < 20 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 7) || s.charAt(7) != '-'
        || !digits(s, 8, 10) || s.charAt(10) != 'T' || !digits(s, 11, 13) || s.charAt(13) != ':'
        || !digits(s, 14, 16) || s.charAt(16) != ':' || !digits(s, 17, 19)) {
      return -1;
    }
    int i = 19;
    if (s.charAt(i) == '.') {
      int from = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == from) {
        return -1;
      }
    }
    if (i < n && s.charAt(i) == 'Z') {
      return i + 1;
    }
    if (i + 6 <= n && (s.charAt(i) == '+' || s.charAt(i) == '-') && digits(s, i + 1, i + 3)
        && s.charAt(i + 3) == ':' && digits(s, i + 4, i + 6)) {
      return i + 6;
    }
    return -1;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
