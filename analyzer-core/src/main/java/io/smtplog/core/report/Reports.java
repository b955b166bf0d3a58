package io.smtplog.core.report;

import io.smtplog.core.index.agg.Aggregations;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;

/** The reports smtplog prints: their names, collectors and section names. */
public final class Reports {
  public static final String SUMMARY = "summary";
  public static final String CODES = "codes";
  public static final String RELAY = "relay";

  private Reports() {}

  /** {@code smtplog report relay}: recipients per domain by outcome, with the 250/251 split. */
  public static ReportCollector relay(Pseudonymizer pseudonyms, ZoneId zone) {
    return new RelayCollector(pseudonyms, zone);
  }

  /**
   * {@code smtplog report summary}: what pflogsumm and eximstats print, then recipients per domain
   * by outcome and replies by code (the charts of the HTML format are drawn from these).
   */
  public static ReportCollector summary(Pseudonymizer pseudonyms, ZoneId zone) {
    return new CompositeCollector(List.of(new SummaryCollector(zone, pseudonyms), new RelayCollector(pseudonyms, zone),
        new CodesCollector(CodesCollector.By.NONE, pseudonyms)));
  }

  /** {@code smtplog report codes}: replies per code, per enhanced code and to RCPT, optionally per domain or relay. */
  public static ReportCollector codes(CodesCollector.By by, Pseudonymizer pseudonyms) {
    return new CodesCollector(by, pseudonyms);
  }

  /**
   * The report {@code name} from aggregates over index documents instead of the outcomes replayed
   * (a SolrCloud collection's): the same collectors, filled from {@link RelayAggregates},
   * {@link SummaryAggregates} and {@link CodesAggregates}, so the same sections in the same order
   * ({@code by} is the codes report's breakdown).
   */
  public static ReportCollector fromAggregates(String name, Aggregations source, CodesCollector.By by,
      Pseudonymizer pseudonyms, ZoneId zone, int top) throws IOException {
    return switch (name) {
      case RELAY -> RelayAggregates.collector(source, pseudonyms, zone);
      case SUMMARY -> new CompositeCollector(List.of(SummaryAggregates.collector(source, zone, top),
          RelayAggregates.collector(source, pseudonyms, zone),
          CodesAggregates.collector(source, CodesCollector.By.NONE, pseudonyms)));
      case CODES -> CodesAggregates.collector(source, by, pseudonyms);
      default -> throw new IllegalArgumentException("no report " + name);
    };
  }

  /** The section names of a report, in order, before anything is read (for checking --section). */
  public static List<String> sectionNames(String report) {
    ReportCollector collector = switch (report) {
      case RELAY -> relay(Pseudonymizer.NONE, ZoneId.of("UTC"));
      case SUMMARY -> summary(Pseudonymizer.NONE, ZoneId.of("UTC"));
      case CODES -> codes(CodesCollector.By.NONE, Pseudonymizer.NONE);
      default -> throw new IllegalArgumentException("no report " + report);
    };
    return collector.sections(1).stream().map(Section::name).toList();
  }
}
