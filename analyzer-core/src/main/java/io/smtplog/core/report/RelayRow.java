package io.smtplog.core.report;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One row of the per-domain relay report; {@code domain} is "*" for the totals row. Delays are in
 * seconds, empty when the domain had no delivered recipient. {@code relayedThrough} (eximstats'
 * "relayed": from a remote host to a remote host, address unchanged) is not one of the 19 columns:
 * it appears in JSON only. Immutable.
 */
public record RelayRow(
    String domain, long recipients, long delivered, long accepted250, long forwarded251, long relayed,
    long local, long deferred, long bounced, long expired, long rejected, long deferrals, String forwardPaths,
    String relayHosts, long relayedThrough, Optional<BigDecimal> delayP50Seconds, Optional<BigDecimal> delayP95Seconds,
    Optional<BigDecimal> delayMaxSeconds, Optional<OffsetDateTime> firstSeen, Optional<OffsetDateTime> lastSeen) {

  /** The row's cells as text, in {@link ReportKeys#RELAY_COLUMNS} order; empty values are "". */
  public java.util.List<String> cells() {
    return java.util.List.of(domain, Long.toString(recipients), Long.toString(delivered), Long.toString(accepted250),
        Long.toString(forwarded251), Long.toString(relayed), Long.toString(local), Long.toString(deferred),
        Long.toString(bounced), Long.toString(expired), Long.toString(rejected), Long.toString(deferrals),
        forwardPaths, relayHosts, text(delayP50Seconds), text(delayP95Seconds), text(delayMaxSeconds),
        firstSeen.map(RelayRow::iso).orElse(""), lastSeen.map(RelayRow::iso).orElse(""));
  }

  static String iso(OffsetDateTime t) {
    return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  private static String text(Optional<BigDecimal> value) {
    return value.map(BigDecimal::toPlainString).orElse("");
  }
}
