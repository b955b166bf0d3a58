package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.report.format.CsvFormat;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.report.format.TableFormat;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, section 2: past {@link RelayCollector#HELD_DOMAINS} domains the relay figures and the
 * summary's deliveries per domain go to sorted runs on disk and are merged back; with two domains
 * held, every sample's relay and summary reports are the ones built in memory, cell for cell, in
 * every format.
 */
class SpilledDomainsTest {
  static Stream<Path> samples() throws IOException {
    return Stream.of("postfix", "exim", "corpus/postfix", "corpus/exim").flatMap(folder -> {
      try {
        return SampleLogs.logsUnder(folder).stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static ReportDocument relay(Path log, int heldDomains, int top) throws IOException {
    return relay(log, heldDomains, top, Pseudonymizer.NONE);
  }

  private static ReportDocument relay(Path log, int heldDomains, int top, Pseudonymizer pseudonyms) throws IOException {
    RelayCollector collector = new RelayCollector(pseudonyms, ZoneOffset.UTC, heldDomains);
    return ReportRun.fromLogs(Reports.RELAY, collector, pseudonyms, ReportFilter.ALL, List.of(SampleLogs.input(log)),
        SampleLogs.options(log, 2), top, bytes -> { }).document();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void twoDomainsHeld_giveTheReportBuiltInMemory(Path log) throws IOException {
    for (int top : new int[] {0, 2}) {
      ReportDocument inMemory = relay(log, RelayCollector.HELD_DOMAINS, top);
      ReportDocument spilled = relay(log, 2, top);
      JsonNode expected = JsonFormat.tree(inMemory);
      assertThat(JsonFormat.tree(spilled)).as("top %d", top).isEqualTo(expected);
      assertThat(csv(spilled)).isEqualTo(csv(inMemory));
      assertThat(table(spilled)).isEqualTo(table(inMemory));
      Section relay = spilled.sections().get(0);
      assertThat(relay.rows().get(relay.rows().size() - 1).get(0)).isEqualTo(ReportKeys.TOTALS_DOMAIN);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void twoDomainsHeld_andPseudonyms_giveThePseudonymisedReportBuiltInMemory(Path log) throws IOException {
    Pseudonymizer pseudonyms = Pseudonymizer.withKey("spill-test", true);
    ReportDocument inMemory = relay(log, RelayCollector.HELD_DOMAINS, 0, pseudonyms);
    ReportDocument spilled = relay(log, 2, 0, pseudonyms);
    assertThat(JsonFormat.tree(spilled)).isEqualTo(JsonFormat.tree(inMemory));
    assertThat(csv(spilled)).isEqualTo(csv(inMemory));
    if (spilled.sections().get(0).rows().size() > 1) { // domains beside the totals: their names are pseudonyms
      assertThat(csv(spilled)).isNotEqualTo(csv(relay(log, 2, 0)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void twoDomainsHeld_giveTheSummaryBuiltInMemory(Path log) throws IOException {
    for (int top : new int[] {0, 1, 20}) {
      ReportDocument inMemory = summary(log, RelayCollector.HELD_DOMAINS, top);
      ReportDocument spilled = summary(log, 2, top);
      assertThat(JsonFormat.tree(spilled)).as("top %d", top).isEqualTo(JsonFormat.tree(inMemory));
      StringWriter a = new StringWriter();
      StringWriter b = new StringWriter();
      TableFormat.write(inMemory, a, 120);
      TableFormat.write(spilled, b, 120);
      assertThat(b.toString()).isEqualTo(a.toString());
    }
  }

  private static ReportDocument summary(Path log, int heldDomains, int top) throws IOException {
    SummaryCollector collector = new SummaryCollector(ZoneOffset.UTC, Pseudonymizer.NONE, heldDomains);
    return ReportRun.fromLogs(Reports.SUMMARY, collector, Pseudonymizer.NONE, ReportFilter.ALL, List.of(SampleLogs.input(log)),
        SampleLogs.options(log, 2), top, bytes -> { }).document();
  }

  private static String csv(ReportDocument d) throws IOException {
    StringWriter out = new StringWriter();
    CsvFormat.write(d.sections().get(0), out);
    return out.toString();
  }

  private static String table(ReportDocument d) throws IOException {
    StringWriter out = new StringWriter();
    TableFormat.write(d.sections().get(0), out, 120);
    return out.toString();
  }
}
