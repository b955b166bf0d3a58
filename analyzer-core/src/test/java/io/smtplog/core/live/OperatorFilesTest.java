package io.smtplog.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator files in ops/ and docs/operations.md: the systemd unit passes {@code systemd-analyze
 * verify}, the alerting rules pass {@code promtool check rules} and their unit tests, the Grafana
 * dashboard parses, its PromQL parses, and every metric the dashboard, the rules and the page name is
 * one {@link LiveCounters} writes (renaming a metric fails here). The tools' checks are skipped,
 * saying why, where the tools are not installed.
 */
class OperatorFilesTest {
  private static final Path ROOT = SampleLogs.dir().getParent();
  private static final Path UNIT = ROOT.resolve("ops/systemd/smtplog.service");
  private static final Path DASHBOARD = ROOT.resolve("ops/grafana/smtplog-dashboard.json");
  private static final Path RULES = ROOT.resolve("ops/prometheus/smtplog-alerts.yml");
  private static final Path RULE_TESTS = ROOT.resolve("ops/prometheus/smtplog-alerts.test.yml");
  private static final Path PAGE = ROOT.resolve("docs/operations.md");
  private static final Pattern METRIC = Pattern.compile("smtplog_[a-z0-9_]+");
  private static final String NO_SYSTEMD = "systemd-analyze not found on the PATH: install Debian's systemd package"
      + " to verify ops/systemd/smtplog.service";

  @TempDir Path temp;

  /** The families {@link LiveCounters} writes while following, per-domain series included. */
  static Set<String> writtenFamilies() throws IOException {
    StringWriter out = new StringWriter();
    LiveCounters following = new LiveCounters("test", true);
    following.cycle(new io.smtplog.core.follow.FollowCycle(java.time.Instant.parse("2026-12-02T09:00:00Z"), 0, 0,
        java.util.Map.of(), java.util.Optional.empty(), false, 0, 1));
    following.write(out);
    return new TreeSet<>(ExpositionSamples.read(out.toString()).families());
  }

  private static Set<String> metricsIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void unit_runsServeFollowAsAnUnprivilegedUserWithHardening() throws IOException {
    List<String> lines = Files.readAllLines(UNIT, StandardCharsets.UTF_8);
    assertThat(lines).contains(
        "ExecStart=/usr/bin/smtplog serve --follow /var/log/mail.log --index /var/lib/smtplog/index"
            + " --listen 127.0.0.1:8025",
        "User=smtplog", "SupplementaryGroups=adm", "StateDirectory=smtplog", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "Restart=on-failure").anyMatch(l -> l.startsWith("MemoryMax="))
        .anyMatch(l -> l.startsWith("ReadWritePaths=") && l.contains("/var/lib/smtplog"));
  }

  /**
   * systemd-analyze verify checks that ExecStart names an executable file, so the test verifies a copy
   * whose ExecStart is /bin/true and whose User is the one running the test (no "smtplog" user here);
   * every other line is the unit's own. verify exits 0 even for a value it ignores, so what it prints
   * about the unit must be nothing; the control shows that it does print about a bad value.
   */
  @Test
  void unit_passesSystemdAnalyzeVerify() throws Exception {
    Optional<ExternalTool> found = ExternalTool.find("systemd-analyze");
    assumeTrue(found.isPresent(), NO_SYSTEMD);
    assertThat(Path.of("/bin/true")).isExecutable();
    String unit = read(UNIT);
    String testable = unit.replace("ExecStart=/usr/bin/smtplog ", "ExecStart=/bin/true ")
        .replace("User=smtplog\n", "User=" + System.getProperty("user.name") + "\n").replace("Group=smtplog\n", "");
    assertThat(testable).isNotEqualTo(unit).contains("ExecStart=/bin/true serve --follow");
    Path copy = temp.resolve("smtplog.service");
    Files.writeString(copy, testable, StandardCharsets.UTF_8);
    ExternalTool.Run run = found.get().run("", "verify", copy.toString());
    assertThat(run.output()).as("systemd-analyze verify").doesNotContain("smtplog.service");
    assertThat(run.exitCode()).as("systemd-analyze verify: %s", run.output()).isZero();

    Path bad = temp.resolve("bad").resolve("smtplog.service");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, testable.replaceFirst("MemoryMax=\\S+", "MemoryMax=lots"), StandardCharsets.UTF_8);
    assertThat(found.get().run("", "verify", bad.toString()).output()).contains("smtplog.service", "'lots'");
  }

  @Test
  void rules_passPromtoolCheckAndTheirUnitTests() throws Exception {
    Optional<ExternalTool> promtool = ExternalTool.find("promtool");
    assumeTrue(promtool.isPresent(), ExpositionParserTest.MISSING);
    ExternalTool.Run check = promtool.get().run("", "check", "rules", RULES.toString());
    assertThat(check.exitCode()).as("promtool check rules: %s", check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 5 rules found");
    ExternalTool.Run tests = promtool.get().run("", "test", "rules", RULE_TESTS.toString());
    assertThat(tests.exitCode()).as("promtool test rules: %s", tests.output()).isZero();
    assertThat(tests.output()).contains("SUCCESS");
  }

  @Test
  void rules_nameOnlyMetricsLiveCountersWrites() throws IOException {
    Set<String> named = metricsIn(read(RULES));
    assertThat(named).contains("smtplog_deferrals_total", "smtplog_recipients_total", "smtplog_lines_read_total",
        "smtplog_last_line_read_timestamp_seconds", "smtplog_follow_lag_bytes");
    assertThat(writtenFamilies()).containsAll(named).containsAll(metricsIn(read(RULE_TESTS)));
  }

  /** Every "expr" of the dashboard: its panels' queries and its template variables' definitions. */
  private static List<String> dashboardQueries(JsonNode dashboard) {
    List<String> queries = new ArrayList<>();
    dashboard.findValues("expr").forEach(n -> queries.add(n.asText()));
    dashboard.path("templating").path("list").forEach(v -> {
      if (v.path("type").asText().equals("query")) {
        queries.add(v.path("definition").asText());
      }
    });
    return queries;
  }

  @Test
  void dashboard_parsesWithADataSourceVariable_andNamesOnlyMetricsLiveCountersWrites() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dashboard.path("title").asText()).isEqualTo("smtplog");
    assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("DS_PROMETHEUS");
    for (JsonNode panel : dashboard.path("panels")) {
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
            .isEqualTo("${DS_PROMETHEUS}");
        assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      }
    }
    Set<String> named = new TreeSet<>();
    dashboardQueries(dashboard).forEach(q -> named.addAll(metricsIn(q)));
    assertThat(named).contains("smtplog_recipients_total", "smtplog_delivered_recipients_by_rcpt_reply_total",
        "smtplog_deferrals_total", "smtplog_rejects_total", "smtplog_replies_total", "smtplog_lines_read_total",
        "smtplog_follow_lag_bytes");
    assertThat(writtenFamilies()).containsAll(named).containsAll(metricsIn(read(DASHBOARD)));
  }

  /**
   * The dashboard's PromQL parses: each query, with Grafana's variables given values, as a recording
   * rule that promtool checks.
   */
  @Test
  void dashboard_queriesParseAsPromQL() throws Exception {
    Optional<ExternalTool> promtool = ExternalTool.find("promtool");
    assumeTrue(promtool.isPresent(), ExpositionParserTest.MISSING);
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (String query : dashboard.findValuesAsText("expr")) {
      String promql = query.replace("$__rate_interval", "5m").replace("$__range", "6h").replace("$instance", ".*");
      rules.append("      - record: dashboard:query_").append(++n).append("\n        expr: '")
          .append(promql.replace("'", "''")).append("'\n");
    }
    assertThat(n).isGreaterThanOrEqualTo(10);
    Path file = temp.resolve("dashboard-queries.yml");
    Files.writeString(file, rules, StandardCharsets.UTF_8);
    ExternalTool.Run check = promtool.get().run("", "check", "rules", file.toString());
    assertThat(check.exitCode()).as("promtool check rules on the dashboard's queries: %s", check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + n + " rules found");
  }

  /** docs/operations.md lists exactly the families LiveCounters writes, one line each. */
  @Test
  void operationsPage_listsEveryMetricWritten() throws IOException {
    Set<String> listed = new TreeSet<>();
    for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
      if (line.startsWith("- `smtplog_")) {
        Matcher m = METRIC.matcher(line);
        assertThat(m.find()).isTrue();
        assertThat(listed.add(m.group())).as("listed twice: %s", m.group()).isTrue();
      }
    }
    assertThat(listed).isEqualTo(writtenFamilies());
    assertThat(writtenFamilies()).containsAll(metricsIn(read(PAGE)));
  }
}
