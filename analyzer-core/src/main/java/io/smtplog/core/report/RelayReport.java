package io.smtplog.core.report;

import io.smtplog.core.session.RecipientOutcome;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The per-domain relay report: one row per recipient domain (lower-cased), sorted by recipients
 * descending (then by domain), and a totals row "*". Fed with recipient outcomes; not thread-safe.
 */
public final class RelayReport implements Consumer<RecipientOutcome> {
  private final Optional<String> domainFilter;
  private final Map<String, DomainStats> byDomain = new HashMap<>();

  /**
   * @param domainFilter when present, only this domain and its subdomains are counted
   */
  public RelayReport(Optional<String> domainFilter) {
    this.domainFilter = domainFilter.map(d -> d.toLowerCase(Locale.ROOT).replaceAll("^[.@]+", ""));
  }

  @Override
  public void accept(RecipientOutcome outcome) {
    String domain = outcome.domain();
    if (domainFilter.isPresent() && !matches(domain, domainFilter.get())) {
      return;
    }
    byDomain.computeIfAbsent(domain, d -> new DomainStats()).add(outcome);
  }

  private static boolean matches(String domain, String filter) {
    return domain.equals(filter) || domain.endsWith("." + filter);
  }

  /** The domain rows, at most {@code top} of them (0 = all), in report order. */
  public List<RelayRow> rows(int top, ZoneId zone) {
    List<Map.Entry<String, DomainStats>> entries = new ArrayList<>(byDomain.entrySet());
    entries.sort(Comparator.comparingLong((Map.Entry<String, DomainStats> e) -> -e.getValue().recipients)
        .thenComparing(Map.Entry::getKey));
    List<RelayRow> rows = new ArrayList<>();
    for (Map.Entry<String, DomainStats> e : entries) {
      if (top > 0 && rows.size() >= top) {
        break;
      }
      rows.add(e.getValue().toRow(e.getKey().isEmpty() ? "(none)" : e.getKey(), zone));
    }
    return rows;
  }

  /** The totals row "*" over every domain, including those cut by {@code top}. */
  public RelayRow totals(ZoneId zone) {
    DomainStats all = new DomainStats();
    byDomain.values().forEach(all::addAll);
    return all.toRow(ReportKeys.TOTALS_DOMAIN, zone);
  }
}
