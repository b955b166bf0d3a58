package io.smtplog.core.index;

import java.util.List;
import java.util.Set;

/**
 * The names of the index's fields: the one place they are spelled (README, "The index"). Keyword
 * fields match whole values; those holding addresses, domains and names are lower-cased when
 * indexed and when queried, so they match case-insensitively. Numeric fields take ranges.
 */
public final class IndexFields {
  private IndexFields() {}

  /** "event" for an event's document, "session" for a session's. */
  public static final String DOC = "doc";
  public static final String TIME = "time";
  public static final String MTA = "mta";
  public static final String HOST = "host";
  public static final String PROGRAM = "program";
  public static final String EVENT = "event";
  public static final String SESSION = "session";
  public static final String QUEUE_ID = "queue_id";
  public static final String MESSAGE_ID = "message_id";
  public static final String CLIENT = "client";
  public static final String CLIENT_IP = "client_ip";
  public static final String HELO = "helo";
  public static final String SENDER = "sender";
  public static final String SENDER_DOMAIN = "sender_domain";
  public static final String RECIPIENT = "recipient";
  public static final String DOMAIN = "domain";
  public static final String ORIG_RECIPIENT = "orig_recipient";
  public static final String RELAY = "relay";
  public static final String RELAY_IP = "relay_ip";
  public static final String COMMAND = "command";
  public static final String CODE = "code";
  public static final String CLASS = "class";
  public static final String CATEGORY = "category";
  public static final String TAG = "tag";
  public static final String ENHANCED = "enhanced";
  public static final String STATUS = "status";
  public static final String FORWARD_PATH = "forward_path";
  public static final String DELAY = "delay";
  public static final String SIZE = "size";
  public static final String TEXT = "text";
  public static final String FILE = "file";
  public static final String LINE = "line";
  /** A session's last line, for finding the session of an event by its file and line. */
  public static final String LAST_LINE = "last_line";
  /** The order the events were read in, across every ingest into the index (doc values only). */
  public static final String SEQ = "_seq";
  /** The event or session itself, as JSON (stored only). */
  public static final String JSON = "_json";

  public static final String DOC_EVENT = "event";
  public static final String DOC_SESSION = "session";

  /** Keyword fields whose values keep their case (ids, file names). */
  public static final Set<String> CASED_KEYWORDS = Set.of(QUEUE_ID, MESSAGE_ID, FILE, SESSION);

  /** Keyword fields lower-cased on both sides. */
  public static final Set<String> KEYWORDS = Set.of(DOC, MTA, HOST, PROGRAM, EVENT, CLIENT, CLIENT_IP, HELO, SENDER,
      SENDER_DOMAIN, RECIPIENT, DOMAIN, ORIG_RECIPIENT, RELAY, RELAY_IP, COMMAND, CLASS, CATEGORY, TAG, ENHANCED,
      STATUS, FORWARD_PATH);

  /**
   * Keyword fields with doc values, for sorting and facets: the low-cardinality ones and those a
   * report groups by. Ids, addresses and names are searchable but not sortable or countable.
   */
  public static final Set<String> WITH_DOC_VALUES = Set.of(MTA, HOST, PROGRAM, EVENT, SESSION, CLIENT_IP,
      SENDER_DOMAIN, DOMAIN, RELAY, RELAY_IP, COMMAND, CLASS, CATEGORY, TAG, ENHANCED, STATUS, FILE);

  /** Whole-number fields (points and doc values). */
  public static final Set<String> LONGS = Set.of(CODE, SIZE, LINE, LAST_LINE);

  /** The fields a query may name, in the README's order. */
  public static final List<String> QUERYABLE = List.of(TIME, MTA, HOST, PROGRAM, EVENT, SESSION, QUEUE_ID, MESSAGE_ID,
      CLIENT, CLIENT_IP, HELO, SENDER, SENDER_DOMAIN, RECIPIENT, DOMAIN, ORIG_RECIPIENT, RELAY, RELAY_IP, COMMAND, CODE,
      CLASS, CATEGORY, TAG, ENHANCED, STATUS, FORWARD_PATH, DELAY, SIZE, TEXT, FILE, LINE);
}
