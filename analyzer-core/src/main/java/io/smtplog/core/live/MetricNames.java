package io.smtplog.core.live;

import io.smtplog.core.report.format.PrometheusFormat;
import java.util.List;

/**
 * The names of the metric families {@link LiveCounters} writes, and of their labels: the names the
 * dashboard, the alerting rules and the documentation use (issue 14's contract). Counters end in
 * {@code _total}, as the Prometheus naming conventions ask.
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String LINES_READ = PrometheusFormat.PREFIX + "lines_read_total";
  public static final String LINE_PROBLEMS = PrometheusFormat.PREFIX + "line_problems_total";
  public static final String RECIPIENTS = PrometheusFormat.PREFIX + "recipients_total";
  public static final String DELIVERED_BY_RCPT_REPLY = PrometheusFormat.PREFIX
      + "delivered_recipients_by_rcpt_reply_total";
  public static final String REPLIES = PrometheusFormat.PREFIX + "replies_total";
  public static final String DEFERRALS = PrometheusFormat.PREFIX + "deferrals_total";
  public static final String DELIVERY_ATTEMPTS = PrometheusFormat.PREFIX + "delivery_attempts_total";
  public static final String REJECTS = PrometheusFormat.PREFIX + "rejects_total";
  public static final String SESSIONS = PrometheusFormat.PREFIX + "sessions_total";
  public static final String DOMAIN_RECIPIENTS = PrometheusFormat.PREFIX + "domain_recipients_total";
  public static final String LAST_LINE_READ = PrometheusFormat.PREFIX + "last_line_read_timestamp_seconds";
  public static final String LAST_LINE_LOGGED = PrometheusFormat.PREFIX + "last_line_logged_timestamp_seconds";
  public static final String FOLLOW_LAG = PrometheusFormat.PREFIX + "follow_lag_bytes";
  public static final String FOLLOW_INPUTS = PrometheusFormat.PREFIX + "follow_inputs";
  public static final String INDEX_COMMITS = PrometheusFormat.PREFIX + "index_commits_total";
  public static final String INDEX_LAST_COMMIT = PrometheusFormat.PREFIX + "index_last_commit_timestamp_seconds";
  public static final String BUILD_INFO = PrometheusFormat.PREFIX + "build_info";

  /** The families written only once a round of following was told (a server that follows nothing has none). */
  public static final List<String> FOLLOWING = List.of(LAST_LINE_READ, LAST_LINE_LOGGED, FOLLOW_LAG, FOLLOW_INPUTS);

  /**
   * Every family, in the order they are written; {@link #DOMAIN_RECIPIENTS} only when asked for,
   * {@link #FOLLOWING} only while following.
   */
  public static final List<String> ALL = List.of(LINES_READ, LINE_PROBLEMS, RECIPIENTS, DELIVERED_BY_RCPT_REPLY,
      REPLIES, DEFERRALS, DELIVERY_ATTEMPTS, REJECTS, SESSIONS, DOMAIN_RECIPIENTS, LAST_LINE_READ, LAST_LINE_LOGGED, FOLLOW_LAG,
      FOLLOW_INPUTS, INDEX_COMMITS, INDEX_LAST_COMMIT, BUILD_INFO);

  public static final String KIND = "kind";
  public static final String OUTCOME = "outcome";
  public static final String RCPT_REPLY = "rcpt_reply";
  public static final String CLASS = "class";
  public static final String CODE = "code";
  public static final String REASON_CLASS = "reason_class";
  public static final String STATUS = "status";
  public static final String DOMAIN = "domain";
  public static final String VERSION = "version";

  /** The domain label of the recipients past {@link LiveCounters#MAX_DOMAINS} domains. */
  public static final String OTHER_DOMAIN = "(other)";
}
