package io.smtplog.core.summary;

import java.time.ZoneId;
import java.util.List;

/** The collectors of the sectioned reports. */
public final class Reports {
  public static final String SUMMARY = "summary";
  public static final String CODES = "codes";
  public static final String RELAY = "relay";

  private Reports() {}

  /**
   * {@code smtplog report summary}: what pflogsumm and eximstats print, then recipients per domain
   * by outcome and replies by code (the charts of the HTML format are drawn from these).
   */
  public static SectionCollector summary(ReportFilter filter, Pseudonymizer pseudonyms, ZoneId zone) {
    return new CompositeCollector(List.of(new SummaryCollector(zone, filter, pseudonyms),
        new RelaySection(filter, pseudonyms, zone), new CodesCollector(CodesCollector.By.NONE, filter, pseudonyms)));
  }

  /** {@code smtplog report codes}: replies per code and per enhanced code, optionally per domain or relay. */
  public static SectionCollector codes(CodesCollector.By by, ReportFilter filter, Pseudonymizer pseudonyms) {
    return new CodesCollector(by, filter, pseudonyms);
  }
}
