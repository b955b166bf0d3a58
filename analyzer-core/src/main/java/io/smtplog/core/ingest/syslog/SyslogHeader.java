package io.smtplog.core.ingest.syslog;

import java.time.Instant;

/**
 * The parsed envelope of a syslog line. {@code messageStart} is the index in the raw line where the
 * program's own text begins. {@code pid} is -1 when the line carries none. Immutable.
 */
public record SyslogHeader(Instant at, String host, String tag, long pid, int messageStart) {

  /** The last path component of the tag: "smtpd" for "postfix/submission/smtpd". */
  public String program() {
    int slash = tag.lastIndexOf('/');
    return slash < 0 ? tag : tag.substring(slash + 1);
  }

  /** Everything before the program: "postfix/submission" for "postfix/submission/smtpd". */
  public String instance() {
    int slash = tag.lastIndexOf('/');
    return slash < 0 ? "" : tag.substring(0, slash);
  }
}
