package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Postfix's own log (postlogd) and its container copies are told as syslog by content, with no option. */
class ContainerLogDetectionTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"maillog-file/postlogd.log", "maillog-file/docker-timestamps.log", "maillog-file/cri.log",
      "broken/cri-partial.log"})
  void samples_areSyslog(String sample) throws IOException {
    byte[] data = Files.readAllBytes(SampleLogs.path(sample));
    assertThat(FormatDetector.detect(data, data.length).format()).isEqualTo(InputFormat.SYSLOG);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2026-12-02T07:51:35.123456789Z Dec 02 07:51:35 mx1 postfix/qmgr[8641]: 1A8E621C1EE: removed| SYSLOG",
      "2026-12-02T07:51:35.1234Z stderr F Dec 02 07:51:35 mx1 postfix/qmgr[8641]: 1A8E621C1EE: removed| SYSLOG",
      "2026-12-02T07:51:35.1234Z stdout F 2026-12-02T07:51:35.000001+00:00 mx1 postfix/qmgr[8641]: 1A8E621C1EE: removed| SYSLOG",
  })
  void prefixedLines_areSyslog(String line, InputFormat format) {
    byte[] data = line.getBytes(StandardCharsets.UTF_8);
    assertThat(FormatDetector.detect(data, data.length).format()).isEqualTo(format);
  }
}
