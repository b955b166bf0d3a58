package io.smtplog.core.report;

import io.smtplog.core.model.Peer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces the local part of addresses (and, when asked, their domains) by keyed hashes
 * (HMAC-SHA256 with the user's key, first 10 hex digits): the same address gives the same
 * pseudonym in every section and every run with the same key, and nobody without the key can
 * tell whose it is. Not thread-safe (one Mac).
 */
public final class Pseudonymizer {
  /** Leaves everything as it is. */
  public static final Pseudonymizer NONE = new Pseudonymizer(null, false);

  private final Mac mac;
  private final boolean domains;

  private Pseudonymizer(Mac mac, boolean domains) {
    this.mac = mac;
    this.domains = domains;
  }

  public static Pseudonymizer withKey(String key, boolean domains) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return new Pseudonymizer(mac, domains);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  public boolean active() {
    return mac != null;
  }

  /** "alice@example.com" becomes "u3f2a9c01b7@example.com" (or "u...@d....example" with domains). */
  public String address(String address) {
    if (mac == null || address == null || address.isEmpty()) {
      return address;
    }
    int at = address.lastIndexOf('@');
    String local = at < 0 ? address : address.substring(0, at);
    String domain = at < 0 ? "" : address.substring(at + 1);
    String pseudo = "u" + hash(local.toLowerCase(Locale.ROOT));
    return at < 0 ? pseudo : pseudo + "@" + domain(domain);
  }

  /** A domain, hashed when domains are pseudonymised ("d3f2a9c01b7.example"). */
  public String domain(String domain) {
    if (mac == null || !domains || domain == null || domain.isEmpty() || domain.startsWith("(")) {
      return domain;
    }
    return "d" + hash(domain.toLowerCase(Locale.ROOT)) + ".example";
  }

  /**
   * A free text (a reply, a reason) with every address in it pseudonymised ("user@domain" tokens,
   * with or without angle brackets) and, with domains, every host or domain name too ("220
   * mx.example.com ESMTP"). Unchanged when no key was given.
   */
  public String text(String text) {
    if (mac == null || text == null || (!domains && text.indexOf('@') < 0 && !text.contains("="))) {
      return text;
    }
    if (text.contains("=")) {
      // Login names (Exim's "set_id=alice", Postfix's "sasl_username=alice") are people too.
      Matcher login = LOGIN.matcher(text);
      StringBuilder named = new StringBuilder(text.length() + 16);
      while (login.find()) {
        login.appendReplacement(named, Matcher.quoteReplacement(login.group(1) + address(login.group(2))));
      }
      login.appendTail(named);
      text = named.toString();
    }
    Matcher m = (domains ? ADDRESS_OR_DOMAIN : ADDRESS).matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 16);
    while (m.find()) {
      String token = m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(token.indexOf('@') > 0 ? address(token) : domain(token)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * As {@link #text(String)}, and the local parts of {@code known} addresses (the recipient and
   * sender of the record the text comes from) wherever they stand alone: local(8) writes
   * {@code unknown user: "bob"}, without the domain.
   */
  public String text(String text, String... known) {
    String out = text(text);
    if (mac == null || out == null) {
      return out;
    }
    for (String address : known) {
      if (address == null) {
        continue;
      }
      int at = address.lastIndexOf('@');
      String local = at < 0 ? address : address.substring(0, at);
      if (local.length() >= 2) {
        Matcher m = Pattern.compile("(?<![\\w.+-])" + Pattern.quote(local) + "(?![\\w+-]|@)",
            Pattern.CASE_INSENSITIVE).matcher(out);
        out = m.replaceAll(Matcher.quoteReplacement("u" + hash(local.toLowerCase(Locale.ROOT))));
      }
    }
    return out;
  }

  /** A host name hashed like a domain (with --pseudonymize-domains); the address kept. */
  public Peer peer(Peer p) {
    if (mac == null || !domains || p.hostname().isEmpty() || p.hostname().equals(p.address())
        || p.hostname().equals("unknown") || p.hostname().startsWith("private/")) {
      return p;
    }
    return new Peer(domain(p.hostname()), p.address(), p.port());
  }

  private static final Pattern LOGIN = Pattern.compile("((?:set_id|sasl_username)=)([^\\s,;()]+)");
  private static final String ADDRESS_PATTERN = "[^\\s<>\"'(),;:\\[\\]=]+@[A-Za-z0-9.-]+[A-Za-z0-9]";
  private static final Pattern ADDRESS = Pattern.compile(ADDRESS_PATTERN);
  /** An address, or a name of two or more labels ending in letters (not "4.2.1", not "1.4.3"). */
  private static final Pattern ADDRESS_OR_DOMAIN = Pattern.compile(ADDRESS_PATTERN
      + "|(?<![\\w.@-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}(?![\\w.-])");

  private String hash(String text) {
    byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 5);
  }
}
