package io.smtplog.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.samples.SampleReports;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own parser and linter read the exposition: {@code promtool check metrics} (Debian's
 * prometheus package; .ci/run installs it) parses the text format and lints names, HELP and TYPE.
 * Skipped, saying why, where promtool is not installed.
 */
class ExpositionParserTest {
  static final String MISSING = "promtool not found on the PATH: install Debian's prometheus package"
      + " (apt-get install prometheus) to check the exposition with Prometheus's parser";

  private ExternalTool promtool;

  @BeforeEach
  void findPromtool() {
    Optional<ExternalTool> found = ExternalTool.find("promtool");
    assumeTrue(found.isPresent(), MISSING);
    promtool = found.get();
  }

  @Test
  void exposition_ofTheSamplesWithEveryFamily_passesPromtool() throws Exception {
    LiveCounters counters = new LiveCounters("0.1.0-SNAPSHOT", true);
    String text = "";
    for (Path log : SampleLogs.logsUnder("postfix")) {
      text = LiveCountersSamplesTest.exposition(log, counters);
    }
    ExpositionSamples samples = ExpositionSamples.read(text);
    assertThat(samples.families()).containsExactlyElementsOf(MetricNames.ALL);
    for (String family : MetricNames.ALL) {
      assertThat(samples.samples()).as("samples of %s", family).anyMatch(s -> s.name().equals(family));
    }
    ExternalTool.Run run = promtool.run(text, "check", "metrics");
    assertThat(run.output()).as("promtool check metrics").isEmpty();
    assertThat(run.exitCode()).as("promtool check metrics: %s", run.output()).isZero();
  }

  @Test
  void exposition_withHostileDomains_passesPromtool_andTheUnescapedTextDoesNot() throws Exception {
    List<RecipientOutcome> recipients = SampleReports.outcomes(SampleLogs.path("postfix/loopback-relay.log"))
        .recipients();
    LiveCounters counters = new LiveCounters("test", true);
    for (String domain : List.of("ex\"ample.com", "back\\slash.example", "new\nline.example", "\u001b[2Jclear.example")) {
      counters.accept(LiveCountersTest.withDomain(recipients.get(0), domain));
    }
    StringWriter out = new StringWriter();
    counters.write(out);
    ExternalTool.Run run = promtool.run(out.toString(), "check", "metrics");
    assertThat(run.exitCode()).as("promtool check metrics: %s", run.output()).isZero();

    // The control: the same text with one quote left unescaped is refused by the parser.
    ExternalTool.Run broken = promtool.run(out.toString().replace("ex\\\"ample", "ex\"ample"), "check", "metrics");
    assertThat(broken.exitCode()).isNotZero();
    assertThat(broken.output()).contains("parsing error");
  }
}
