package io.smtplog.core.index;

import io.smtplog.core.index.IndexField.Type;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.NearNames;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ReplySource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The index's fields: the one table query parsing, sorting, facets, display and the docs read
 * (docs/index-and-query.md). Keyword fields match whole values; those holding addresses, domains and
 * names are lower-cased when indexed and when queried, so they match case-insensitively; ids keep
 * their case. Numbers and times take ranges.
 */
public final class IndexFields {
  private IndexFields() {}

  /**
   * The longest keyword value indexed and shown, in characters: Lucene refuses a term over 32,766
   * UTF-8 bytes (IndexWriter.MAX_TERM_LENGTH), which would abort the whole ingest; 1,000 characters
   * are at most 4,000 bytes. A longer value keeps its first characters and {@link #CUT_MARKER}; the
   * stored lines keep the whole value.
   */
  public static final int MAX_KEYWORD_CHARS = 1000;
  /** What ends a keyword value cut at {@link #MAX_KEYWORD_CHARS}. */
  public static final String CUT_MARKER = "\u2026[cut]";

  /** {@code value}, or its first {@link #MAX_KEYWORD_CHARS} characters and {@link #CUT_MARKER}. */
  public static String capped(String value) {
    if (value.length() <= MAX_KEYWORD_CHARS) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(MAX_KEYWORD_CHARS - 1)) ? MAX_KEYWORD_CHARS - 1 : MAX_KEYWORD_CHARS;
    return value.substring(0, end) + CUT_MARKER;
  }

  // Document kinds.
  /** One addressed recipient's outcome: the relay report's grain. */
  public static final String RECIPIENT = "recipient";
  /** One message (a queue file): its envelope and the lines of its story. */
  public static final String MESSAGE = "message";
  /** One SMTP session: a server's connection, or a dialogue (transcript, debug_peer_list). */
  public static final String SESSION_KIND = "session";
  /** One event that is part of no outcome: a refusal, a warning, a diagnostic. */
  public static final String EVENT_KIND = "event";
  /** Stored lines as they were read (internal). */
  public static final String CHUNK = "chunk";
  /** The stories still open at the last commit (internal). */
  public static final String STATE = "state";
  /**
   * One reply to RCPT TO the inputs show, whatever became of its recipient (internal: the relay
   * report's {@code rcpt_replies} counts them; queries, counts and facets never see it).
   */
  public static final String RCPT_REPLY_KIND = "rcpt_reply";
  /**
   * One reply the codes report counts besides the RCPT replies: quoted by a delivery or a refusal
   * record, or seen in a dialogue (internal, in its story: {@code report codes} counts them).
   */
  public static final String REPLY_KIND = "reply";
  /**
   * One delivery attempt that deferred, bounced or expired (internal: the summary report's deferrals,
   * deferral reasons and deferred or failed messages; in its message's story).
   */
  public static final String ATTEMPT_KIND = "attempt";
  /** One TLS connection established (internal: the summary report's TLS section; in its story). */
  public static final String TLS_KIND = "tls";

  private static final Set<String> R = Set.of(RECIPIENT);
  private static final Set<String> M = Set.of(MESSAGE);
  private static final Set<String> S = Set.of(SESSION_KIND);
  private static final Set<String> E = Set.of(EVENT_KIND);
  private static final Set<String> RM = Set.of(RECIPIENT, MESSAGE);
  private static final Set<String> RE = Set.of(RECIPIENT, EVENT_KIND);
  private static final Set<String> RME = Set.of(RECIPIENT, MESSAGE, EVENT_KIND);
  private static final Set<String> RMS = Set.of(RECIPIENT, MESSAGE, SESSION_KIND);
  private static final Set<String> RSE = Set.of(RECIPIENT, SESSION_KIND, EVENT_KIND);
  private static final Set<String> SE = Set.of(SESSION_KIND, EVENT_KIND);
  private static final Set<String> ALL = Set.of(RECIPIENT, MESSAGE, SESSION_KIND, EVENT_KIND);

  public static final String KIND = "kind";
  public static final String TIME = "time";
  public static final String LAST_SEEN = "last_seen";
  public static final String MTA = "mta";
  public static final String HOST = "host";
  public static final String QUEUE_ID = "queue_id";
  public static final String MESSAGE_ID = "message_id";
  public static final String SENDER = "sender";
  public static final String SENDER_DOMAIN = "sender_domain";
  public static final String CLIENT = "client";
  public static final String CLIENT_IP = "client_ip";
  public static final String HELO = "helo";
  public static final String RECIPIENT_FIELD = "recipient";
  public static final String ORIG_RECIPIENT = "orig_recipient";
  public static final String DOMAIN = "domain";
  public static final String STATUS = "status";
  public static final String RCPT_CODE = "rcpt_code";
  public static final String RCPT_ENHANCED = "rcpt_enhanced";
  public static final String RCPT_TAG = "rcpt_tag";
  public static final String RCPT_SOURCE = "rcpt_source";
  public static final String FORWARD_PATH = "forward_path";
  public static final String CODE = "code";
  public static final String ENHANCED = "enhanced";
  public static final String TAG = "tag";
  public static final String RELAY = "relay";
  public static final String RELAY_IP = "relay_ip";
  public static final String ROUTE = "route";
  public static final String ATTEMPTS = "attempts";
  public static final String DEFERRALS = "deferrals";
  public static final String HOPS = "hops";
  public static final String FORWARDS = "forwards";
  public static final String DELAY = "delay";
  public static final String DELAY_BEFORE_QUEUE = "delay_before_queue";
  public static final String DELAY_IN_QUEUE = "delay_in_queue";
  public static final String DELAY_CONNECT = "delay_connect";
  public static final String DELAY_TRANSMIT = "delay_transmit";
  public static final String SIZE = "size";
  public static final String TLS = "tls";
  public static final String SESSION = "session";
  public static final String COPY_OF = "copy_of";
  public static final String NOTIFICATION_OF = "notification_of";
  public static final String RECIPIENTS = "recipients";
  public static final String DIRECTION = "direction";
  public static final String AUTH = "auth";
  public static final String COMMAND = "command";
  public static final String REJECTS = "rejects";
  public static final String DURATION = "duration";
  public static final String EVENT = "event";
  public static final String TEXT = "text";
  public static final String REASON = "reason";
  public static final String FILE = "file";
  public static final String LINE = "line";
  public static final String PROVISIONAL = "provisional";

  // Values of the keyword fields that hold a closed set of words (the enums' names aside).
  /** {@link #ROUTE} of a delivered recipient: handed to another host, or delivered here. */
  public static final String ROUTE_RELAYED = "relayed";
  public static final String ROUTE_LOCAL = "local";
  /** {@link #TLS}: received over TLS or not. */
  public static final String YES = "yes";
  public static final String NO = "no";
  /** {@link #DIRECTION}: a server's session, or a client's. */
  public static final String INBOUND = "inbound";
  public static final String OUTBOUND = "outbound";
  /** {@link #AUTH}: the AUTH result. */
  public static final String AUTH_SUCCESS = "success";
  public static final String AUTH_FAILURE = "failure";
  /** {@link #PROVISIONAL}: the only value it has (a story that is not provisional has none). */
  public static final String TRUE = "true";

  // Internal fields (not queryable).
  /** The order of documents, across every ingest (doc values). */
  public static final String SEQ = "_seq";
  /** A document's values as shown in hits, as JSON (stored). */
  public static final String SHOWN = "_shown";
  /** The lines of a story, packed ({@link LineRefs}; stored). */
  public static final String LINES = "_lines";
  /** A session's dialogue as JSON (stored). */
  public static final String DIALOGUE = "_dialogue";
  /** A chunk's input: its ordinal in the file table (doc values). */
  public static final String INPUT = "_input";
  /** A chunk's first and last line, and the name its file was read under (doc values). */
  public static final String CHUNK_FIRST = "_first";
  public static final String CHUNK_LAST = "_last";
  public static final String CHUNK_FILE = "_file";
  /** A chunk's compressed lines and how to read them (stored). */
  public static final String CHUNK_DATA = "_chunk";
  /** The open stories' lines (stored, on the state document). */
  public static final String OPEN = "_open";
  /** The open stories' keys, one a line (stored, on the state document). */
  public static final String OPEN_KEYS = "_open_keys";
  /**
   * "session" on the documents whose story is a session's (the session, its events without a queue
   * id, a transcript's recipients): with {@link #SESSION} it finds them; the documents of a
   * message's story are those of its {@link #QUEUE_ID}.
   */
  public static final String SESSION_STORY = "_session_story";

  // Internal doc values the relay report aggregates (io.smtplog.core.index.agg): each holds a value as
  // the relay report counts it, where the queryable field holds it another way (lower-cased, cut,
  // in milliseconds) or not at all. Not queryable; never shown.
  /**
   * The relay row of a recipient or RCPT reply (sorted): its domain as the outcome has it, else
   * {@link #ROW_NO_DOMAIN} for an address without one, {@link #ROW_UNNAMED} for a recipient the log
   * does not name (no domain is either).
   */
  public static final String RELAY_ROW = "_relay_row";
  public static final String ROW_NO_DOMAIN = "@";
  public static final String ROW_UNNAMED = "";
  /** A recipient's next hop, host[ip]:port, only when the log names one (sorted). */
  public static final String RELAY_HOST = "_relay_host";
  /** A recipient's forward-path, else the final addresses of its aliases and forwards (sorted set). */
  public static final String FORWARD_TARGETS = "_forward_targets";
  /** 1 on a delivered recipient relayed through in eximstats' sense (numeric). */
  public static final String RELAYED_THROUGH = "_relayed_through";
  /** A recipient's first and last line, in nanoseconds since the epoch (numeric; time is in milliseconds). */
  public static final String FIRST_SEEN_NANOS = "_first_seen_ns";
  public static final String LAST_SEEN_NANOS = "_last_seen_ns";
  /** The code of an RCPT reply document (numeric). */
  public static final String RCPT_REPLY_CODE = "_rcpt_reply_code";
  /** The line that showed an RCPT reply, file:line (keyword), to tell which story it is in. */
  public static final String RCPT_REPLY_LINE = "_rcpt_reply_line";
  /** The same line as a packed reference (LineRefs: input and line), which names the input (numeric). */
  public static final String RCPT_REPLY_REF = "_rcpt_reply_ref";
  // The codes report's (CodesCollector) rows of a reply or RCPT reply document, one field per --by
  // (sorted; CodesAggregates writes and reads them): code, tag, whether a log record quoted it, and
  // the recipient domain or the host that gave it; by enhanced code the same with the enhanced code.
  public static final String CODES_ROW = "_codes_row";
  public static final String CODES_ROW_DOMAIN = "_codes_row_domain";
  public static final String CODES_ROW_RELAY = "_codes_row_relay";
  public static final String ENHANCED_ROW = "_enhanced_row";
  public static final String ENHANCED_ROW_DOMAIN = "_enhanced_row_domain";
  public static final String ENHANCED_ROW_RELAY = "_enhanced_row_relay";
  /** The reply itself, as the codes report shows and classifies a row's first one (sorted). */
  public static final String REPLY_EXAMPLE = "_reply_example";
  /** Where the reply came in the outcome stream: which is a row's first (numeric). */
  public static final String REPLY_ORDER = "_reply_order";
  /**
   * The line of a reply document of no story (a refusal the log ties to no message or session),
   * file:line like {@link #RCPT_REPLY_LINE}: a query that matched its event selects it by the line.
   */
  public static final String REPLY_LINE = "_reply_line";

  // Internal doc values the summary report aggregates (SummaryKeys computes each as SummaryCollector
  // counts it): the keys it ranks or groups by, and the figures it adds up. Not queryable; never shown.
  /** The quarter hour (epoch seconds / 900) a traffic column counts the document in (sorted). */
  public static final String SUM_QUARTER = "_sum_quarter";
  /** A recipient's domain row as the summary shows it, when delivered or deferred at least once (sorted). */
  public static final String SUM_DOMAIN = "_sum_domain";
  /** A delivered recipient's address as given (sorted). */
  public static final String SUM_RECIPIENT = "_sum_recipient";
  /** 1 on a delivered recipient (numeric): what the domain rows are ranked by. */
  public static final String SUM_DELIVERED = "_sum_delivered";
  /** The bytes the summary counts: a delivered recipient's message size, a new message's (numeric). */
  public static final String SUM_BYTES = "_sum_bytes";
  /** A delivered recipient's delay: whole seconds, the nanoseconds besides, and all of it in nanoseconds (numeric). */
  public static final String SUM_DELAY_SECONDS = "_sum_delay_s";
  public static final String SUM_DELAY_NANOS = "_sum_delay_nano";
  public static final String SUM_DELAY_TOTAL_NANOS = "_sum_delay_ns";
  /** The delay histogram's bucket of a delivered recipient (numeric). */
  public static final String SUM_DELAY_BUCKET = "_sum_delay_bucket";
  /** A reason key, "enhanced\0normalised text": a bounce's, a deferral's, a refusal's (sorted). */
  public static final String SUM_REASON = "_sum_reason";
  /** A delivered recipient relayed through: "client -> relay" (sorted). */
  public static final String SUM_RELAYED = "_sum_relayed";
  /** A message: {@link #SUM_NEW} when received new, {@link #SUM_COPY} for a copy (sorted). */
  public static final String SUM_RECEIVED = "_sum_received";
  public static final String SUM_NEW = "new";
  public static final String SUM_COPY = "copy";
  /** A new message's sender as the summary counts it, and its sending domain (sorted). */
  public static final String SUM_SENDER = "_sum_sender";
  public static final String SUM_SENDING_DOMAIN = "_sum_sending_domain";
  /** An attempt document: {@link #SUM_DEFERRED} or {@link #SUM_FAILED} (bounced, expired) (sorted). */
  public static final String SUM_ATTEMPT = "_sum_attempt";
  public static final String SUM_DEFERRED = "deferred";
  public static final String SUM_FAILED = "failed";
  /** An attempt's queue id (sorted): deferred and failed messages are counted distinct. */
  public static final String SUM_QUEUE_ID = "_sum_queue_id";
  /** What the summary counts an event as (SummaryKeys.eventClass) (sorted). */
  public static final String SUM_EVENT = "_sum_event";
  /** A diagnostic's key, "severity\0process: normalised text" (sorted). */
  public static final String SUM_DIAGNOSTIC = "_sum_diagnostic";
  /** A session document: {@link #SUM_SERVER} (a server's connection) or {@link #SUM_DIALOGUE} (sorted). */
  public static final String SUM_SESSION = "_sum_session";
  public static final String SUM_SERVER = "server";
  public static final String SUM_DIALOGUE = "dialogue";
  /** A server session's client domain (pflogsumm's gimme_domain) (sorted). */
  public static final String SUM_CLIENT = "_sum_client";
  /** A server session's length in whole seconds; 1 when it had mail (numeric). */
  public static final String SUM_SECONDS = "_sum_seconds";
  public static final String SUM_WITH_MAIL = "_sum_with_mail";
  /** A TLS document's kind ("inbound trusted TLSv1.3"), or {@link #SUM_REUSED} (sorted). */
  public static final String SUM_TLS = "_sum_tls";
  public static final String SUM_REUSED = "reused";
  /** The line of an attempt or TLS document, packed (LineRefs): two alike on two lines are two documents (numeric). */
  public static final String SUM_REF = "_sum_ref";

  /** The decimal fields that hold delays, each with its bucket ({@link #delayBucket}). */
  public static final List<String> DELAY_FIELDS = List.of(DELAY, DELAY_BEFORE_QUEUE, DELAY_IN_QUEUE, DELAY_CONNECT,
      DELAY_TRANSMIT);

  /**
   * The internal field holding the {@link io.smtplog.core.index.agg.DelayBuckets} bucket of a delay
   * field's value (numeric), which a delay sketch counts past its exact limit.
   */
  public static String delayBucket(String delayField) {
    if (!DELAY_FIELDS.contains(delayField)) {
      throw new IllegalArgumentException("not a delay field: " + delayField);
    }
    return "_" + delayField + "_bucket";
  }

  /**
   * One internal field (not queryable) and how the index writes it, for another backend's schema
   * (the Solr configset is generated from {@link #internal()} and {@link #all()}, never copied).
   */
  public record InternalField(String name, Storage storage, String meaning) {}

  /** How an internal field is written: one kind of Lucene field each. */
  public enum Storage {
    /** One whole number per document, doc values only ({@code NumericDocValuesField}). */
    LONG_DOC_VALUES,
    /** One string per document, doc values only ({@code SortedDocValuesField}). */
    STRING_DOC_VALUES,
    /** Several strings per document, doc values only ({@code SortedSetDocValuesField}). */
    STRING_SET_DOC_VALUES,
    /** One string matched whole, indexed, not stored ({@code StringField}). */
    STRING_INDEXED,
    /** A string stored, neither indexed nor doc values ({@code StoredField}). */
    STORED_STRING,
    /** Bytes stored, neither indexed nor doc values ({@code StoredField}). */
    STORED_BYTES
  }

  private static final List<InternalField> INTERNAL = List.of(
      new InternalField(SEQ, Storage.LONG_DOC_VALUES, "the order of documents, across every ingest"),
      new InternalField(SHOWN, Storage.STORED_BYTES, "a document's values as shown in hits"),
      new InternalField(LINES, Storage.STORED_BYTES, "the lines of a story, packed"),
      new InternalField(DIALOGUE, Storage.STORED_STRING, "a session's dialogue, as JSON"),
      new InternalField(SESSION_STORY, Storage.STRING_INDEXED, "marks the documents of a session's story"),
      new InternalField(INPUT, Storage.LONG_DOC_VALUES, "a chunk's input (its ordinal in the file table)"),
      new InternalField(CHUNK_FIRST, Storage.LONG_DOC_VALUES, "a chunk's first line"),
      new InternalField(CHUNK_LAST, Storage.LONG_DOC_VALUES, "a chunk's last line"),
      new InternalField(CHUNK_FILE, Storage.STRING_DOC_VALUES, "a chunk's file"),
      new InternalField(CHUNK_DATA, Storage.STORED_BYTES, "a chunk's lines and how to read them"),
      new InternalField(OPEN, Storage.STORED_BYTES, "the open stories' lines (the state document)"),
      new InternalField(OPEN_KEYS, Storage.STORED_STRING, "the open stories' keys, one a line (the state document)"),
      new InternalField(RELAY_ROW, Storage.STRING_DOC_VALUES, "the relay report's row of a recipient or RCPT reply"),
      new InternalField(RELAY_HOST, Storage.STRING_DOC_VALUES, "a recipient's next hop, as the relay report counts it"),
      new InternalField(FORWARD_TARGETS, Storage.STRING_SET_DOC_VALUES, "a recipient's forward-path or final addresses"),
      new InternalField(RELAYED_THROUGH, Storage.LONG_DOC_VALUES, "1 on a delivered recipient relayed through"),
      new InternalField(FIRST_SEEN_NANOS, Storage.LONG_DOC_VALUES, "a recipient's first line, nanoseconds"),
      new InternalField(LAST_SEEN_NANOS, Storage.LONG_DOC_VALUES, "a recipient's last line, nanoseconds"),
      new InternalField(RCPT_REPLY_CODE, Storage.LONG_DOC_VALUES, "the code of an RCPT reply document"),
      new InternalField(RCPT_REPLY_LINE, Storage.STRING_INDEXED, "the line that showed an RCPT reply, file:line"),
      new InternalField(RCPT_REPLY_REF, Storage.LONG_DOC_VALUES, "the line that showed an RCPT reply, input and line"),
      new InternalField(CODES_ROW, Storage.STRING_DOC_VALUES, "the codes report's row of a reply by code"),
      new InternalField(CODES_ROW_DOMAIN, Storage.STRING_DOC_VALUES, "the same, by recipient domain"),
      new InternalField(CODES_ROW_RELAY, Storage.STRING_DOC_VALUES, "the same, by the host that replied"),
      new InternalField(ENHANCED_ROW, Storage.STRING_DOC_VALUES, "the codes report's row of a reply by enhanced code"),
      new InternalField(ENHANCED_ROW_DOMAIN, Storage.STRING_DOC_VALUES, "the same, by recipient domain"),
      new InternalField(ENHANCED_ROW_RELAY, Storage.STRING_DOC_VALUES, "the same, by the host that replied"),
      new InternalField(REPLY_EXAMPLE, Storage.STRING_DOC_VALUES, "a reply as the codes report shows it"),
      new InternalField(REPLY_ORDER, Storage.LONG_DOC_VALUES, "a reply's place in the outcome stream"),
      new InternalField(REPLY_LINE, Storage.STRING_INDEXED, "the line of a reply of no story, file:line"),
      new InternalField(SUM_QUARTER, Storage.STRING_DOC_VALUES, "the quarter hour a traffic column counts it in"),
      new InternalField(SUM_DOMAIN, Storage.STRING_DOC_VALUES, "a recipient's domain row in the summary"),
      new InternalField(SUM_RECIPIENT, Storage.STRING_DOC_VALUES, "a delivered recipient's address as given"),
      new InternalField(SUM_DELIVERED, Storage.LONG_DOC_VALUES, "1 on a delivered recipient"),
      new InternalField(SUM_BYTES, Storage.LONG_DOC_VALUES, "the bytes the summary counts"),
      new InternalField(SUM_DELAY_SECONDS, Storage.LONG_DOC_VALUES, "a delivered recipient's delay, whole seconds"),
      new InternalField(SUM_DELAY_NANOS, Storage.LONG_DOC_VALUES, "a delivered recipient's delay, the nanoseconds"),
      new InternalField(SUM_DELAY_TOTAL_NANOS, Storage.LONG_DOC_VALUES, "a delivered recipient's delay in nanoseconds"),
      new InternalField(SUM_DELAY_BUCKET, Storage.LONG_DOC_VALUES, "a delivered recipient's delay histogram bucket"),
      new InternalField(SUM_REASON, Storage.STRING_DOC_VALUES, "a bounce's, deferral's or refusal's reason key"),
      new InternalField(SUM_RELAYED, Storage.STRING_DOC_VALUES, "a recipient relayed through: client -> relay"),
      new InternalField(SUM_RECEIVED, Storage.STRING_DOC_VALUES, "a message received new, or a copy"),
      new InternalField(SUM_SENDER, Storage.STRING_DOC_VALUES, "a new message's sender as the summary counts it"),
      new InternalField(SUM_SENDING_DOMAIN, Storage.STRING_DOC_VALUES, "a new message's sending domain"),
      new InternalField(SUM_ATTEMPT, Storage.STRING_DOC_VALUES, "an attempt deferred, or failed"),
      new InternalField(SUM_QUEUE_ID, Storage.STRING_DOC_VALUES, "an attempt's queue id"),
      new InternalField(SUM_EVENT, Storage.STRING_DOC_VALUES, "what the summary counts an event as"),
      new InternalField(SUM_DIAGNOSTIC, Storage.STRING_DOC_VALUES, "a diagnostic's key"),
      new InternalField(SUM_SESSION, Storage.STRING_DOC_VALUES, "a server's session, or a dialogue"),
      new InternalField(SUM_CLIENT, Storage.STRING_DOC_VALUES, "a server session's client domain"),
      new InternalField(SUM_SECONDS, Storage.LONG_DOC_VALUES, "a server session's whole seconds"),
      new InternalField(SUM_WITH_MAIL, Storage.LONG_DOC_VALUES, "1 on a server session that had mail"),
      new InternalField(SUM_TLS, Storage.STRING_DOC_VALUES, "a TLS connection's kind, or reused"),
      new InternalField(SUM_REF, Storage.LONG_DOC_VALUES, "the line of an attempt or TLS document, packed"));

  /** The internal fields: every field the index writes besides {@link #all()}'s. */
  public static List<InternalField> internal() {
    List<InternalField> all = new java.util.ArrayList<>(INTERNAL);
    for (String delay : DELAY_FIELDS) {
      all.add(new InternalField(delayBucket(delay), Storage.LONG_DOC_VALUES, "the 1% bucket of " + delay));
    }
    return List.copyOf(all);
  }

  /** Derived facets: counts per hour of the day and per day, from {@link #TIME}. */
  public static final String HOUR = "hour";
  public static final String DAY = "day";

  private static final List<IndexField> TABLE = List.of(
      f(KIND, Type.KEYWORD, true, ALL, "recipient, message, session or event", "kind:session"),
      f(TIME, Type.TIME, true, ALL, "when it began (a recipient: first seen)", "time:[now-1d TO now]"),
      counted(LAST_SEEN, Type.TIME, RMS, "when it ended (a recipient: its last line)", "last_seen:[2024-06-01 TO *]"),
      f(MTA, Type.KEYWORD, true, ALL, "postfix, exim or transcript", "mta:exim"),
      f(HOST, Type.KEYWORD, true, ALL, "the syslog host", "host:mx1"),
      f(QUEUE_ID, Type.ID, false, RME, "the message (a recipient's: the last copy, which decided it)",
          "queue_id:4BxQ2k0fJmz9v"),
      f(MESSAGE_ID, Type.ID, false, RM, "the Message-ID header", "message_id:\"<abc@example.org>\""),
      f(SENDER, Type.KEYWORD, true, RME, "the envelope sender", "sender:alice@shop.example"),
      f(SENDER_DOMAIN, Type.KEYWORD, true, RME, "the envelope sender's domain", "sender_domain:shop.example"),
      f(CLIENT, Type.KEYWORD, false, ALL, "the sending host, host[ip]", "client:*example.net*"),
      f(CLIENT_IP, Type.KEYWORD, true, ALL, "the sending host's address", "client_ip:192.0.2.7"),
      f(HELO, Type.KEYWORD, true, S, "the name the client gave in HELO/EHLO", "helo:mail.example.com"),
      f(RECIPIENT_FIELD, Type.KEYWORD, true, RE, "the final address (an event's: the one it names)",
          "recipient:bob@example.net"),
      f(ORIG_RECIPIENT, Type.KEYWORD, false, R, "the address the mail was sent to, when an alias or forward changed it",
          "orig_recipient:team@example.org"),
      f(DOMAIN, Type.KEYWORD, true, RE, "the domain the mail was addressed to", "domain:example.net"),
      f(STATUS, Type.KEYWORD, true, R, "delivered, deferred, bounced, expired, rejected or discarded",
          "status:bounced"),
      f(RCPT_CODE, Type.LONG, true, R, "the reply to RCPT TO, where the inputs show it", "rcpt_code:251"),
      f(RCPT_ENHANCED, Type.KEYWORD, true, R, "the enhanced status code of the reply to RCPT TO", "rcpt_enhanced:2.1.5"),
      f(RCPT_TAG, Type.KEYWORD, true, R, "the meaning of the reply to RCPT TO", "rcpt_tag:user-not-local-will-forward"),
      f(RCPT_SOURCE, Type.KEYWORD, true, R, "where the reply to RCPT TO was seen: transcript, debug_log or record",
          "rcpt_source:debug_log"),
      f(FORWARD_PATH, Type.KEYWORD, true, R, "the forward-path of a 251 or 551, else an alias's final address",
          "forward_path:bob@new.example.net"),
      f(CODE, Type.LONG, true, RSE, "a recipient's final reply code; every reply code of a session; an event's",
          "code:[500 TO 599]"),
      f(ENHANCED, Type.KEYWORD, true, RSE, "the enhanced status code (RFC 3463) of that reply", "enhanced:5.1.1"),
      f(TAG, Type.KEYWORD, true, RSE, "the meaning of that reply", "tag:mailbox-unavailable"),
      f(RELAY, Type.KEYWORD, true, R, "the next hop of the last attempt, host[ip]:port, or the transport",
          "relay:mx1.example.net*"),
      f(RELAY_IP, Type.KEYWORD, true, R, "the next hop's address", "relay_ip:203.0.113.5"),
      f(ROUTE, Type.KEYWORD, true, R, "relayed or local, for a delivered recipient", "route:local"),
      counted(ATTEMPTS, Type.LONG, R, "delivery attempts", "attempts:[3 TO *]"),
      counted(DEFERRALS, Type.LONG, R, "deferred attempts", "deferrals:[1 TO *]"),
      counted(HOPS, Type.LONG, R, "hand-overs to a content filter or relay hop", "hops:1"),
      counted(FORWARDS, Type.LONG, R, "forwards to a new message (an alias, a .forward)", "forwards:1"),
      f(DELAY, Type.DOUBLE, true, R, "seconds from arrival to the last attempt", "delay:[60 TO *]"),
      counted(DELAY_BEFORE_QUEUE, Type.DOUBLE, R, "Postfix delays= a: before the queue manager", "delay_before_queue:[5 TO *]"),
      counted(DELAY_IN_QUEUE, Type.DOUBLE, R, "Postfix delays= b: in the queue manager", "delay_in_queue:[1 TO *]"),
      counted(DELAY_CONNECT, Type.DOUBLE, R, "Postfix delays= c: connection set-up", "delay_connect:[10 TO *]"),
      counted(DELAY_TRANSMIT, Type.DOUBLE, R, "Postfix delays= d: transmission", "delay_transmit:[10 TO *]"),
      f(SIZE, Type.LONG, true, RM, "message size in bytes", "size:[1000000 TO *]"),
      f(TLS, Type.KEYWORD, true, RMS, "yes when received over TLS (a session: when STARTTLS took effect)", "tls:no"),
      f(SESSION, Type.ID, false, ALL, "the session it belongs to (file:line of its first line)",
          "session:\"mail.log:1200\""),
      f(COPY_OF, Type.ID, false, M, "the message this one is a copy of (a filter's re-injection, a forward)",
          "copy_of:4BxQ2k0fJmz9v"),
      f(NOTIFICATION_OF, Type.ID, false, M, "the message a bounce or delay notification reports on",
          "notification_of:4BxQ2k0fJmz9v"),
      counted(RECIPIENTS, Type.LONG, M, "the message's recipient count, when logged", "recipients:[10 TO *]"),
      f(DIRECTION, Type.KEYWORD, true, S, "inbound (a server's session) or outbound (a client's)", "direction:outbound"),
      f(AUTH, Type.KEYWORD, true, S, "the AUTH result: success or failure (credentials are never kept)", "auth:failure"),
      f(COMMAND, Type.KEYWORD, true, SE, "a session's commands; an event's stage (RCPT, DATA, CONNECT...)", "command:starttls"),
      counted(REJECTS, Type.LONG, S, "refusals in the session", "rejects:[1 TO *]"),
      counted(DURATION, Type.DOUBLE, S, "seconds from the session's first line to its last", "duration:[300 TO *]"),
      f(EVENT, Type.KEYWORD, true, E, "reject, reject_warning, discard, hold, warning, error, fatal, panic...",
          "event:warning"),
      f(TEXT, Type.TEXT, false, RSE, "words of the reason (a recipient not delivered: its last reply; an event's text)",
          "text:\"mailbox busy\""),
      f(REASON, Type.ID, true, RE, "the reason's text without its reply codes (addresses, host addresses and long"
          + " numbers made alike): for counting", "reason:\"Insufficient system storage\""),
      f(FILE, Type.ID, true, ALL, "the input file", "file:\"/var/log/mail.log\""),
      f(LINE, Type.LONG, true, SE, "the line number of its first line", "line:[1 TO 100]"),
      f(PROVISIONAL, Type.KEYWORD, true, RMS,
          "true for the story of a message or session still open when the last ingest ended", "provisional:true"));

  private static final Map<String, IndexField> BY_NAME = byName();

  /**
   * The fields that hold one of a few values, with those values as queries match them (lower case):
   * {@code status:bouncd} can match nothing, and the query says so (issue 12). {@link IndexDocuments}
   * writes them: the enums' names, and its words for the others.
   */
  private static final Map<String, List<String>> CLOSED_VALUES = Map.of(
      KIND, List.of(RECIPIENT, MESSAGE, SESSION_KIND, EVENT_KIND),
      MTA, lowerCase(Mta.values()),
      STATUS, lowerCase(RecipientStatus.values()),
      RCPT_SOURCE, lowerCase(ReplySource.values()),
      ROUTE, List.of(ROUTE_RELAYED, ROUTE_LOCAL),
      TLS, List.of(YES, NO),
      DIRECTION, List.of(INBOUND, OUTBOUND),
      AUTH, List.of(AUTH_SUCCESS, AUTH_FAILURE),
      PROVISIONAL, List.of(TRUE));

  private static IndexField f(String name, Type type, boolean docValues, Set<String> kinds, String meaning,
      String example) {
    return new IndexField(name, type, docValues, true, kinds, meaning, example);
  }

  /** A number counted and sorted by more than searched for: doc values only (searched through them). */
  private static IndexField counted(String name, Type type, Set<String> kinds, String meaning, String example) {
    return new IndexField(name, type, true, false, kinds, meaning, example);
  }

  private static Map<String, IndexField> byName() {
    Map<String, IndexField> map = new LinkedHashMap<>();
    for (IndexField f : TABLE) {
      map.put(f.name(), f);
    }
    return map;
  }

  /** Every queryable field, in the docs' order. */
  public static List<IndexField> all() {
    return TABLE;
  }

  /** The field {@code name}, when the index has one. */
  public static Optional<IndexField> field(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The field {@code name}; throws for a name the table does not have (a programming error). */
  static IndexField require(String name) {
    IndexField f = BY_NAME.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no index field " + name);
    }
    return f;
  }

  /**
   * The only values {@code name} holds (lower case, as a query matches them), when they are a closed
   * set (status, mta, kind, direction...); empty for a field of open values (addresses, codes, text).
   */
  public static Optional<List<String>> closedValues(String name) {
    return Optional.ofNullable(CLOSED_VALUES.get(name));
  }

  private static List<String> lowerCase(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
  }

  /**
   * What to tell someone who typed {@code typed} where one of {@code candidates} was expected: the
   * nearest names, each with {@code prefix} ("did you mean status?", "did you mean -time?"), or that
   * the field exists but cannot be {@code verb} ("sorted", "counted"; empty for a query), and where
   * the fields are listed. Never the whole list.
   */
  static String nearest(String typed, List<String> candidates, String verb, String prefix) {
    String list = verb.isEmpty() ? "`smtplog query --fields` lists every field"
        : "`smtplog query --fields` lists every field; those counted \"yes\" can be " + verb;
    if (!verb.isEmpty() && field(typed).isPresent() && !candidates.contains(typed)) {
      return "not a counted field (" + list + ")";
    }
    List<String> near = NearNames.nearest(typed, candidates).stream().map(n -> prefix + n).toList();
    return near.isEmpty() ? list : NearNames.didYouMean(near) + " (" + list + ")";
  }

  /** The names a query may use, in the docs' order. */
  public static List<String> names() {
    return TABLE.stream().map(IndexField::name).toList();
  }

  /** Fields that can be sorted and counted (doc values), and the derived facets. */
  public static List<String> countable() {
    List<String> names = new java.util.ArrayList<>(TABLE.stream().filter(IndexField::docValues)
        .map(IndexField::name).toList());
    names.add(HOUR);
    names.add(DAY);
    return names;
  }

  /**
   * The field table as docs/index-and-query.md shows it (a Markdown table: field, type, the kinds of document
   * that have it, whether it sorts and counts, meaning, an example query); a test keeps the docs'
   * copy equal to it.
   */
  public static String markdown() {
    StringBuilder sb = new StringBuilder("| field | type | in | sort, facet | meaning | example |\n|---|---|---|---|---|---|\n");
    List<String> order = List.of(RECIPIENT, MESSAGE, SESSION_KIND, EVENT_KIND);
    for (IndexField f : TABLE) {
      String kinds = f.kinds().size() == order.size() ? "all"
          : String.join(", ", order.stream().filter(f.kinds()::contains).toList());
      sb.append("| `").append(f.name()).append("` | ").append(f.type().name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ").append(kinds).append(" | ").append(f.docValues() ? "yes" : "").append(" | ")
          .append(f.meaning().replace("|", "\\|")).append(" | `").append(f.example()).append("` |\n");
    }
    sb.append("| `").append(HOUR).append("`, `").append(DAY)
        .append("` | facet | all | yes | the hour of the day and the date of `time` (in `--timezone`) | `--facet hour` |\n");
    return sb.toString();
  }
}
