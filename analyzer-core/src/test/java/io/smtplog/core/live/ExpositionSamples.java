package io.smtplog.core.live;

import io.smtplog.core.samples.ExpositionText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An exposition read back by the strict reader of the text format ({@link ExpositionText}): its
 * families by their TYPE lines and its samples, with the look-ups the tests compare with the reports.
 * Prometheus's own parser reads it in {@link ExpositionParserTest}.
 */
record ExpositionSamples(Map<String, String> types, List<ExpositionText.Sample> samples) {

  static ExpositionSamples read(String text) {
    List<ExpositionText.Sample> samples = ExpositionText.parse(text);
    Map<String, String> types = new LinkedHashMap<>();
    text.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")).forEach(p -> types.put(p[2], p[3]));
    return new ExpositionSamples(types, samples);
  }

  /** The families, by their TYPE lines, in order. */
  Set<String> families() {
    return types.keySet();
  }

  /** The value of the one sample of {@code name} with exactly these labels (name, value, ...); fails if none. */
  long count(String name, String... nameValuePairs) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      wanted.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + wanted)).value().longValueExact();
  }

  /** The sum of every sample of {@code name}. */
  long sum(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToLong(s -> s.value().longValueExact()).sum();
  }

  /** The samples of {@code name} added up by the value of {@code label}. */
  Map<String, Long> by(String name, String label) {
    Map<String, Long> out = new TreeMap<>();
    samples.stream().filter(s -> s.name().equals(name))
        .forEach(s -> out.merge(s.labels().get(label), s.value().longValueExact(), Long::sum));
    return out;
  }
}
