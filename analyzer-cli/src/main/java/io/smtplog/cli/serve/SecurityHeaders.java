package io.smtplog.cli.serve;

import com.sun.net.httpserver.Headers;

/** The headers every response carries (docs: the API's security defaults). */
final class SecurityHeaders {
  /** No inline script or style, nothing from another origin, never framed. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  /**
   * An HTML report's: its charts are inline styles, no script at all, and the page may show it in a
   * frame of its own origin (nothing else may frame it).
   */
  static final String REPORT_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("script-src 'self'", "script-src 'none'").replace("frame-ancestors 'none'", "frame-ancestors 'self'");

  private SecurityHeaders() {}

  static void set(Headers headers, WebReply reply) {
    headers.set("Content-Security-Policy", reply.inlineStyles() ? REPORT_CSP : CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", reply.inlineStyles() ? "SAMEORIGIN" : "DENY");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("Cache-Control", reply.cacheable() ? "no-cache" : "no-store");
  }
}
