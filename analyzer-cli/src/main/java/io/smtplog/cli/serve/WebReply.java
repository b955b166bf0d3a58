package io.smtplog.cli.serve;

import java.nio.charset.StandardCharsets;

/**
 * What a route answers: the status, the media type, the body, and whether it may be cached and
 * may carry inline styles (an HTML report's, never scripts).
 */
record WebReply(int status, String contentType, byte[] body, boolean cacheable, boolean inlineStyles) {
  static final String JSON = "application/json; charset=utf-8";
  static final String CSV = "text/csv; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  /** A JSON answer of the API (never cached). */
  static WebReply json(int status, String json) {
    return new WebReply(status, JSON, json.getBytes(StandardCharsets.UTF_8), false, false);
  }

  /** {@code {"error": message}} with {@code status}. */
  static WebReply error(int status, String message) {
    return json(status, Json.object("error", message));
  }
}
