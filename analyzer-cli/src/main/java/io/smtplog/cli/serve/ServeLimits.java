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
  /** Requests served at once; more wait (each may search for up to the query timeout). */
  static final int THREADS = 4;
  /** Seconds a client has to send its request line and headers (the JDK's server waits forever by default). */
  static final int REQUEST_SECONDS = 30;
  /** Characters of a token at least (shorter ones are guessable). */
  static final int MIN_TOKEN_LENGTH = 16;

  private ServeLimits() {}
}
