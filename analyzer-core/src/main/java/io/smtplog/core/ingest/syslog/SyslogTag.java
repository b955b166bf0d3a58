package io.smtplog.core.ingest.syslog;

/**
 * A syslog tag split at its last '/': "postfix/submission/smtpd" is instance "postfix/submission"
 * and program "smtpd". Immutable; parsers share instances for equal tags.
 */
public record SyslogTag(String tag, String instance, String program) {
  public static SyslogTag of(String tag) {
    int slash = tag.lastIndexOf('/');
    return slash < 0 ? new SyslogTag(tag, "", tag) : new SyslogTag(tag, tag.substring(0, slash), tag.substring(slash + 1));
  }
}
