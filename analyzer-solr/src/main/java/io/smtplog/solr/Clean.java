package io.smtplog.solr;

import io.smtplog.core.report.format.SafeText;

/** Text quoted from the user or from Solr, made safe for one terminal line (SafeText) and short. */
final class Clean {
  private static final int MAX = 200;

  private Clean() {}

  static String text(String s) {
    String clean = SafeText.stripControls(s == null ? "" : s).strip();
    return clean.length() <= MAX ? clean : clean.substring(0, MAX) + "...";
  }
}
