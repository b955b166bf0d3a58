package io.smtplog.core.ingest.syslog;

import java.time.Instant;

/**
 * The parsed envelope of a syslog line. {@code messageStart} is the index in the raw line where the
 * program's own text begins. {@code pid} is -1 when the line carries none. Immutable.
 */
public record SyslogHeader(Instant at, String host, SyslogTag syslogTag, long pid, int messageStart) {

  /** The tag as written: "postfix/submission/smtpd". */
  public String tag() {
    return syslogTag.tag();
  }

  /** The last path component of the tag: "smtpd" for "postfix/submission/smtpd". */
  public String program() {
    return syslogTag.program();
  }

  /** Everything before the program: "postfix/submission" for "postfix/submission/smtpd". */
  public String instance() {
    return syslogTag.instance();
  }
}
