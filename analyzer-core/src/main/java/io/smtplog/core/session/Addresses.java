package io.smtplog.core.session;

import java.util.Locale;

/** Small helpers for envelope addresses as logs show them. */
public final class Addresses {
  private Addresses() {}

  /**
   * The domain of an address, lower-cased: the part after the last '@' (a quoted local part may
   * hold '@'); "" for the null sender and for bare local names such as "root".
   */
  public static String domainOf(String address) {
    if (address == null) {
      return "";
    }
    int at = address.lastIndexOf('@');
    if (at < 0 || at == address.length() - 1) {
      return "";
    }
    String domain = address.substring(at + 1);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    return domain.toLowerCase(Locale.ROOT);
  }

  /**
   * The domain the mail was addressed to: the original address's, when an alias or forward
   * rewrote it and it had a domain (Postfix logs unqualified originals such as orig_to=&lt;postfix&gt;),
   * else the delivered address's.
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
}
