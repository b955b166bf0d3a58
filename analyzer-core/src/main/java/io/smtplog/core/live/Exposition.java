package io.smtplog.core.live;

import io.smtplog.core.report.format.PrometheusFormat;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one exposition in the Prometheus text format 0.0.4: each family's HELP and TYPE once, then
 * its samples, one per label set. Label values and HELP texts are escaped as {@link PrometheusFormat}
 * escapes them; two raw values that escape alike (control characters become U+FFFD) are one series
 * with their figures added, because a repeated series makes the whole exposition invalid. Not
 * thread-safe: one per {@link LiveCounters#write} call.
 */
final class Exposition {
  /** The TYPE of a family (text format 0.0.4). */
  enum Type {
    COUNTER, GAUGE
  }

  private record Family(Type type, String help, Map<String, BigDecimal> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** Starts the family {@code name}; its samples follow with {@link #sample}. */
  Exposition family(String name, Type type, String help) {
    families.putIfAbsent(name, new Family(type, help, new LinkedHashMap<>()));
    return this;
  }

  /**
   * Adds {@code value} to the series of {@code name} with the labels {@code nameValuePairs} (label
   * name, raw value, ...), in the order given.
   */
  void sample(String name, BigDecimal value, String... nameValuePairs) {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      labels.append(i == 0 ? "{" : ",").append(nameValuePairs[i]).append("=\"")
          .append(PrometheusFormat.escape(nameValuePairs[i + 1])).append('"');
    }
    if (!labels.isEmpty()) {
      labels.append('}');
    }
    Family family = families.get(name);
    if (family == null) {
      throw new IllegalStateException("no family " + name + " started");
    }
    family.samples().merge(labels.toString(), value, BigDecimal::add);
  }

  void sample(String name, long value, String... nameValuePairs) {
    sample(name, BigDecimal.valueOf(value), nameValuePairs);
  }

  void writeTo(Writer out) throws IOException {
    StringBuilder text = new StringBuilder(8192);
    families.forEach((name, family) -> {
      text.append("# HELP ").append(name).append(' ').append(PrometheusFormat.escapeHelp(family.help())).append('\n');
      text.append("# TYPE ").append(name).append(' ')
          .append(family.type() == Type.COUNTER ? "counter" : "gauge").append('\n');
      family.samples().forEach((labels, value) ->
          text.append(name).append(labels).append(' ').append(value.toPlainString()).append('\n'));
    });
    out.write(text.toString());
    out.flush();
  }
}
