package io.smtplog.cli.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page's files, from the jar's resources {@code io/smtplog/cli/serve/web/}: {@code /} is its
 * index.html, {@code /static/NAME} the others. A name is plain segments of letters, digits, dots,
 * dashes and underscores, each starting with a letter or digit, ending in a known extension: no
 * {@code ..}, no percent-encoding, no backslash, no folder (so no listing).
 */
final class StaticFiles {
  static final String PREFIX = "/static/";
  static final String FOLDER = "web/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
  private static final Map<String, String> TYPES = Map.of(
      "html", WebReply.HTML,
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "json", WebReply.JSON,
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "txt", "text/plain; charset=utf-8",
      "woff2", "font/woff2");

  private StaticFiles() {}

  static WebReply index() throws IOException {
    return file("index.html");
  }

  /** {@code path} as sent (still encoded). */
  static WebReply answer(String path) throws IOException {
    return file(path.substring(PREFIX.length()));
  }

  private static WebReply file(String name) throws IOException {
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (!NAME.matcher(name).matches() || type == null) {
      return notFound();
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        return notFound();
      }
      byte[] body = in.readNBytes(ServeLimits.MAX_STATIC_BYTES + 1);
      if (body.length > ServeLimits.MAX_STATIC_BYTES) {
        return notFound();
      }
      return new WebReply(200, type, body, true, false);
    }
  }

  private static WebReply notFound() {
    return WebReply.error(404, "no such file of the page");
  }
}
