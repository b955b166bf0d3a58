package io.smtplog.core.report;

import java.util.List;

/** Column names and JSON keys of every report: the one place they are spelled. */
public final class ReportKeys {
  private ReportKeys() {}

  // Relay section columns (issue 9, section 1).
  public static final String DOMAIN = "domain";
  public static final String RECIPIENTS = "recipients";
  public static final String DELIVERED = "delivered";
  public static final String ACCEPTED_250 = "accepted_250";
  public static final String FORWARDED_251 = "forwarded_251";
  public static final String ACCEPTED_252 = "accepted_252";
  public static final String RCPT_REPLY_UNSEEN = "rcpt_reply_unseen";
  public static final String RELAYED = "relayed";
  public static final String LOCAL = "local";
  public static final String DEFERRED = "deferred";
  public static final String BOUNCED = "bounced";
  public static final String EXPIRED = "expired";
  public static final String REJECTED = "rejected";
  public static final String DISCARDED = "discarded";
  public static final String DEFERRALS = "deferrals";
  /** Refusals logged (a recipient refused twice is two records): the totals' metric and the reject reasons' figure. */
  public static final String REJECT_RECORDS = "reject_records";
  public static final String FORWARDED = "forwarded";
  public static final String HOPS = "hops";
  /** Delivered from a remote host to a remote host, address unchanged (eximstats' "relayed"). */
  public static final String RELAYED_THROUGH = "relayed_through";
  public static final String FORWARD_PATHS = "forward_paths";
  public static final String RELAY_HOSTS = "relay_hosts";
  public static final String RCPT_REPLIES = "rcpt_replies";
  public static final String DELAY_P50_S = "delay_p50_s";
  public static final String DELAY_P95_S = "delay_p95_s";
  public static final String DELAY_MAX_S = "delay_max_s";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";

  /** The domain value of the totals row. */
  public static final String TOTALS_DOMAIN = "*";
  /**
   * The domain row of recipients the log counts but does not name: the other recipients of a
   * message refused whole by header_checks (Postfix names only one), known from the session's
   * {@code rcpt=} tally.
   */
  public static final String UNNAMED_DOMAIN = io.smtplog.core.index.SummaryKeys.UNNAMED_DOMAIN;
  /** The domain row of addresses without a domain ({@code RCPT TO:<foo>}). */
  public static final String NO_DOMAIN = io.smtplog.core.index.SummaryKeys.NO_DOMAIN;

  // JSON document structure.
  public static final String INPUT = "input";
  public static final String DOMAINS = "domains";
  public static final String TOTALS = "totals";
  public static final String FILES = "files";
  public static final String LINES = "lines";
  public static final String BYTES = "bytes";
  public static final String EVENTS = "events";
  public static final String IGNORED = "ignored";
  public static final String OTHER = "other";
  public static final String OTHER_PROGRAMS = "otherPrograms";
  public static final String OTHER_SAMPLES = "otherSamples";
  /** Remarks about whole files in the input section; sentences after a section's rows (what the input can show). */
  public static final String NOTES = "notes";
  public static final String PROBLEMS = "problems";
  public static final String PROBLEMS_BY_KIND = "problemsByKind";
  /** Per input format ("syslog", "exim", "transcript"): files, lines, events, problems. */
  public static final String FORMATS = "formats";
  /** Events per writer ("postfix", "exim", "transcript"). */
  public static final String EVENTS_BY_MTA = "eventsByMta";
  public static final String PROBLEM_SAMPLES = "problemSamples";
  public static final String FILE = "file";
  public static final String LINE = "line";
  public static final String KIND = "kind";
  public static final String DETAIL = "detail";
  public static final String EXCERPT = "excerpt";

  // classify output (issue 2, section 2), one object per reply.
  public static final String CODE = "code";
  public static final String CLASS = "class";
  public static final String CLASS_NAME = "className";
  public static final String CATEGORY = "category";
  public static final String CATEGORY_NAME = "categoryName";
  public static final String MEANING = "meaning";
  public static final String TAG = "tag";
  public static final String FORWARD_PATH = "forwardPath";
  public static final String ENHANCED = "enhanced";
  public static final String ENHANCED_CLASS = "enhancedClass";
  public static final String ENHANCED_SUBJECT = "enhancedSubject";
  public static final String ENHANCED_DETAIL = "enhancedDetail";
  public static final String COMMAND = "command";
  public static final String TEXT = "text";

  // sessions output, one object per session.
  public static final String MTA = "mta";
  public static final String PROGRAM = "program";
  public static final String PID = "pid";
  public static final String PEER = "peer";
  public static final String ROLE = "role";
  public static final String START = "start";
  public static final String END = "end";
  public static final String COMPLETE = "complete";
  public static final String DROPPED_EXCHANGES = "droppedExchanges";
  public static final String EXCHANGES = "exchanges";
  public static final String TLS = "tls";
  public static final String DATA_LINES = "dataLines";
  public static final String REPLY = "reply";
  public static final String SOURCE = "source";

  // query output
  /** The event itself, as stored in the index. */
  // Query hits (JSON).
  public static final String TOTAL = "total";
  public static final String SHOWN = "shown";
  public static final String HITS = "hits";
  public static final String FIELD = "field";
  public static final String VALUE = "value";
  public static final String COUNT = "count";

  // summary and codes reports (issue 5): section names (--section, CSV file names, JSON keys) and columns.
  public static final String REPORT = "report";
  public static final String SECTIONS = "sections";
  public static final String NAME = "name";
  public static final String TITLE = "title";
  public static final String COLUMNS = "columns";
  public static final String ROWS = "rows";
  public static final String SECTION_TOTALS = "totals";
  public static final String SECTION_TRAFFIC_DAILY = "traffic_daily";
  public static final String SECTION_TRAFFIC_HOURLY = "traffic_hourly";
  public static final String SECTION_DOMAINS_DELIVERED = "domains_delivered";
  public static final String SECTION_DOMAINS_RECEIVED = "domains_received";
  public static final String SECTION_TOP_SENDERS = "top_senders";
  public static final String SECTION_TOP_SENDERS_BY_SIZE = "top_senders_by_size";
  public static final String SECTION_TOP_RECIPIENTS = "top_recipients";
  public static final String SECTION_TOP_RECIPIENTS_BY_SIZE = "top_recipients_by_size";
  public static final String SECTION_DEFERRAL_REASONS = "deferral_reasons";
  public static final String SECTION_BOUNCE_REASONS = "bounce_reasons";
  public static final String SECTION_REJECT_REASONS = "reject_reasons";
  public static final String SECTION_DIAGNOSTICS = "diagnostics";
  public static final String SECTION_CONNECTIONS = "connections";
  public static final String SECTION_CONNECTIONS_BY_CLIENT = "connections_by_client";
  public static final String SECTION_TLS = "tls";
  public static final String SECTION_RELAYED = "relayed";
  public static final String SECTION_DELAYS = "delays";
  public static final String SECTION_DELAY_HISTOGRAM = "delay_histogram";
  public static final String SECTION_REPLY_CODES = "reply_codes";
  public static final String SECTION_ENHANCED_CODES = "enhanced_codes";
  public static final String SECTION_RCPT_REPLIES = "rcpt_replies";
  public static final String SECTION_RELAY = "relay";
  public static final String METRIC = "metric";
  /** Metrics whose name starts so are sizes in bytes ("bytes_received"): tables show them as pflogsumm does. */
  public static final String BYTES_METRIC_PREFIX = "bytes_";
  public static final String BYTES_RECEIVED = BYTES_METRIC_PREFIX + "received";
  public static final String BYTES_DELIVERED = BYTES_METRIC_PREFIX + "delivered";
  public static final String MEANING_COLUMN = "meaning";
  public static final String RELAY = "relay";
  public static final String SUBJECT = "subject";
  public static final String DETAIL_NAME = "detail";
  public static final String IN_LOGS = "in_logs";
  public static final String IN_TRANSCRIPTS = "in_transcripts";
  public static final String EXAMPLE = "example";
  /** Messages received, in the traffic sections. */
  public static final String RECEIVED = "received";
  /**
   * The columns of the traffic sections, in chart order: messages received, then recipients by
   * final outcome in the hour it was decided, and deferred attempts in their own hour.
   */
  public static final List<String> TRAFFIC_COLUMNS = List.of(RECEIVED, DELIVERED, DEFERRALS, BOUNCED, EXPIRED,
      REJECTED, DISCARDED);
}
