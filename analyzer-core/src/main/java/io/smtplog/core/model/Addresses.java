package io.smtplog.core.model;

import java.util.Locale;

/**
 * Envelope addresses as logs show them. Domains are case-insensitive (RFC 5321 section 2.4), local
 * parts are not: every comparison and every grouping goes through {@link #domainOf} or
 * {@link #normalized}, so "Bob@Example.NET" and "Bob@example.net" are one address and one domain.
 * Stateless.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * The domain of an address, lower-cased and without a trailing dot: the part after the last '@'
   * (a quoted local part may hold '@'); "" for the null sender and for bare local names ("root").
   */
  public static String domainOf(String address) {
    if (address == null) {
      return "";
    }
    int at = address.lastIndexOf('@');
    if (at < 0 || at == address.length() - 1) {
      return "";
    }
    int end = address.length();
    if (address.charAt(end - 1) == '.') {
      end--;
    }
    return lowerCase(address, at + 1, end);
  }

  /**
   * The address with its domain lower-cased and the local part kept as written (RFC 5321 section
   * 2.4: a local part may be case-sensitive): the form in which addresses are counted and listed.
   */
  public static String normalized(String address) {
    if (address == null) {
      return "";
    }
    int at = address.lastIndexOf('@');
    if (at < 0 || at == address.length() - 1) {
      return address;
    }
    for (int i = at + 1; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c >= 'A' && c <= 'Z' || c > 0x7f) {
        return address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
      }
    }
    return address; // already lower-case: the common case allocates nothing
  }

  /**
   * The domain the mail was addressed to: the original address's, when an alias or forward
   * rewrote it and it had a domain (Postfix logs unqualified originals such as orig_to=&lt;postfix&gt;),
   * else the delivered address's. The one rule by which every report groups recipients.
   */
  public static String addressedDomain(String original, String delivered) {
    String domain = original == null ? "" : domainOf(original);
    return domain.isEmpty() ? domainOf(delivered) : domain;
  }

  /** The address inside "RCPT TO:&lt;x&gt; NOTIFY=..." (case of the verb ignored), or null. */
  public static String pathOfCommand(String commandLine) {
    int open = commandLine.indexOf('<');
    int close = open < 0 ? -1 : commandLine.indexOf('>', open + 1);
    return close < 0 ? null : commandLine.substring(open + 1, close);
  }

  /** True when {@code domain} is {@code wanted} or one of its subdomains; both lower-case. */
  public static boolean inDomain(String domain, String wanted) {
    return domain.equals(wanted)
        || domain.length() > wanted.length() && domain.endsWith(wanted)
        && domain.charAt(domain.length() - wanted.length() - 1) == '.';
  }

  private static String lowerCase(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z' || c > 0x7f) {
        return s.substring(from, to).toLowerCase(Locale.ROOT);
      }
    }
    return s.substring(from, to);
  }
}
