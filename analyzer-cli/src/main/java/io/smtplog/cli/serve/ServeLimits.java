package io.smtplog.cli.serve;

/** What bounds the server's work per request and at once: one place for every limit of {@code smtplog serve}. */
final class ServeLimits {
  /** Hits per request at most (also values per facet), and without {@code limit}. */
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_LIMIT = 20;
  /** Rows of a report's ranked lists at most, and without {@code top}. */
  static final int MAX_TOP = 1000;
  static final int DEFAULT_TOP = 100;
  /** Seconds a request may search the index without {@code --query-timeout}, and at most. */
  static final int DEFAULT_QUERY_SECONDS = 10;
  static final int MAX_QUERY_SECONDS = 3600;
  /** Characters of an answer at most (about 8 MB of ASCII). */
  static final int MAX_ANSWER_CHARS = 8 << 20;
  /** Bytes of a file of the page at most. */
  static final int MAX_STATIC_BYTES = 4 << 20;
  /**
   * Connections served at once. The JDK's server reads a request's line and headers on these
   * threads, before the token can be checked: many, so that a few clients that send nothing (or
   * trickle) do not shut everyone out; {@link #REQUEST_SECONDS} frees them.
   */
  static final int THREADS = 64;
  /** Requests that search the index (the API's commands) at once; more are answered 503 after {@link #SEARCH_WAIT_SECONDS}. */
  static final int SEARCHES = 4;
  static final int SEARCH_WAIT_SECONDS = 5;
  /** Seconds a client has to send its request line and headers (the JDK's server waits forever by default). */
  static final int REQUEST_SECONDS = 5;
  /** Seconds a client has to read an answer (one that stops reading would hold its thread forever). */
  static final int RESPONSE_SECONDS = 60;
  /** Characters of a token at least (shorter ones are guessable). */
  static final int MIN_TOKEN_LENGTH = 16;

  private ServeLimits() {}
}
