package io.smtplog.core.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4, "Text format details"):
 * metric and label names by their regular expressions, label values with exactly the three
 * escapes, HELP and TYPE at most once per family and before its samples, a family's lines
 * together, and no series twice. Throws AssertionError naming the line for anything else.
 */
public final class ExpositionText {
  private ExpositionText() {}

  /** One sample: its family, labels (unescaped) and value. */
  public record Sample(String name, Map<String, String> labels, BigDecimal value) {}

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern VALUE = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|Inf|NaN)");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  public static List<Sample> parse(String text) {
    assertThat(text).as("ends with a line feed").endsWith("\n");
    List<Sample> samples = new ArrayList<>();
    Set<String> seenHelp = new HashSet<>();
    Set<String> seenType = new HashSet<>();
    Set<String> closed = new HashSet<>(); // families whose lines have ended
    Set<String> series = new HashSet<>();
    String current = null;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty() && number == text.split("\n", -1).length) {
        break;
      }
      String where = "line " + number + ": " + line;
      String family;
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ", 4);
        assertThat(parts).as(where).hasSize(4);
        family = parts[2];
        assertThat(METRIC_NAME.matcher(family).matches()).as(where).isTrue();
        boolean isHelp = parts[1].equals("HELP");
        assertThat((isHelp ? seenHelp : seenType).add(family)).as("HELP/TYPE once: " + where).isTrue();
        assertThat(samples.stream().anyMatch(s -> s.name().equals(family)))
            .as("HELP/TYPE before the samples: " + where).isFalse();
        if (isHelp) {
          unescapeHelp(parts[3], where);
        } else {
          assertThat(TYPES).as(where).contains(parts[3]);
        }
      } else {
        assertThat(line).as("no other comments or blank lines: " + where).doesNotStartWith("#").isNotEmpty();
        Sample s = sample(line, where);
        family = s.name();
        assertThat(series.add(s.name() + new TreeMap<>(s.labels()))).as("a series repeated: " + where).isTrue();
        samples.add(s);
      }
      if (!family.equals(current)) {
        assertThat(closed).as("a family's lines together: " + where).doesNotContain(family);
        if (current != null) {
          closed.add(current);
        }
        current = family;
      }
    }
    return samples;
  }

  /** The HELP text of each family, unescaped. */
  public static Map<String, String> help(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    text.lines().filter(l -> l.startsWith("# HELP ")).forEach(l -> {
      String[] parts = l.split(" ", 4);
      out.put(parts[2], unescapeHelp(parts[3], l));
    });
    return out;
  }

  private static Sample sample(String line, String where) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    assertThat(METRIC_NAME.matcher(name).matches()).as("metric name: " + where).isTrue();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        assertThat(eq).as(where).isPositive();
        String label = line.substring(i, eq);
        assertThat(LABEL_NAME.matcher(label).matches() && !label.startsWith("__")).as("label " + label + ": " + where)
            .isTrue();
        assertThat(line.charAt(eq + 1)).as(where).isEqualTo('"');
        StringBuilder raw = new StringBuilder();
        int j = eq + 2;
        while (line.charAt(j) != '"') {
          if (line.charAt(j) == '\\') {
            raw.append(line.charAt(j++));
          }
          raw.append(line.charAt(j++));
        }
        assertThat(labels.put(label, unescape(raw.toString()))).as("label twice: " + where).isNull();
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    assertThat(line.charAt(i)).as(where).isEqualTo(' ');
    String[] rest = line.substring(i + 1).split(" ");
    assertThat(rest.length).as("value and optional timestamp: " + where).isBetween(1, 2);
    assertThat(VALUE.matcher(rest[0]).matches()).as("value: " + where).isTrue();
    return new Sample(name, labels, rest[0].matches(".*(Inf|NaN)") ? BigDecimal.ZERO : new BigDecimal(rest[0]));
  }

  /** A label value: \\, \" and \n are the only escapes; anything else after a backslash is an error. */
  public static String unescape(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        char next = raw.charAt(++i);
        assertThat("\\\"n").as("escape \\" + next + " in " + raw).contains(String.valueOf(next));
        out.append(next == 'n' ? '\n' : next);
      } else {
        assertThat(c).as("raw line feed in " + raw).isNotEqualTo('\n');
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A HELP text: \\ and \n are its escapes. */
  private static String unescapeHelp(String raw, String where) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        char next = raw.charAt(++i);
        assertThat("\\n").as("escape in HELP: " + where).contains(String.valueOf(next));
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
