package io.smtplog.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, section 4: the guard that fails a test class which changes the samples (even a
 * sample's modification time), and that it runs around every test class of the module.
 */
class WorkingTreeGuardTest {
  @TempDir Path samples;

  @Test
  void guard_seesATouchedSampleAFileCreatedAndOneDeleted() throws IOException {
    Path transcript = Files.createDirectories(samples.resolve("transcripts")).resolve("telnet-sink.transcript");
    Files.writeString(transcript, "S: 220 mx ESMTP\n");
    Path readme = Files.writeString(samples.resolve("README.md"), "# samples\n");
    Files.createDirectories(samples.resolve("postfix"));
    Files.setLastModifiedTime(samples, FileTime.from(Instant.parse("2026-11-29T12:00:00Z")));
    Map<String, WorkingTreeGuard.Stamp> before = WorkingTreeGuard.snapshot(samples);
    assertThat(WorkingTreeGuard.changes(before, WorkingTreeGuard.snapshot(samples))).isEmpty();

    Files.setLastModifiedTime(transcript, FileTime.from(Instant.parse("2026-12-02T00:00:00Z")));
    Files.delete(readme);
    Files.writeString(samples.resolve("postfix/new.log"), "x\n");
    // the folder's time put back: the new file itself is seen
    Files.setLastModifiedTime(samples.resolve("postfix"), FileTime.fromMillis(before.get("postfix/").modifiedMillis()));
    assertThat(WorkingTreeGuard.changes(before, WorkingTreeGuard.snapshot(samples))).satisfiesExactly(
        change -> assertThat(change).startsWith("./ modified time 2026-11-29T12:00:00Z -> "),
        change -> assertThat(change).isEqualTo("README.md deleted"),
        change -> assertThat(change).isEqualTo("postfix/new.log created"),
        change -> assertThat(change).isEqualTo("transcripts/telnet-sink.transcript modified time "
            + Instant.ofEpochMilli(before.get("transcripts/telnet-sink.transcript").modifiedMillis())
            + " -> 2026-12-02T00:00:00Z"));
  }

  @Test
  void guard_runsAroundEveryTestClassOfTheModule() throws IOException {
    assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
        .contains(WorkingTreeGuard.class);
    Properties junit = new Properties();
    try (InputStream in = WorkingTreeGuardTest.class.getResourceAsStream("/junit-platform.properties")) {
      junit.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    assertThat(junit.getProperty("junit.jupiter.extensions.autodetection.enabled")).isEqualTo("true");
  }
}
