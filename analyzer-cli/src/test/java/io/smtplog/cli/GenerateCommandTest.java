package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smtplog generate}: every line it writes is one the parsers understand, the relay report of
 * its output adds up, and the output has what a benchmark needs (retries over hours, expiries,
 * bounces, rejects, the number of domains asked for), for both servers. The logs are small (about
 * 5,000 lines) and slow (one connection every two minutes), so that 8-hour retry limits are reached.
 */
class GenerateCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int DOMAINS = 200;
  /** Ten large providers, then d0.example ... d189.example. */
  private static final Pattern TAIL_DOMAIN = Pattern.compile("d(\\d+)\\.example");
  private static final List<String> LARGE = List.of("gmail.com", "outlook.com", "yahoo.com", "example.com",
      "example.net", "example.org", "icloud.com", "gmx.de", "web.de", "yandex.ru");
  private static final Pattern EXIM_DEFERRAL = Pattern.compile("^(\\S+ \\d\\d:\\d\\d:\\d\\d)\\.\\d{3} \\[\\d+\\] (\\S+)"
      + " == (\\S+) R=dnslookup T=remote_smtp defer \\((?:-44|111)\\)");
  private static final Pattern POSTFIX_DEFERRAL = Pattern.compile(
      "^(\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) mx1 postfix/smtp\\[\\d+\\]: (\\w+): to=<([^>]+)>, .*status=deferred ");

  private static Path generate(Path dir, String mta, String... more) {
    Path log = dir.resolve(mta + ".log");
    List<String> args = new ArrayList<>(List.of("generate", "--mta", mta, "--lines", "5000", "--rate", "0.5",
        "--domains", Integer.toString(DOMAINS), "-o", log.toString()));
    args.addAll(List.of(more));
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).startsWith("wrote " + log + ": ");
    return log;
  }

  private static JsonNode relay(Path log) throws Exception {
    CliRun run = CliRun.run("report", "relay", "--format", "json", "--strict", "--year", "2025", "--timezone", "UTC",
        log.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return MAPPER.readTree(run.out());
  }

  @Test
  void exim_everyLineParses_theFiguresAddUp_andRetriesSpanHours(@TempDir Path dir) throws Exception {
    Path log = generate(dir, "exim");
    List<String> lines = Files.readAllLines(log);
    assertThat(lines.size()).isBetween(5000, 5100);
    JsonNode report = relay(log);
    JsonNode input = report.get("input");
    assertThat(input.get("lines").asInt()).isEqualTo(lines.size());
    assertThat(input.get("problems").asInt()).isZero();
    assertThat(input.get("other").asInt()).isZero();
    assertIdentities(report);
    assertDomains(report, "mx.smtplog.test");
    JsonNode t = totals(report);
    assertThat(t.get("relayed").asInt()).isGreaterThan(t.get("recipients").asInt() / 2);
    assertThat(t.get("local").asInt()).isPositive();
    assertThat(t.get("bounced").asInt()).isPositive();
    assertThat(t.get("expired").asInt()).isPositive();
    assertThat(t.get("rejected").asInt()).isPositive();
    assertThat(t.get("deferrals").asInt()).as("retries: several deferrals per deferred recipient")
        .isGreaterThan(3 * (t.get("deferred").asInt() + t.get("expired").asInt()));
    assertThat(lines).anyMatch(l -> l.endsWith(": retry timeout exceeded"))
        .anyMatch(l -> l.contains(" <= <> R=") && l.contains(" U=Debian-exim P=local ")
            && l.contains("T=\"Mail delivery failed: returning message to sender\" from <> for "))
        .anyMatch(l -> l.contains(" -> ")).anyMatch(l -> l.contains(" routing defer (-52) DT=0.000s: retry time not"))
        .anyMatch(l -> l.contains(" rejected RCPT <")).anyMatch(l -> l.contains(" Completed QT="))
        .anyMatch(l -> l.contains("Start queue run: pid="))
        .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[\\d+\\] .+"));
    DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    assertThat(longestRetries(lines, EXIM_DEFERRAL, s -> LocalDateTime.parse(s, stamp)))
        .as("an address deferred at least four times over more than four hours")
        .anyMatch(GenerateCommandTest::fourOverFourHours);
  }

  @Test
  void postfix_everyLineParses_theFiguresAddUp_andRetriesSpanHours(@TempDir Path dir) throws Exception {
    Path log = generate(dir, "postfix");
    List<String> lines = Files.readAllLines(log);
    JsonNode report = relay(log);
    JsonNode input = report.get("input");
    assertThat(input.get("lines").asInt()).isEqualTo(lines.size());
    assertThat(input.get("problems").asInt()).isZero();
    long dovecot = lines.stream().filter(l -> l.contains(" mx1 dovecot[")).count();
    assertThat(input.get("other").asLong()).as("only the other program's lines").isEqualTo(dovecot);
    assertIdentities(report);
    assertDomains(report, "mx1.local.example");
    JsonNode t = totals(report);
    assertThat(t.get("local").asInt()).isPositive();
    assertThat(t.get("bounced").asInt()).isPositive();
    assertThat(t.get("expired").asInt()).isPositive();
    assertThat(t.get("rejected").asInt()).isPositive();
    assertThat(t.get("deferrals").asInt()).isGreaterThan(3 * (t.get("deferred").asInt() + t.get("expired").asInt()));
    assertThat(lines).anyMatch(l -> l.endsWith(", status=expired, returned to sender"))
        .anyMatch(l -> l.contains(": sender non-delivery notification: "))
        .anyMatch(l -> l.contains(": from=<>, size="))
        .anyMatch(l -> l.contains(", relay=none, ") && l.contains("status=deferred (connect to "))
        .anyMatch(l -> l.contains(" NOQUEUE: reject: RCPT from "));
    // The log starts on Dec 30 2025: a January stamp is in 2026.
    DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", java.util.Locale.ROOT);
    assertThat(longestRetries(lines, POSTFIX_DEFERRAL,
        s -> LocalDateTime.parse((s.startsWith("Jan") ? "2026 " : "2025 ") + s, stamp)))
        .anyMatch(GenerateCommandTest::fourOverFourHours);
  }

  @Test
  void sameSettings_sameBytes_otherSeed_otherLog(@TempDir Path dir) throws Exception {
    for (String mta : List.of("postfix", "exim")) {
      Path[] dirs = {dir.resolve(mta + "-a"), dir.resolve(mta + "-b"), dir.resolve(mta + "-c")};
      for (Path d : dirs) {
        Files.createDirectories(d);
      }
      byte[] first = Files.readAllBytes(generate(dirs[0], mta));
      assertThat(Files.readAllBytes(generate(dirs[1], mta))).isEqualTo(first);
      assertThat(Files.readAllBytes(generate(dirs[2], mta, "--seed", "7"))).isNotEqualTo(first);
    }
  }

  @Test
  void megabytes_orLines_notBoth() throws Exception {
    CliRun both = CliRun.run("generate", "--lines", "10", "--megabytes", "1", "-o", "/nonexistent/x.log");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("give --megabytes or --lines, not both");
    assertThat(CliRun.run("generate", "--domains", "0", "-o", "/nonexistent/x.log").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run("generate", "--rate", "0", "-o", "/nonexistent/x.log").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  /** At least four deferrals, the last more than four hours after the first. */
  private static boolean fourOverFourHours(List<LocalDateTime> times) {
    return times.size() >= 4 && Duration.between(times.get(0), times.get(times.size() - 1)).toHours() >= 4;
  }

  /** The relay section's domain rows, without the totals row. */
  private static List<JsonNode> domainRows(JsonNode report) {
    List<JsonNode> rows = new ArrayList<>();
    report.get("sections").get("relay").get("rows").forEach(rows::add);
    return rows.subList(0, rows.size() - 1);
  }

  private static JsonNode totals(JsonNode report) {
    JsonNode rows = report.get("sections").get("relay").get("rows");
    JsonNode totals = rows.get(rows.size() - 1);
    assertThat(totals.get("domain").asText()).isEqualTo("*");
    return totals;
  }

  /**
   * The relay report's identities on each row (issue 9, section 1): recipients = delivered +
   * deferred + bounced + expired + rejected + discarded, delivered = relayed + local, delivered =
   * accepted_250 + forwarded_251 + accepted_252 + rcpt_reply_unseen; the rows add up to the totals.
   */
  private static void assertIdentities(JsonNode report) {
    List<JsonNode> rows = new ArrayList<>(domainRows(report));
    rows.add(totals(report));
    String[] counted = {"recipients", "delivered", "deferred", "bounced", "expired", "rejected", "discarded",
        "relayed", "local", "deferrals"};
    long[] sums = new long[counted.length];
    for (JsonNode r : rows) {
      String domain = r.get("domain").asText();
      assertThat(r.get("recipients").asLong()).as(domain)
          .isEqualTo(r.get("delivered").asLong() + r.get("deferred").asLong() + r.get("bounced").asLong()
              + r.get("expired").asLong() + r.get("rejected").asLong() + r.get("discarded").asLong());
      assertThat(r.get("delivered").asLong()).as(domain).isEqualTo(r.get("relayed").asLong() + r.get("local").asLong());
      assertThat(r.get("delivered").asLong()).as(domain).isEqualTo(r.get("accepted_250").asLong()
          + r.get("forwarded_251").asLong() + r.get("accepted_252").asLong() + r.get("rcpt_reply_unseen").asLong());
      if (!domain.equals("*")) {
        for (int i = 0; i < counted.length; i++) {
          sums[i] += r.get(counted[i]).asLong();
        }
      }
    }
    for (int i = 0; i < counted.length; i++) {
      assertThat(totals(report).get(counted[i]).asLong()).as("totals: %s", counted[i]).isEqualTo(sums[i]);
    }
    assertThat(totals(report).get("recipients").asLong()).isGreaterThan(500);
  }

  /** Every recipient domain is one of the {@value #DOMAINS} asked for, or the local one; most of them are seen. */
  private static void assertDomains(JsonNode report, String local) {
    List<String> names = new ArrayList<>();
    domainRows(report).forEach(r -> names.add(r.get("domain").asText()));
    assertThat(names).allMatch(n -> n.equals(local) || LARGE.contains(n) || isTail(n));
    assertThat(names).contains(local, "gmail.com").hasSizeGreaterThan(DOMAINS / 2);
  }

  private static boolean isTail(String name) {
    Matcher m = TAIL_DOMAIN.matcher(name);
    return m.matches() && Integer.parseInt(m.group(1)) < DOMAINS - LARGE.size();
  }

  /** The times of the deferrals of each (message, address), from lines whose groups are time, id, address. */
  private static List<List<LocalDateTime>> longestRetries(List<String> lines, Pattern deferral,
      java.util.function.Function<String, LocalDateTime> time) {
    Map<String, List<LocalDateTime>> byAddress = new HashMap<>();
    for (String line : lines) {
      Matcher m = deferral.matcher(line);
      if (m.find()) {
        byAddress.computeIfAbsent(m.group(2) + " " + m.group(3), k -> new ArrayList<>()).add(time.apply(m.group(1)));
      }
    }
    assertThat(byAddress).isNotEmpty();
    return new ArrayList<>(byAddress.values());
  }
}
