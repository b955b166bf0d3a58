package io.smtplog.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The token every request must carry when {@code --token-file} is given: as {@code Authorization:
 * Bearer TOKEN}, as {@code ?token=TOKEN}, or as the cookie the page gets when it was loaded with one
 * of those (a page's scripts and styles are loaded without headers). Compared in constant time.
 */
public final class AccessToken {
  /** The cookie that carries the token for the page's own files (HttpOnly, SameSite=Strict). */
  static final String COOKIE = "smtplog_token";

  private final byte[] digest;
  private final String token;

  private AccessToken(String token) {
    this.token = token;
    this.digest = sha256(token);
  }

  /**
   * The first line of {@code file}. Refused (exit 2) when it cannot be read, is shorter than
   * {@link ServeLimits#MIN_TOKEN_LENGTH} characters or holds other than printable ASCII, and when every user may read it.
   */
  public static AccessToken read(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
        throw new UserError(ExitCodes.USAGE, "the token file " + file + " is readable by every user: chmod 600 " + file);
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its permissions are not ours to judge.
    } catch (IOException e) {
      throw new UserError(ExitCodes.USAGE, "cannot read the token file " + file + ": " + e.getMessage());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UserError(ExitCodes.USAGE, "cannot read the token file " + file + ": " + e.getMessage());
    }
    String token = lines.isEmpty() ? "" : lines.get(0).strip();
    boolean printable = token.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';' && c != ',');
    if (token.length() < ServeLimits.MIN_TOKEN_LENGTH || !printable) {
      throw new UserError(ExitCodes.USAGE, "the first line of the token file " + file + " must be a token of at least "
          + ServeLimits.MIN_TOKEN_LENGTH + " printable ASCII characters (e.g. openssl rand -hex 32 > " + file + ")");
    }
    return new AccessToken(token);
  }

  /** A token given as is (tests). */
  static AccessToken of(String token) {
    return new AccessToken(token);
  }

  /** Empty when the request carries the token; else the 401 to answer. */
  Optional<WebReply> refusal(HttpExchange exchange, WebRequest request) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    List<String> given = new ArrayList<>();
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given.add(auth.substring(7).strip());
    }
    given.addAll(request.params().getOrDefault("token", List.of()));
    List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
    for (String header : cookies) {
      for (String cookie : header.split(";")) {
        String c = cookie.strip();
        if (c.startsWith(COOKIE + "=")) {
          given.add(c.substring(COOKIE.length() + 1));
        }
      }
    }
    if (given.isEmpty()) {
      return Optional.of(WebReply.error(401, "this server needs its token: send Authorization: Bearer TOKEN"
          + " (or load the page with ?token=TOKEN)"));
    }
    boolean ok = false;
    for (String g : given) {
      ok |= MessageDigest.isEqual(digest, sha256(g));
    }
    return ok ? Optional.empty() : Optional.of(WebReply.error(401, "wrong token: give the first line of the server's"
        + " --token-file"));
  }

  /** The Set-Cookie value for the page's own files. */
  String cookie() {
    return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  }

  /** Compared as digests: equal lengths, so the comparison's time says nothing of the token. */
  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
