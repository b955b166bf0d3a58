package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, section 4: with {@code --pseudonymize KEY --pseudonymize-domains}, no local part and no
 * domain or host name of the input reaches any output. Every sample log and transcript, every
 * report (relay, summary, codes) in every format, and {@code sessions} in both formats; the names
 * are found in the input by a scanner of its own (not the pseudonymizer's patterns), and looked for
 * in the outputs as whole words.
 */
class PseudonymLeakScanTest {
  private static final String KEY = "leak-scan-key";
  private static final List<String> READING = List.of("--year", "2026", "--timezone", "UTC", "--transcript-time",
      "2026-11-29T12:00", "--pseudonymize", KEY, "--pseudonymize-domains");
  private static final List<String> REPORTS = List.of("relay", "summary", "codes");

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> walk = Files.walk(CliRun.sample(""))) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".log")
          || p.getFileName().toString().endsWith(".transcript")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void noLocalPartOrNameOfTheInput_reachesAnyOutput(Path sample, @TempDir Path dir) throws IOException {
    InputNames names = InputNames.scan(new String(Files.readAllBytes(sample), StandardCharsets.UTF_8));
    assertThat(leaks(names, outputs(sample, dir, READING))).as("leaks of %s", sample).isEmpty();
  }

  @Test
  void scan_findsTheNamesOfTheInput_inAReportWithoutPseudonyms(@TempDir Path dir) throws IOException {
    Path sample = CliRun.sample("postfix/loopback-relay.log");
    InputNames names = InputNames.scan(Files.readString(sample, StandardCharsets.UTF_8));
    assertThat(names.locals).contains("alice", "bob", "nouser.oscar", "fwd.erin");
    assertThat(names.hosts).contains("smtplog.test", "example.com", "sink.smtplog.test");
    List<String> plain = leaks(names, outputs(sample, dir, READING.subList(0, 6)));
    assertThat(plain).anyMatch(l -> l.startsWith("relay --format csv: relay.csv: name example.com"))
        .anyMatch(l -> l.startsWith("sessions --format text: local part alice"))
        .anyMatch(l -> l.contains("address alice@smtplog.test is not a pseudonym"));
  }

  private static List<String> leaks(InputNames names, Map<String, String> outputs) {
    List<String> leaks = new ArrayList<>();
    outputs.forEach((what, text) -> {
      for (String host : names.hosts) {
        Pattern p = host.indexOf('.') > 0 ? wholeName(host) : asHost(host);
        if (p.matcher(text).find()) {
          leaks.add(what + ": name " + host + " in ..." + around(text, p) + "...");
        }
      }
      for (String local : names.locals) {
        Pattern p = local.length() < MIN_WORD || ENGLISH_LOCAL_PARTS.contains(local) ? asLocalPart(local)
            : wholeWord(local);
        if (p.matcher(text).find()) {
          leaks.add(what + ": local part " + local + " in ..." + around(text, p) + "...");
        }
      }
      Matcher address = OUTPUT_ADDRESS.matcher(text);
      while (address.find()) {
        // An excerpt is cut at 120 characters (and "…" added), which may cut a pseudonym.
        boolean cut = address.end() < text.length() && text.charAt(address.end()) == '\u2026';
        if (!(cut ? CUT_PSEUDONYM_ADDRESS : PSEUDONYM_ADDRESS).matcher(address.group()).matches()) {
          leaks.add(what + ": address " + address.group() + " is not a pseudonym");
        }
      }
    });
    return leaks;
  }

  /** Every output of every report and format, and of sessions, by a label ("relay --format csv: relay.csv"). */
  private static Map<String, String> outputs(Path sample, Path dir, List<String> reading) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String report : REPORTS) {
      for (String format : List.of("table", "json", "html", "prometheus")) {
        List<String> args = new ArrayList<>(List.of("report", report, "--format", format));
        if (format.equals("prometheus")) {
          args.add("--per-domain");
        }
        if (format.equals("table")) {
          args.addAll(List.of("--width", "1000")); // every column shown
        }
        out.put(report + " --format " + format, run(args, reading, sample));
      }
      Path csv = dir.resolve(report);
      // a new name without ".csv": a folder of NAME.csv, also for relay's one section
      run(List.of("report", report, "--format", "csv", "--output", csv.toString()), reading, sample);
      try (Stream<Path> files = Files.list(csv)) {
        for (Path file : files.sorted().toList()) {
          out.put(report + " --format csv: " + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    for (String by : List.of("domain", "relay")) {
      out.put("codes --by " + by, run(List.of("report", "codes", "--by", by, "--format", "json"), reading, sample));
    }
    for (String format : List.of("text", "json")) {
      out.put("sessions --format " + format, run(List.of("sessions", "--format", format), reading, sample));
    }
    return out;
  }

  /**
   * Standard output (or the files written). Standard error is not scanned: it quotes problem lines
   * with their file and line for the person who has the logs and is fixing them, not for sharing.
   */
  private static String run(List<String> command, List<String> reading, Path sample) {
    List<String> args = new ArrayList<>(command);
    args.addAll(reading);
    args.add(sample.toString());
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as("%s: %s", args, run.err()).isNotIn(ExitCodes.SOFTWARE, ExitCodes.USAGE);
    return run.out();
  }

  private static String around(String text, Pattern p) {
    Matcher m = p.matcher(text);
    m.find();
    return text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40)).replace('\n', ' ');
  }

  /** A name where no letter, digit or hyphen touches it ("mx.example.com" also finds "example.com"). */
  private static Pattern wholeName(String name) {
    return Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-])", Pattern.CASE_INSENSITIVE);
  }

  /** A local part as a word: "bob" in {@code unknown user: "bob"} or {@code bob@}, not in "bobby". */
  private static Pattern wholeWord(String local) {
    return Pattern.compile("(?<![A-Za-z0-9._+=-])" + Pattern.quote(local) + "(?![A-Za-z0-9_+=-]|\\.[A-Za-z0-9])",
        Pattern.CASE_INSENSITIVE);
  }

  /**
   * A single-label name ("mx1", "localhost", "test") where an output would show it as a host: {@code
   * name[ip]}, {@code <name>}, {@code H=name}, {@code (name)}, {@code helo=<name>}, after HELO, EHLO
   * or Hello, or as a whole JSON value ({@code "relay" : "mx1"}). Elsewhere such a name is also a
   * word of smtplog's own text and JSON keys ("exim", "domain"), of HTML ("x" and "y" of SVG) and
   * of reply texts ("user", "server"), where finding it proves nothing.
   */
  private static Pattern asHost(String name) {
    String n = Pattern.quote(name);
    return Pattern.compile("(?<![A-Za-z0-9_.-])" + n + "\\.?(?=\\[[0-9a-f:.]*[.:])|<" + n + "\\.?>|\\bH=\\(?" + n
        + "(?![A-Za-z0-9_.-])|\\(" + n + "\\)|helo=<" + n + "|(?:HELO|EHLO|LHLO|Hello) " + n + "(?![A-Za-z0-9_.-])"
        + "|\" : \"" + n + "(?:\\[[^\"]*)?\"", Pattern.CASE_INSENSITIVE);
  }

  /**
   * Local parts shorter than this are looked for only where an output would show them as local parts
   * ({@link #asLocalPart}): as words, "a", "b", "i", "h1" are HTML tags and CSS, and "a/b/c/d" is
   * Postfix's delays= notation in smtplog's own titles.
   */
  private static final int MIN_WORD = 3;

  /**
   * Local parts of the samples that are also English words of reply texts and of smtplog's own
   * column names, titles and meanings: looked for only as local parts ({@link #asLocalPart}). The
   * sample generators (sample-logs/generate) named test recipients after the access action or the
   * reply they trigger (reject@, discard@, hold@, warned@, blocked@, moved@, forward@, filter@), and
   * the corpora have user@ and sender@ and postfix@ (the program's own name in every Postfix
   * line and in smtplog's "postfix" MTA name).
   */
  private static final Set<String> ENGLISH_LOCAL_PARTS = Set.of("user", "sender", "postfix", "reject", "discard",
      "hold", "warned", "blocked", "moved", "forward", "filter", "refused");

  /**
   * A local part where an output would show it as one: {@code local@}, a path without a domain
   * ({@code to=<local>}, {@code RCPT TO:<local>}), or quoted after a colon as local(8) writes it
   * ({@code unknown user: "local"}, also as JSON and CSV escape the quotes).
   */
  private static Pattern asLocalPart(String local) {
    String l = Pattern.quote(local);
    return Pattern.compile("(?<![A-Za-z0-9._+=-])" + l + "@|[=:]\\s?<" + l + ">|(?<!\\s): (?:\"|\\\\\"|\"\")" + l + "[\"\\\\]",
        Pattern.CASE_INSENSITIVE);
  }

  /** Anything shaped like an address in an output ("set_id=" and "addr=" before it are not part of it). */
  private static final Pattern OUTPUT_ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]*[A-Za-z0-9]");
  private static final Pattern PSEUDONYM_ADDRESS = Pattern.compile("u[0-9a-f]{10}@d[0-9a-f]{10}\\.example");
  private static final Pattern CUT_PSEUDONYM_ADDRESS = Pattern.compile(
      "u[0-9a-f]{10}@(?:d[0-9a-f]{10}\\.e?x?a?m?p?l?e?|d[0-9a-f]{1,10})");

  /** The local parts and the domain and host names of an input, by a simple scanner of the log shapes. */
  static final class InputNames {
    final Set<String> locals = new TreeSet<>();
    final Set<String> hosts = new TreeSet<>();

    private static final String NAME = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?";
    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._%+=~!#$&*/?^`{|}-]+)@(" + NAME + ")");
    private static final Pattern BARE_PATH = Pattern.compile(
        "(?i)(?:\\b(?:from|to|orig_to)=|\\b(?:mail from|rcpt to):\\s*)<([^<>@\\s\"]+)>");
    /** {@code host[ip]}: an IP address in the brackets (not a process id: "postfix1[12345]"). */
    private static final Pattern HOST_BRACKET = Pattern.compile("(?<![\\w.@/-])(" + NAME + ")\\[[0-9A-Fa-f:.]*[.:]");
    private static final Pattern EXIM_HOST = Pattern.compile("\\bH=\\(?(" + NAME + ")");
    private static final Pattern EXIM_HELO = Pattern.compile("\\s\\((" + NAME + ")\\)\\s?\\[");
    private static final Pattern HELO_ATTRIBUTE = Pattern.compile("\\bhelo=<(" + NAME + ")\\.?>");
    private static final Pattern HELO_COMMAND = Pattern.compile(
        "(?:^|C: |>>> |-> |\\*\\* |SMTP>> |send: ')(?i:helo|ehlo|lhlo) +(" + NAME + ")", Pattern.MULTILINE);
    private static final Pattern SYSLOG_HOST = Pattern.compile(
        "^(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\dT[\\d:.]+(?:Z|[+-]\\d\\d:?\\d\\d)?) (\\S+) ",
        Pattern.MULTILINE);
    private static final Pattern DOTTED = Pattern.compile(
        "(?<![\\w.@/-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,})(?![\\w.-])");
    private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    static InputNames scan(String input) {
      InputNames n = new InputNames();
      Matcher m = ADDRESS.matcher(input);
      while (m.find()) {
        n.local(m.group(1));
        n.host(m.group(2));
      }
      n.collect(BARE_PATH, input, true);
      for (Pattern p : List.of(HOST_BRACKET, EXIM_HOST, EXIM_HELO, HELO_ATTRIBUTE, HELO_COMMAND, SYSLOG_HOST, DOTTED)) {
        n.collect(p, input, false);
      }
      return n;
    }

    private void collect(Pattern p, String input, boolean local) {
      Matcher m = p.matcher(input);
      while (m.find()) {
        if (local) {
          local(m.group(1));
        } else {
          host(m.group(1));
        }
      }
    }

    private void local(String local) {
      String l = local.toLowerCase(Locale.ROOT).replaceAll("^[\"'<(]+|[\"'>)]+$", "");
      if (!l.isEmpty()) {
        locals.add(l);
      }
    }

    private void host(String host) {
      String h = host.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
      if (!h.isEmpty() && !IP.matcher(h).matches() && !h.equals("unknown")) {
        hosts.add(h);
      }
    }
  }
}
