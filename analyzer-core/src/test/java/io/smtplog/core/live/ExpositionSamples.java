package io.smtplog.core.live;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The samples of a text exposition, read back as the format defines it (label values unescaped), so
 * tests can compare figures with the reports. Strict: a line it cannot read fails the test. The real
 * parser check is promtool's ({@link ExpositionParserTest}).
 */
record ExpositionSamples(Map<String, String> types, List<Sample> samples) {

  /** One sample: its family, labels (unescaped, in order) and value. */
  record Sample(String name, Map<String, String> labels, BigDecimal value) {}

  static ExpositionSamples read(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        types.put(parts[2], parts[3]);
      } else if (!line.startsWith("# HELP ")) {
        samples.add(sample(line));
      }
    }
    return new ExpositionSamples(types, samples);
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        if (line.charAt(eq + 1) != '"') {
          throw new AssertionError("label value not quoted: " + line);
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(switch (next) {
              case 'n' -> '\n';
              case '\\' -> '\\';
              case '"' -> '"';
              default -> throw new AssertionError("bad escape \\" + next + " in " + line);
            });
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    if (line.charAt(i) != ' ') {
      throw new AssertionError("no value: " + line);
    }
    return new Sample(name, labels, new BigDecimal(line.substring(i + 1)));
  }

  /** The families, by their TYPE lines. */
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

  /** The samples of {@code name} by the value of {@code label}. */
  Map<String, Long> by(String name, String label) {
    Map<String, Long> out = new TreeMap<>();
    samples.stream().filter(s -> s.name().equals(name))
        .forEach(s -> out.merge(s.labels().get(label), s.value().longValueExact(), Long::sum));
    return out;
  }
}
